/**
 * Staff register a call as a message and give the caller the case number and query code; the unit asks the writer to
 * add information, which the writer does on the follow page with the code, and the officer reads in the record.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';

test('a call registered by staff, more information asked and added by the writer', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const zjj = await makeUnit(h.db, { parentId: city.id, slug: 'zjj', code: '990100008', name: '示范市住房和城乡建设局', kind: 'department' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  await h.db.query(`INSERT INTO message_dispatch (category, area, unit_id, updated_at) VALUES ('教育文体', '', $1, now())`, [jyj.id]);
  await makeUser(h.db, zjj.id, ['message_officer'], { username: 'zclerk' });
  await makeUser(h.db, jyj.id, ['message_officer'], { username: 'jclerk' });
  const z = new Browser(h.app);
  await z.login('zclerk');
  const call = {
    channel: 'phone',
    receivedOn: '2026-03-02',
    unitId: String(zjj.id),
    type: 'help',
    category: '',
    area: '城东区',
    title: '楼上漏水',
    body: '楼上住户漏水到我家，物业不管。',
    writerName: '刘女士',
    contact: '',
    consentPublish: '',
  };
  const bad = await z.post('/staff/messages/new', { ...call, channel: 'fax', title: '' }, '/staff/messages/new');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /请选择渠道/);
  assert.match(bad.body, /value="楼上住户漏水到我家，物业不管。"|>楼上住户漏水到我家，物业不管。</);
  const done = await z.post('/staff/messages/new', call, '/staff/messages/new');
  assert.equal(done.statusCode, 200);
  assert.equal(done.headers['cache-control'], 'no-store');
  const caseNo = /留言编号：<strong>(LY\d+)<\/strong>/.exec(done.body)![1];
  const queryCode = /查询码：<strong>([A-Z0-9]{8})<\/strong>/.exec(done.body)![1];
  const row = (await h.db.query<{ id: number; channel: string; unit_id: number }>('SELECT id::int, channel, unit_id FROM messages WHERE case_no = $1', [caseNo])).rows[0];
  assert.deepEqual([row.channel, row.unit_id], ['phone', zjj.id]);
  // A category the catalogue gives to another unit: registered at housing, routed to education.
  const routed = await z.post('/staff/messages/new', { ...call, category: '教育文体', title: '校车接送' }, '/staff/messages/new');
  assert.match(routed.body, /由示范市教育局办理/);
  // Another unit's officer cannot register for housing.
  const j = new Browser(h.app);
  await j.login('jclerk');
  assert.equal((await j.post('/staff/messages/new', call, '/staff/messages/new')).statusCode, 403);

  // The unit asks for more; the writer answers with the code on the follow page.
  const page = `/staff/messages/${row.id}`;
  assert.equal((await z.post(`${page}/ask`, { question: '' }, page)).statusCode, 400);
  assert.equal((await z.post(`${page}/ask`, { question: '请说明楼上的门牌号和漏水开始的时间' }, page)).statusCode, 303);
  const citizen = new Browser(h.app);
  const followed = (await citizen.post('/hdjl/ly/cx', { caseNo, queryCode }, '/hdjl/ly/cx')).body;
  assert.match(followed, /承办单位请您补充说明[\s\S]*请说明楼上的门牌号和漏水开始的时间/);
  const empty = await citizen.post('/hdjl/ly/add', { caseNo, queryCode, addition: '' }, '/hdjl/ly/cx');
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /请填写补充说明/);
  assert.equal((await citizen.post('/hdjl/ly/add', { caseNo, queryCode: 'WRONG000', addition: '3栋502' }, '/hdjl/ly/cx')).statusCode, 400);
  const added = await citizen.post('/hdjl/ly/add', { caseNo, queryCode, addition: '3栋502，2月20日开始漏水' }, '/hdjl/ly/cx');
  assert.match(added.body, /补充说明已提交/);
  assert.doesNotMatch(added.body, /提交补充说明<\/button>/, 'the question is answered');
  assert.equal((await citizen.post('/hdjl/ly/add', { caseNo, queryCode, addition: '再补充' }, '/hdjl/ly/cx')).statusCode, 409);
  assert.match((await z.get(page)).body, /留言人补充说明：3栋502，2月20日开始漏水/);
  assert.match((await z.get('/staff/inbox')).body, new RegExp(`留言人已补充说明：${caseNo} 楼上漏水`));
});
