import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { catalogueXlsx, readCatalogueXlsx, readChannels } from './excel.ts';

/** The 公共资源交易 sample rows of regulations.md §6.4 (a) and (b), laid out as the published catalogues are. */
async function publishedSample(extra: (ws: ExcelJS.Worksheet) => void = () => undefined): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('目录');
  ws.addRow(['公共资源交易领域基层政务公开标准目录']);
  ws.addRow(['序号', '公开事项', '', '公开内容（要素）', '公开依据', '公开时限', '公开主体', '公开渠道和载体', '公开对象', '', '公开方式', '', '公开层级', '']);
  ws.addRow(['', '一级事项', '二级事项', '', '', '', '', '', '全社会', '特定群众', '主动', '依申请公开', '县级', '乡级']);
  ws.addRow([
    1,
    '工程建设项目招标投标信息',
    '审批核准信息',
    '招标内容、招标范围、招标组织形式、招标方式、招标估算金额、招标事项审核或核准部门。',
    '《招标投标法实施条例》、《政府信息公开条例》、《国务院办公厅关于推进公共资源配置领域政府信息公开的意见》',
    '信息形成之日起20个工作日内',
    '负责管理的部门分别公开',
    '■政府网站 ■管理部门网站',
    '√',
    '',
    '√',
    '',
    '',
    '',
  ]);
  ws.addRow([
    2,
    '',
    '资格预审公告',
    '招标项目名称、内容、范围、规模、资金来源；投标资格能力要求，以及是否接受联合体投标；获取资格预审文件的时间、方式；递交资格预审文件的截止时间、方式；招标人及其招标代理机构的名称、地址、联系人及联系方式；采用电子招标投标方式的，潜在投标人访问电子招标投标交易平台的网址和方法；其他依法应当载明的内容。',
    '《招标投标法》、《招标投标法实施条例》、《国务院办公厅关于推进公共资源配置领域政府信息公开的意见》、《招标公告和公示信息发布管理办法》',
    '及时公开',
    '招标人或者其委托的招标代理机构',
    '■招标投标公共服务平台',
    '√',
    '',
    '√',
    '',
    '',
    '',
  ]);
  ws.mergeCells(4, 2, 5, 2);
  extra(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('the published 公共资源交易 sample rows import with merged 一级事项, ticks, channel boxes and their time rules', async () => {
  const { rows, problems } = await readCatalogueXlsx(await publishedSample());
  assert.deepEqual(problems, []);
  assert.equal(rows.length, 2);
  assert.deepEqual(
    rows.map((r) => [r.seq, r.level1, r.level2]),
    [
      [1, '工程建设项目招标投标信息', '审批核准信息'],
      [2, '工程建设项目招标投标信息', '资格预审公告'],
    ],
  );
  assert.deepEqual(rows[0].channels, ['政府网站', '管理部门网站']);
  assert.deepEqual(rows[0].timeRule, { kind: 'working_days', days: 20, from: 'formation' });
  assert.deepEqual(rows[1].timeRule, { kind: 'immediate' });
  assert.deepEqual([rows[1].audienceAll, rows[1].audienceSpecific, rows[1].proactive, rows[1].onRequest], [true, false, true, false]);
  assert.match(rows[1].content, /资金来源；投标资格能力要求/);
});

test('every unreadable row is reported with its row number and reason', async () => {
  const { problems } = await readCatalogueXlsx(
    await publishedSample((ws) => {
      ws.addRow([3, '工程建设项目招标投标信息', '中标候选人公示', '', '《招标投标法》', '', '招标人', '■政府网站', '', '', '', '', '', '']);
      ws.addRow([4, '工程建设项目招标投标信息', '审批核准信息', '重复', '依据', '及时', '主体', '政府网站', '√', '', '√', '', '', '']);
    }),
  );
  assert.deepEqual(problems, [
    { row: 6, message: '缺少公开内容（要素）、公开时限' },
    { row: 6, message: '公开对象须勾选“全社会”或“特定群众”' },
    { row: 6, message: '公开方式须勾选“主动”或“依申请公开”' },
    { row: 7, message: '与第4行的事项重复（工程建设项目招标投标信息 / 审批核准信息）' },
  ]);
  assert.deepEqual((await readCatalogueXlsx(Buffer.from('not excel'))).problems, [{ row: 0, message: '不是有效的 Excel（.xlsx）文件' }]);
});

test('an exported catalogue has the standard heading and merged 一级事项, and imports back the same', async () => {
  const { rows } = await readCatalogueXlsx(await publishedSample());
  const out = await catalogueXlsx('某街道公共资源交易领域基层政务公开标准目录', rows);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(out as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  assert.equal(ws.getCell('B2').value, '公开事项');
  assert.equal(ws.getCell('J3').value, '特定群众');
  assert.ok(ws.getCell('B5').isMerged, '一级事项 merged over its rows');
  assert.match(String(ws.getCell('H4').value), /■政府网站 □两微一端/);
  const back = await readCatalogueXlsx(out);
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.rows, rows);
  assert.deepEqual(readChannels('政府网站、公开查阅点'), ['政府网站', '公开查阅点']);
});

test('a workbook whose parts come in any order inside the zip reads the same (workbook.xml after the sheet)', async () => {
  const JSZip = (await import('jszip')).default;
  const original = await publishedSample();
  const expected = await readCatalogueXlsx(original);
  const zip = await JSZip.loadAsync(original);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  // The order exceljs's streaming reader once tripped on: rels and shared strings first, the sheet, then workbook.xml.
  const order = [...names.filter((n) => n !== 'xl/workbook.xml' && !n.startsWith('xl/worksheets/')), ...names.filter((n) => n.startsWith('xl/worksheets/')), 'xl/workbook.xml'];
  const reordered = new JSZip();
  for (const n of order) reordered.file(n, await zip.file(n)!.async('uint8array'));
  const buffer = await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const back = await readCatalogueXlsx(buffer);
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.rows, expected.rows);
});
