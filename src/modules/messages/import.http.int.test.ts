/**
 * 12345 work orders from Excel: the template downloads and reads back; a workbook's rows are filed each on its own —
 * new, already filed (same number), refused with the reason (a bad type in the sheet, an empty title, a unit beyond the
 * officer) — and the result lists every row. A file that is not a workbook is refused with a clear message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { COLUMNS, readWorkOrdersXlsx } from './workOrderExcel.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工单');
  ws.addRow([...COLUMNS]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('12345 work orders imported from Excel, each row on its own, idempotent by number', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const zjj = await makeUnit(h.db, { parentId: city.id, slug: 'zjj', code: '990100008', name: '示范市住房和城乡建设局', kind: 'department' });
  await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  await makeUser(h.db, zjj.id, ['message_officer'], { username: 'zclerk' });
  const z = new Browser(h.app);
  await z.login('zclerk');

  const template = await z.get('/staff/messages/import/template.xlsx');
  assert.equal(template.statusCode, 200);
  assert.equal(template.headers['content-type'], XLSX);
  const back = await readWorkOrdersXlsx(template.rawPayload);
  assert.deepEqual(back.problems, []);
  assert.equal(back.orders[0].workOrderNo, 'GD20260302000123');

  const row = (no: string, o: Partial<Record<(typeof COLUMNS)[number], string>> = {}) =>
    COLUMNS.map(
      (c) =>
        ({
          工单号: no,
          收到日期: '2026-03-01',
          单位: 'zjj',
          类型: '投诉',
          领域: '',
          区域: '城东区',
          标题: '小区垃圾无人清运',
          内容: '垃圾堆了一周。',
          姓名: '',
          联系方式: '',
          同意公开: '是',
          ...o,
        })[c],
    );
  const sheet = await workbook([row('GD001'), row('GD001'), row('GD002', { 类型: '表扬' }), row('GD003', { 标题: '' }), row('GD004', { 单位: 'jyj' }), row('GD005', { 单位: '' })]);
  const r = await z.postMultipart('/staff/messages/import', {}, [{ field: 'file', filename: '工单.xlsx', content: sheet, type: XLSX }], '/staff/messages/import');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /第4行：类型“表扬”不对/);
  assert.match(r.body, /导入结果：登记 2 张，已登记过 1 张，未登记 2 张/);
  assert.match(r.body, /<td>5<\/td><td>GD003<\/td><td>未登记<\/td><td>[^<]*请填写标题/);
  assert.match(r.body, /<td>6<\/td><td>GD004<\/td><td>未登记<\/td><td>您没有执行此操作的权限。/);
  const filed = (
    await h.db.query<{ work_order_no: string; unit_id: number; channel: string; consent_publish: boolean }>(
      'SELECT work_order_no, unit_id, channel, consent_publish FROM messages ORDER BY id',
    )
  ).rows;
  assert.deepEqual(
    filed.map((m) => [m.work_order_no, m.unit_id, m.channel, m.consent_publish]),
    [
      ['GD001', zjj.id, 'hotline', true],
      ['GD005', zjj.id, 'hotline', true],
    ],
    'a row without a unit goes to the officer’s own',
  );
  // The same workbook again files nothing new.
  const again = await z.postMultipart('/staff/messages/import', {}, [{ field: 'file', filename: '工单.xlsx', content: sheet, type: XLSX }], '/staff/messages/import');
  assert.match(again.body, /导入结果：登记 0 张，已登记过 3 张/);

  const notExcel = await z.postMultipart(
    '/staff/messages/import',
    {},
    [{ field: 'file', filename: '工单.xlsx', content: Buffer.from('not a workbook'), type: XLSX }],
    '/staff/messages/import',
  );
  assert.equal(notExcel.statusCode, 422, 'refused by the upload check before any parsing');
  assert.match(notExcel.body, /<h2 id="error-summary-title">文件已损坏或不是有效的压缩格式（ZIP）。/);
  const citizen = new Browser(h.app);
  assert.equal((await citizen.get('/staff/messages/import')).statusCode, 302);
});
