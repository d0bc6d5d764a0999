/**
 * Messages over HTTP: a citizen writes without an account (bad input kept), gets a case number and query code once,
 * follows it; the owner unit's officer transfers it to the named unit, which accepts and answers; the answer is
 * published with personal data masked and shows in the archive; another unit's officer sees nothing; the writer of
 * another message withdraws it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';

test('write, follow, transfer, answer, publish and withdraw messages through the pages', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const zjj = await makeUnit(h.db, { parentId: city.id, slug: 'zjj', code: '990100008', name: '示范市住房和城乡建设局', kind: 'department' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  const other = await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  await makeUser(h.db, zjj.id, ['message_officer'], { username: 'zclerk' });
  await makeUser(h.db, jyj.id, ['message_officer'], { username: 'jclerk' });
  await makeUser(h.db, other.id, ['message_officer'], { username: 'stranger' });
  const citizen = new Browser(h.app);
  const form = {
    type: 'complaint',
    unitId: String(zjj.id),
    category: '',
    area: '城东区',
    title: '学校旁工地夜间施工',
    body: '城东小学旁工地每晚施工到凌晨。我的电话13912345678。',
    writerName: '王芳',
    contact: 'wangfang@example.cn',
    consentPublish: '1',
  };
  const bad = await citizen.post('/hdjl/ly/new', { ...form, type: '', body: '' }, '/hdjl/ly/new');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /请选择留言类型/);
  assert.match(bad.body, /请填写留言内容/);
  assert.match(bad.body, /value="学校旁工地夜间施工"/);
  const sent = await citizen.post('/hdjl/ly/new', form, '/hdjl/ly/new');
  assert.equal(sent.statusCode, 200);
  assert.equal(sent.headers['cache-control'], 'no-store');
  const caseNo = /留言编号：<strong>(LY\d+)<\/strong>/.exec(sent.body)![1];
  const code = /查询码：<strong>([A-Z0-9]{8})<\/strong>/.exec(sent.body)![1];
  assert.match(sent.body, /由示范市住房和城乡建设局办理，2026-03-23前答复/);

  const wrong = await citizen.post('/hdjl/ly/cx', { caseNo, queryCode: 'AAAAAAAA' }, '/hdjl/ly/cx');
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /留言编号或查询码不对/);
  const followed = (await citizen.post('/hdjl/ly/cx', { caseNo, queryCode: code }, '/hdjl/ly/cx')).body;
  assert.match(followed, /办理中[\s\S]*示范市住房和城乡建设局/);
  assert.match(followed, /自收到留言之日（2026-03-02）的次日起算 15 个工作日，2026-03-23 前答复；其间跳过周末 6 天。/, 'the due date explained');

  const id = (await h.db.query<{ id: string }>('SELECT id FROM messages WHERE case_no = $1', [caseNo])).rows[0].id;
  const page = `/staff/messages/${id}`;
  const stranger = new Browser(h.app);
  await stranger.login('stranger');
  assert.equal((await stranger.get(page)).statusCode, 403);
  assert.doesNotMatch((await stranger.get('/staff/messages')).body, /学校旁工地/);
  const z = new Browser(h.app);
  await z.login('zclerk');
  assert.match((await z.get('/staff/messages')).body, /学校旁工地夜间施工/);
  const noReason = await z.post(`${page}/transfer`, { toUnitId: String(jyj.id), reason: '' }, page);
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /请说明不属于本单位职责的理由/);
  assert.equal((await z.post(`${page}/transfer`, { toUnitId: String(jyj.id), reason: '校园周边管理属教育部门' }, page)).statusCode, 303);
  const j = new Browser(h.app);
  await j.login('jclerk');
  assert.match((await j.get('/staff/messages')).body, /学校旁工地夜间施工/, 'the named unit sees it to decide');
  assert.equal((await j.post(`${page}/decide`, { decision: 'accept', refuseReason: '' }, page)).statusCode, 303);
  assert.match((await citizen.post('/hdjl/ly/cx', { caseNo, queryCode: code }, '/hdjl/ly/cx')).body, /示范市教育局/, 'the writer sees who handles it now');
  assert.equal((await z.post(`${page}/reply`, { reply: '不是我们的了' }, '/staff/messages')).statusCode, 403);
  assert.equal((await j.post(`${page}/reply`, { reply: '已责成施工单位22时后停工，并安排夜间巡查。' }, page)).statusCode, 303);
  assert.equal((await j.post(`${page}/publish`, { publicTitle: form.title, publicBody: form.body, publicReply: '已责成施工单位22时后停工。' }, page)).statusCode, 303);

  const archive = (await citizen.get('/hdjl/ly')).body;
  assert.match(archive, new RegExp(`href="/hdjl/ly/${caseNo}">学校旁工地夜间施工`));
  const entry = (await citizen.get(`/hdjl/ly/${caseNo}`)).body;
  assert.match(entry, /已责成施工单位22时后停工/);
  assert.doesNotMatch(entry, /13912345678|王芳|wangfang/, 'no personal data in the archive');
  assert.match((await citizen.post('/hdjl/ly/cx', { caseNo, queryCode: code }, '/hdjl/ly/cx')).body, /已答复[\s\S]*夜间巡查/);

  // 一事一评: a 差评 opens a rectification with its own clock, recorded by the unit with the call-back.
  const noLevel = await citizen.post('/hdjl/ly/rate', { caseNo, queryCode: code, level: '', tags: [], comment: '' }, '/hdjl/ly/cx');
  assert.equal(noLevel.statusCode, 400);
  assert.match(noLevel.body, /请选择满意程度/);
  const rated = await citizen.post('/hdjl/ly/rate', { caseNo, queryCode: code, level: '2', tags: ['答复未解决问题', '不存在的标签'], comment: '工地仍在施工' }, '/hdjl/ly/cx');
  assert.match(rated.body, /您的评价：不满意（答复未解决问题）。承办单位将在2026-03-23前整改并回访您/);
  assert.equal((await citizen.post('/hdjl/ly/rate', { caseNo, queryCode: code, level: '5', tags: [], comment: '' }, '/hdjl/ly/cx')).statusCode, 409, 'once per message');
  const noCallback = await j.post(`${page}/rectify`, { rectification: '联合城管夜查，工地已停工', callbackResult: '' }, page);
  assert.equal(noCallback.statusCode, 400);
  assert.match(noCallback.body, /请记录回访留言人的结果/);
  assert.equal((await j.post(`${page}/rectify`, { rectification: '联合城管夜查，工地已停工', callbackResult: '电话回访，留言人表示满意' }, page)).statusCode, 303);
  assert.match((await j.get(page)).body, /整改：联合城管夜查，工地已停工；回访：电话回访，留言人表示满意/);

  // Another message on the same matter: the form first shows the published answer, then sends when asked to.
  const similar = await citizen.post('/hdjl/ly/new', { ...form, title: '工地夜间施工扰民' }, '/hdjl/ly/new');
  assert.match(similar.body, new RegExp(`href="/hdjl/ly/similar/m/${caseNo}"[^>]*>学校旁工地夜间施工`));
  assert.match(similar.body, /value="工地夜间施工扰民"/, 'what was typed is kept');
  assert.equal(await h.db.query('SELECT 1 FROM messages WHERE title = $1', ['工地夜间施工扰民']).then((r) => r.rows.length), 0, 'nothing sent yet');
  const second = await citizen.post('/hdjl/ly/new', { ...form, title: '工地夜间施工扰民', step: 'send' }, '/hdjl/ly/new');
  const caseNo2 = /留言编号：<strong>(LY\d+)<\/strong>/.exec(second.body)![1];
  const code2 = /查询码：<strong>([A-Z0-9]{8})<\/strong>/.exec(second.body)![1];
  const gone = await citizen.post('/hdjl/ly/withdraw', { caseNo: caseNo2, queryCode: code2 }, '/hdjl/ly/cx');
  assert.match(gone.body, /留言已撤回[\s\S]*已撤回/);
  assert.equal((await citizen.get(`/hdjl/ly/${caseNo2}`)).statusCode, 404, 'not in the archive');
});
