/**
 * The messages API as the 12345 hotline's system uses it: work orders pushed with the city's token (idempotent by
 * work-order number, singly or in batches where one bad order does not stop the rest), routed by the dispatch
 * catalogue, answered by the unit's own system, and the changes taken back page by page. Tokens act only within
 * their units and with the messages:write scope.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeApiToken, makeUnit } from '../../testing/factories.ts';

test('12345 work orders in, routed, answered by the unit system, and the reply taken back', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const zjj = await makeUnit(h.db, { parentId: city.id, slug: 'zjj', code: '990100008', name: '示范市住房和城乡建设局', kind: 'department' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  await h.db.query(`INSERT INTO message_dispatch (category, area, unit_id, updated_at) VALUES ('教育文体', '', $1, now())`, [jyj.id]);
  const hotline = await makeApiToken(h.db, city.id, ['messages:write']);
  const housing = await makeApiToken(h.db, zjj.id, ['messages:write'], '住建局信访系统');
  const education = await makeApiToken(h.db, jyj.id, ['messages:write'], '教育局办件系统');
  const itemsOnly = await makeApiToken(h.db, zjj.id, ['items:write'], 'OA');
  const call = (method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) =>
    h.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload ? { payload: payload as object } : {}) });

  const order = {
    workOrderNo: 'GD20260302000123',
    type: 'help',
    category: '教育文体',
    area: '城东区',
    title: '孩子入学需要哪些材料',
    body: '外地户籍孩子今年秋季入学，需要准备哪些材料？',
    contact: '13912345678',
    receivedOn: '2026-03-02',
  };
  assert.equal((await call('POST', '/api/v1/messages', undefined, order)).statusCode, 401);
  assert.equal((await call('POST', '/api/v1/messages', itemsOnly, order)).statusCode, 403);
  const bad = await call('POST', '/api/v1/messages', hotline, { ...order, type: 'praise' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
  const future = await call('POST', '/api/v1/messages', hotline, { ...order, receivedOn: '2026-04-01' });
  assert.equal(future.statusCode, 400);
  assert.ok(future.json().error.fields.receivedOn);

  const first = await call('POST', '/api/v1/messages', hotline, order);
  assert.equal(first.statusCode, 201);
  const m = first.json();
  assert.equal(m.channel, 'hotline');
  assert.equal(m.unit, '示范市教育局', 'routed by the dispatch catalogue');
  assert.equal(m.dueOn, '2026-03-16');
  assert.match(m.queryCode, /^[A-Z0-9]{8}$/);
  const again = await call('POST', '/api/v1/messages', hotline, order);
  assert.equal(again.statusCode, 200, 'the same work order again is not a second message');
  assert.equal(again.json().caseNo, m.caseNo);
  assert.equal(again.json().created, false);
  assert.equal(again.json().queryCode, undefined);

  // A department's system files only into its own unit.
  assert.equal((await call('POST', '/api/v1/messages', housing, { ...order, workOrderNo: undefined, unit: 'jyj' })).statusCode, 403);

  // A batch: new, repeated and bad orders, each on its own.
  const batch = await call('POST', '/api/v1/messages/batch', hotline, {
    messages: [
      { ...order, workOrderNo: 'GD20260302000124', category: '', unit: 'zjj', title: '楼道灯坏了', body: '3栋楼道灯坏了两周。' },
      order,
      { ...order, workOrderNo: 'GD20260302000125', title: '   ' },
    ],
  });
  assert.equal(batch.statusCode, 200);
  assert.deepEqual(
    batch.json().results.map((r: { status: string; error: { fields: Record<string, string> } | null }) => [r.status, r.error ? Object.keys(r.error.fields) : null]),
    [
      ['created', null],
      ['existing', null],
      ['rejected', ['title']],
    ],
  );
  assert.equal((await h.db.query("SELECT 1 FROM messages WHERE work_order_no = 'GD20260302000125'")).rows.length, 0, 'nothing half-written');
  assert.equal((await call('POST', '/api/v1/messages/batch', hotline, { messages: [] })).statusCode, 400);

  // The unit's own system sees and answers its message; another unit's does not see it.
  assert.equal((await call('GET', `/api/v1/messages/${m.caseNo}`, housing)).statusCode, 404);
  const seen = await call('GET', `/api/v1/messages/${m.caseNo}`, education);
  assert.equal(seen.statusCode, 200);
  assert.deepEqual(
    seen.json().events.map((e: { kind: string }) => e.kind),
    ['received'],
  );
  assert.equal((await call('POST', `/api/v1/messages/${m.caseNo}/reply`, education, { reply: '' })).statusCode, 400);
  const replied = await call('POST', `/api/v1/messages/${m.caseNo}/reply`, education, { reply: '请携带户口簿、居住证和房屋租赁合同到学校报名。' });
  assert.equal(replied.statusCode, 200);
  assert.equal(replied.json().state, 'replied');
  assert.equal(replied.json().replyWorkingDays, 0);
  assert.equal((await call('POST', `/api/v1/messages/${m.caseNo}/reply`, education, { reply: '再答一次' })).json().error.code, 'MESSAGE_INVALID_TRANSITION');

  // The hotline takes back every change, page by page, including the reply to the order it filed.
  const page1 = await call('GET', '/api/v1/messages?since=2026-03-01T00:00:00Z&limit=1', hotline);
  assert.equal(page1.statusCode, 200);
  assert.equal(page1.json().messages.length, 1);
  const page2 = await call('GET', `/api/v1/messages?limit=1&after=${page1.json().next}`, hotline);
  const page3 = await call('GET', `/api/v1/messages?limit=1&after=${page2.json().next}`, hotline);
  const all = [...page1.json().messages, ...page2.json().messages, ...page3.json().messages];
  const answered = all.find((x: { caseNo: string }) => x.caseNo === m.caseNo);
  assert.equal(answered.reply, '请携带户口簿、居住证和房屋租赁合同到学校报名。');
  assert.equal(all.length, 2);
  assert.equal(page3.json().next, null);
  assert.equal((await call('GET', '/api/v1/messages?after=nonsense', hotline)).statusCode, 400);
  assert.equal((await call('GET', '/api/v1/messages', housing)).json().messages.length, 1, 'a department sees its own unit only');
});
