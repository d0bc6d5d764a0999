/**
 * The knowledge base over HTTP: an officer writes a Q&A entry (bad input kept), resting on a published policy; a
 * reviewer publishes it; the public finds it in 常见问题 by a differently worded question and reads it with its source;
 * when the policy is repealed the answer leaves the public and shows 需复核 to staff; it comes back only as a new,
 * reviewed version. Editing a published entry keeps the published version public. Other units' staff cannot touch it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem } from '../../testing/items.ts';
import { changeValidity } from '../publishing/index.ts';

test('write, review, publish, find, and withdraw for review when the policy is repealed', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  const mzj = await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  await makeUser(h.db, jyj.id, ['publisher'], { username: 'writer' });
  await makeUser(h.db, jyj.id, ['reviewer'], { username: 'checker' });
  await makeUser(h.db, mzj.id, ['publisher', 'reviewer'], { username: 'other' });
  const policy = await publishedItem(h.db, jyj.id, h.clock.now(), { title: '示范市义务教育阶段随迁子女入学办法' });

  const w = new Browser(h.app);
  await w.login('writer');
  const entry = {
    unitId: String(jyj.id),
    question: '随迁子女入学需要哪些材料？',
    variants: '外地户口孩子上学要准备什么\n非本地户籍小孩读小学需要啥证件',
    answer: '监护人的居住证、房屋租赁合同或房产证、户口簿。\n具体以当年招生公告为准。',
    answerClass: 'instant',
    handoverUnitId: '',
    handoverDays: '',
    topic: '教育',
    reviewBy: '2026-09-01',
    sources: policy.indexNo ?? String(policy.itemId),
  };
  const bad = await w.post('/staff/answers/new', { ...entry, question: '', answerClass: 'timed', sources: '不存在的文件' }, '/staff/answers/new');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /请填写问题/);
  assert.match(bad.body, /限时答复请写明承办单位和答复时限/);
  assert.match(bad.body, /外地户口孩子上学要准备什么/, 'what was typed is kept');
  const made = await w.post('/staff/answers/new', entry, '/staff/answers/new');
  assert.equal(made.statusCode, 303);
  const id = Number(/\/staff\/answers\/(\d+)/.exec(String(made.headers.location))![1]);
  const page = `/staff/answers/${id}`;
  assert.equal((await w.post(`${page}/review`, { decision: 'approve', note: '' }, page)).statusCode, 403, 'a writer does not publish');
  await w.post(`${page}/submit`, {}, page);
  const other = new Browser(h.app);
  await other.login('other');
  assert.equal((await other.get(page)).statusCode, 403);
  const c = new Browser(h.app);
  await c.login('checker');
  assert.equal((await c.post(`${page}/review`, { decision: 'approve', note: '' }, page)).statusCode, 303);

  // The public: the list, a question asked another way, the answer with its source.
  const citizen = new Browser(h.app);
  assert.match((await citizen.get('/hdjl/wd')).body, new RegExp(`href="/hdjl/wd/${id}">随迁子女入学需要哪些材料？`));
  const asked = (await citizen.get(`/hdjl/wd?q=${encodeURIComponent('外地孩子上小学要带什么证件')}`)).body;
  assert.match(asked, new RegExp(`href="/hdjl/wd/${id}"`));
  const none = (await citizen.get(`/hdjl/wd?q=${encodeURIComponent('护照办理')}`)).body;
  assert.match(none, /没有找到能回答这个问题的已公开答复[\s\S]*给有关单位留言/);
  const shown = (await citizen.get(`/hdjl/wd/${id}`)).body;
  assert.match(shown, /监护人的居住证/);
  assert.match(shown, new RegExp(`href="/xxgk/jyj/items/${policy.itemId}">示范市义务教育阶段随迁子女入学办法`));
  // The policy's page lists the answer that rests on it (both ways).
  assert.match((await citizen.get(`/xxgk/jyj/items/${policy.itemId}`)).body, new RegExp(`相关问答[\\s\\S]*href="/hdjl/wd/${id}">随迁子女入学需要哪些材料？`));

  // The search page offers it before the documents; shown and opened are counted.
  const searched = (await citizen.get(`/search?q=${encodeURIComponent('外地户口孩子上学要准备什么')}`)).body;
  assert.match(searched, new RegExp(`常见问题的答复[\\s\\S]*href="/hdjl/wd/${id}\\?from=search">随迁子女入学需要哪些材料？`));
  await citizen.get(`/hdjl/wd/${id}?from=search`);
  const c2 = new Browser(h.app);
  await c2.login('checker');
  assert.match((await c2.get('/staff/answers')).body, /搜索页先给出问答 1 次，点开 1 次/);
  // The 依申请公开 page asks first; what it finds and what is opened are counted for that channel.
  assert.match((await citizen.get('/ysqgk')).body, /<form method="get" action="\/hdjl\/wd"[^>]*>[\s\S]*name="from" value="request"/);
  const fromRequest = (await citizen.get(`/hdjl/wd?q=${encodeURIComponent('随迁子女入学材料')}&from=request`)).body;
  assert.match(fromRequest, new RegExp(`href="/hdjl/wd/${id}\\?from=request"`));
  await citizen.get(`/hdjl/wd/${id}?from=request`);
  assert.match((await c2.get('/staff/answers')).body, /“先查一查”找到问答 1 次，点开 1 次/);
  // Per unit: the bureau's own list; another unit's is empty; an unknown unit is not found.
  assert.match((await citizen.get('/hdjl/wd?unit=jyj')).body, new RegExp(`/hdjl/wd/${id}"`));
  assert.doesNotMatch((await citizen.get('/hdjl/wd?unit=mzj')).body, new RegExp(`/hdjl/wd/${id}"`));
  assert.equal((await citizen.get('/hdjl/wd?unit=nobody')).statusCode, 404);

  // The message form offers the answer before a message is sent.
  const form = { type: 'consult', unitId: String(jyj.id), category: '', area: '', title: '外地户口孩子上学要准备什么', body: '', writerName: '', contact: '', consentPublish: '' };
  const offered = await citizen.post('/hdjl/ly/new', form, '/hdjl/ly/new');
  assert.match(offered.body, new RegExp(`href="/hdjl/ly/similar/a/${id}"[^>]*>随迁子女入学需要哪些材料？`));
  assert.equal(String((await citizen.get(`/hdjl/ly/similar/a/${id}`)).headers.location), `/hdjl/wd/${id}`);

  // Editing the published entry: the public keeps the published version until the new one is approved.
  await w.post(page, { ...entry, answer: '新的答案草稿' }, page);
  assert.match((await citizen.get(`/hdjl/wd/${id}`)).body, /监护人的居住证/);
  assert.doesNotMatch((await citizen.get(`/hdjl/wd/${id}`)).body, /新的答案草稿/);

  // The policy is repealed: the answer leaves the public and shows 需复核 to staff.
  await changeValidity(h.db, { kind: 'system', label: 'test' }, h.clock.now(), policy.itemId, { validity: 'repealed', byItemId: null });
  const withheld = (await citizen.get(`/hdjl/wd/${id}`)).body;
  assert.match(withheld, /依据的文件已废止，这条答复正在复核，暂不提供/);
  assert.doesNotMatch(withheld, /监护人的居住证/);
  assert.doesNotMatch((await citizen.get('/hdjl/wd')).body, new RegExp(`/hdjl/wd/${id}"`));
  assert.doesNotMatch((await citizen.get(`/hdjl/wd?q=${encodeURIComponent('随迁子女入学')}`)).body, new RegExp(`/hdjl/wd/${id}"`));
  assert.match((await w.get('/staff/answers')).body, /需复核：依据的文件已废止/);
  assert.doesNotMatch((await citizen.get(`/xxgk/jyj/items/${policy.itemId}`)).body, /相关问答/, 'and no longer from the repealed policy');
  // Approving again while it rests on the repealed policy is refused; with a current source it comes back as version 2.
  await w.post(`${page}/submit`, {}, page);
  const refused = await c.post(`${page}/review`, { decision: 'approve', note: '' }, page);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /已撤回、废止或失效/);
  const newPolicy = await publishedItem(h.db, jyj.id, h.clock.now(), { title: '示范市义务教育阶段随迁子女入学办法（2026年修订）' });
  await c.post(`${page}/review`, { decision: 'return', note: '请改为新办法' }, page);
  await w.post(page, { ...entry, answer: '按2026年修订的办法：居住证和租赁合同。', sources: newPolicy.indexNo ?? String(newPolicy.itemId) }, page);
  await w.post(`${page}/submit`, {}, page);
  await c.post(`${page}/review`, { decision: 'approve', note: '' }, page);
  assert.match((await citizen.get(`/hdjl/wd/${id}`)).body, /按2026年修订的办法/);

  // Withdrawn with a reason: gone from the public.
  const noReason = await c.post(`${page}/withdraw`, { reason: '' }, page);
  assert.equal(noReason.statusCode, 400);
  await c.post(`${page}/withdraw`, { reason: '招生政策调整，另行发布' }, page);
  assert.equal((await citizen.get(`/hdjl/wd/${id}`)).statusCode, 404);
  const events = (await h.db.query<{ kind: string }>('SELECT kind FROM qa_events WHERE entry_id = $1 ORDER BY id', [id])).rows.map((r) => r.kind);
  assert.deepEqual(events, ['created', 'submitted', 'published', 'saved', 'submitted', 'returned', 'saved', 'submitted', 'published', 'withdrawn']);
});
