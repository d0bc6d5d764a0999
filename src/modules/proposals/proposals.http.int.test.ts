/**
 * 建议提案办理 over HTTP: registered (bad input kept, a number once per session), answered, the deputy's feedback,
 * the publication decision — a full reply drafted as an item in the 建议提案办理结果 section that shows on the yearly
 * page once the unit's review publishes it, a refusal with its reason — and the annual report's sentence. Another
 * unit's staff cannot see or change an entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { transitionItem } from '../publishing/index.ts';
import { proposalFacts } from './index.ts';

test('register, answer, feedback, publish or refuse, and the yearly page', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  const mzj = await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  await makeUser(h.db, jyj.id, ['office_admin'], { username: 'jyoffice' });
  await makeUser(h.db, mzj.id, ['office_admin'], { username: 'mzoffice' });
  const s = new Browser(h.app);
  await s.login('jyoffice');
  const entry = {
    kind: 'suggestion',
    year: '2026',
    session: '市十七届人大四次会议',
    number: '0123',
    title: '关于增加城东学位供给的建议',
    proposer: '张伟等5名代表',
    unitId: String(jyj.id),
    coUnitIds: [String(mzj.id)],
    assignedOn: '2026-03-02',
    replyDueOn: '',
  };
  const bad = await s.post('/staff/proposals/new', { ...entry, title: '', assignedOn: '' }, '/staff/proposals/new');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /请填写标题/);
  assert.match(bad.body, /请填写交办日期/);
  assert.match(bad.body, /value="张伟等5名代表"/);
  assert.match(bad.body, new RegExp(`value="${mzj.id}" checked`), 'ticked co-units stay ticked');
  const made = await s.post('/staff/proposals/new', entry, '/staff/proposals/new');
  assert.equal(made.statusCode, 303);
  const id = Number(/\/staff\/proposals\/(\d+)/.exec(String(made.headers.location))![1]);
  const again = await s.post('/staff/proposals/new', entry, '/staff/proposals/new');
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /已经登记过这个编号/);
  const page = `/staff/proposals/${id}`;
  assert.match((await s.get(page)).body, /2026-03-02 交办，2026-06-02 前答复/);
  const other = new Browser(h.app);
  await other.login('mzoffice');
  assert.equal((await other.get(page)).statusCode, 403, 'the co-unit does not keep the lead unit’s entry');

  // The answer, the deputy's feedback, and the decision to publish in full.
  const noResult = await s.post(`${page}/reply`, { reply: '今年新建城东第二小学，增加学位1080个。', replyNo: '', result: '', repliedOn: '2026-05-20' }, page);
  assert.equal(noResult.statusCode, 400);
  assert.match(noResult.body, /请选择办理结果分类/);
  await s.post(`${page}/reply`, { reply: '今年新建城东第二小学，增加学位1080个。', replyNo: '示教建复〔2026〕12号', result: 'A', repliedOn: '2026-05-20' }, page);
  await s.post(`${page}/feedback`, { feedback: 'satisfied', note: '' }, page);
  const decided = await s.post(`${page}/publication`, { publication: 'full', summary: '', publicationReason: '' }, page);
  assert.equal(decided.statusCode, 303);
  const itemId = (await h.db.query<{ item_id: number }>('SELECT item_id FROM proposals WHERE id = $1', [id])).rows[0].item_id;
  const draft = (await h.db.query<{ section_code: string; title: string }>('SELECT v.section_code, v.title FROM item_versions v WHERE v.item_id = $1', [itemId])).rows[0];
  assert.equal(draft.section_code, 'proposals');
  assert.equal(draft.title, '关于人大代表建议《关于增加城东学位供给的建议》（市十七届人大四次会议第0123号）的答复');
  assert.equal((await s.post(`${page}/publication`, { publication: 'none', summary: '', publicationReason: '改主意' }, page)).statusCode, 409);

  // A second entry is not published, with its reason; a third is withdrawn.
  const second = await s.post(
    '/staff/proposals/new',
    { ...entry, kind: 'proposal', session: '市政协十四届四次会议', number: '045', title: '关于某学生资助个案的提案' },
    '/staff/proposals/new',
  );
  const id2 = Number(/\/staff\/proposals\/(\d+)/.exec(String(second.headers.location))![1]);
  await s.post(`/staff/proposals/${id2}/reply`, { reply: '已按政策资助。', replyNo: '', result: 'A', repliedOn: '2026-07-01' }, `/staff/proposals/${id2}`);
  const noReason = await s.post(`/staff/proposals/${id2}/publication`, { publication: 'none', summary: '', publicationReason: '' }, `/staff/proposals/${id2}`);
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /不公开的，请写明理由/);
  await s.post(`/staff/proposals/${id2}/publication`, { publication: 'none', summary: '', publicationReason: '涉及个人隐私' }, `/staff/proposals/${id2}`);
  const third = await s.post('/staff/proposals/new', { ...entry, number: '0124', title: '关于校车的建议' }, '/staff/proposals/new');
  const id3 = Number(/\/staff\/proposals\/(\d+)/.exec(String(third.headers.location))![1]);
  await s.post(`/staff/proposals/${id3}/withdraw`, { withdrawnReason: '与第0123号并案办理' }, `/staff/proposals/${id3}`);

  // The yearly page: the full reply counts as published only once the unit's review publishes the item.
  const citizen = new Browser(h.app);
  let year = (await citizen.get('/hdjl/jyta/2026')).body;
  assert.match(year, /答复待发布/);
  assert.match(year, /不公开：涉及个人隐私/);
  assert.match(year, /已撤销：与第0123号并案办理/);
  const system = { kind: 'system' as const, label: 'test' };
  for (const step of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(h.db, system, h.clock.now(), itemId, step);
  year = (await citizen.get('/hdjl/jyta')).body;
  assert.match(year, new RegExp(`href="/xxgk/jyj/items/${itemId}">查看答复（全文公开）`));
  const cells = /<th scope="row">人大代表建议<\/th>((?:<td[^>]*>[^<]*<\/td>)+)/.exec(year)![1];
  assert.deepEqual(
    [...cells.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]),
    ['1', '1', '1', '1', '0', '0', '100.0%'],
  );
  assert.match((await citizen.get(`/xxgk/jyj/items/${itemId}`)).body, /增加学位1080个/);
  assert.equal((await citizen.get('/hdjl/jyta/1999')).statusCode, 404);
  assert.match((await proposalFacts(h.db, jyj.id, 2026)).sentence, /承办人大代表建议1件，已答复1件，公开答复1件（全文公开1件、摘要公开0件），不公开0件；承办政协委员提案1件/);
});
