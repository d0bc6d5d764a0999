/**
 * The knowledge base's workbook: an export reads back in the import's layout; an import makes each good row a draft
 * for review and reports the others (a bad class in the sheet, an empty question, a unit beyond the importer).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem } from '../../testing/items.ts';
import { COLUMNS, readEntriesXlsx } from './excel.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('export and import the knowledge base as a workbook', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  await makeUser(h.db, jyj.id, ['publisher'], { username: 'writer' });
  const policy = await publishedItem(h.db, jyj.id, h.clock.now(), { title: '示范市义务教育阶段随迁子女入学办法' });
  const w = new Browser(h.app);
  await w.login('writer');

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('常见问题');
  ws.addRow([...COLUMNS]);
  ws.addRow([
    'jyj',
    '随迁子女入学需要哪些材料？',
    '外地孩子上学要什么\n非本地户籍入学',
    '居住证、租赁合同、户口簿。',
    '即时',
    '2026-09-01',
    policy.indexNo ?? String(policy.itemId),
  ]);
  ws.addRow(['jyj', '学位不够怎么办？', '', '统筹安排。', '以后', '2026-09-01', '']);
  ws.addRow(['jyj', '', '', '没有问题的答案。', '短时', '2026-09-01', '']);
  ws.addRow(['mzj', '低保怎么申请？', '', '向街道申请。', '即时', '2026-09-01', '']);
  const sheet = Buffer.from(await wb.xlsx.writeBuffer());
  const r = await w.postMultipart('/staff/answers/import', {}, [{ field: 'file', filename: '问答.xlsx', content: sheet, type: XLSX }], '/staff/answers/import');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /第3行：答复类别“以后”不对/);
  assert.match(r.body, /导入结果：1 条成为草稿，2 条未导入/);
  assert.match(r.body, /<td>4<\/td><td><\/td><td>未导入：请填写问题<\/td>/);
  assert.match(r.body, /<td>5<\/td><td>低保怎么申请？<\/td><td>未导入：您没有执行此操作的权限。<\/td>/);
  const made = (await h.db.query<{ state: string; variants: string[]; source_item_ids: number[] }>('SELECT state, variants, source_item_ids FROM qa_entries')).rows;
  assert.deepEqual(made, [{ state: 'draft', variants: ['外地孩子上学要什么', '非本地户籍入学'], source_item_ids: [policy.itemId] }]);

  const exported = await w.get('/staff/answers/export.xlsx');
  assert.equal(exported.headers['content-type'], XLSX);
  const back = await readEntriesXlsx(exported.rawPayload);
  assert.deepEqual(back.problems, []);
  assert.deepEqual(
    back.entries.map((e) => [e.unit, e.question, e.variants, e.answerClass, e.reviewBy, e.sources]),
    [['jyj', '随迁子女入学需要哪些材料？', ['外地孩子上学要什么', '非本地户籍入学'], 'instant', '2026-09-01', [policy.indexNo ?? String(policy.itemId)]]],
  );
  const notXlsx = await w.postMultipart('/staff/answers/import', {}, [{ field: 'file', filename: 'x.xlsx', content: Buffer.from('no'), type: XLSX }], '/staff/answers/import');
  assert.equal(notXlsx.statusCode, 422);
});
