/** Catalogue workbooks for tests: the 公共资源交易 sample rows of regulations.md §6.4 plus rows marked 县级 / 乡级. */
import ExcelJS from 'exceljs';

export async function sampleCatalogueXlsx(extraRows: (string | number)[][] = []): Promise<Buffer> {
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
    '√',
    '',
  ]);
  ws.addRow([
    2,
    '',
    '资格预审公告',
    '招标项目名称、内容、范围、规模、资金来源等。',
    '《招标投标法》、《招标投标法实施条例》',
    '及时公开',
    '招标人或者其委托的招标代理机构',
    '■招标投标公共服务平台',
    '√',
    '',
    '√',
    '',
    '√',
    '√',
  ]);
  ws.mergeCells(4, 2, 5, 2);
  ws.addRow([
    3,
    '农村集体产权交易',
    '交易结果',
    '交易项目、成交价格、受让方。',
    '《政府信息公开条例》',
    '每季度',
    '乡镇',
    '■政府网站 ■社区/企事业单位/村公示栏（电子屏）',
    '√',
    '',
    '√',
    '',
    '',
    '√',
  ]);
  for (const r of extraRows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
