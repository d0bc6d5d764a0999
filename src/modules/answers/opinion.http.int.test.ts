/**
 * 政务舆情回应 over HTTP: the office registers an incident (bad input kept), records its responses with the items
 * that carry them, and closes it; the hour clocks show met, late and overdue; supervision names the responsible unit's
 * late and missing responses; other units' staff cannot read it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem } from '../../testing/items.ts';
import { buildCalendar } from '../../lib/calendar.ts';
import { unitIndicators } from '../supervision/index.ts';
import { opinionYearSentence } from './index.ts';

test('register, respond on the clocks, close; supervision sees what was late', async (t) => {
  // 2026-03-02 10:00 China time.
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const yjj = await makeUnit(h.db, { parentId: city.id, slug: 'yjj', code: '990100011', name: '示范市应急管理局', kind: 'department' });
  const mzj = await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  await makeUser(h.db, yjj.id, ['publisher'], { username: 'yjclerk' });
  await makeUser(h.db, mzj.id, ['publisher'], { username: 'mzclerk' });
  const notice = await publishedItem(h.db, yjj.id, h.clock.now(), { title: '关于城东化工厂火情的情况通报' });

  const o = new Browser(h.app);
  await o.login('office');
  const form = {
    unitId: String(city.id),
    title: '城东化工厂火情',
    description: '网传有人员伤亡。',
    severity: 'major',
    surfacedAt: '2026-03-02T06:00',
    responsibleUnitIds: [String(yjj.id)],
  };
  const bad = await o.post('/staff/opinion/new', { ...form, surfacedAt: '2026-03-03T06:00', responsibleUnitIds: [] }, '/staff/opinion/new');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /请填写舆情出现的时间（不晚于现在）/);
  assert.match(bad.body, /请选择负责回应的单位/);
  assert.match(bad.body, /value="城东化工厂火情"/);
  const made = await o.post('/staff/opinion/new', form, '/staff/opinion/new');
  assert.equal(made.statusCode, 303);
  const id = Number(/\/staff\/opinion\/(\d+)/.exec(String(made.headers.location))![1]);
  const page = `/staff/opinion/${id}`;

  // The authoritative information at 09:30 (3.5 h, in time), with the item that carries it.
  const noItem = await o.post(`${page}/respond`, { kind: 'authoritative', givenAt: '2026-03-02T09:30', itemRef: '', note: '' }, page);
  assert.equal(noItem.statusCode, 400);
  assert.match(noItem.body, /请填写发布回应的信息/);
  assert.equal(
    (await o.post(`${page}/respond`, { kind: 'authoritative', givenAt: '2026-03-02T09:30', itemRef: notice.indexNo ?? String(notice.itemId), note: '' }, page)).statusCode,
    303,
  );
  let shown = (await o.get(page)).body;
  assert.match(shown, /权威信息（5小时内，2026-03-02 11:00前）：按时，2026-03-02 09:30/);
  assert.match(shown, /新闻发布会（24小时内，2026-03-03 06:00前）：未到期/);
  assert.match(shown, new RegExp(`href="/xxgk/yjj/items/${notice.itemId}">关于城东化工厂火情的情况通报`));

  // The responsible unit's staff read it; another unit's do not.
  const y = new Browser(h.app);
  await y.login('yjclerk');
  assert.equal((await y.get(page)).statusCode, 200);
  const m = new Browser(h.app);
  await m.login('mzclerk');
  assert.equal((await m.get(page)).statusCode, 403);
  assert.equal(
    (await y.post(`${page}/respond`, { kind: 'follow_up', givenAt: '2026-03-02T09:40', itemRef: String(notice.itemId), note: '' }, page)).statusCode,
    403,
    'the office records',
  );

  // A day and a half later the press conference has not been held: overdue, and supervision names it.
  h.clock.advanceMs(36 * 3600_000);
  await o.login('office');
  shown = (await o.get('/staff/opinion')).body;
  assert.match(shown, /新闻发布会（24小时内，2026-03-03 06:00前）：<strong>已超时未回应<\/strong>/);
  const ind = (await unitIndicators(h.db, { id: yjj.id, slug: 'yjj', level: 'city' }, buildCalendar(), '2026-03-03')).find((i) => i.key === 'opinion')!;
  assert.deepEqual(
    ind.findings.map((f) => f.detail),
    ['新闻发布会已超过24小时未发布'],
  );
  await o.post(`${page}/respond`, { kind: 'press_conference', givenAt: '2026-03-03T15:00', itemRef: '', note: '市政府新闻办第12场' }, page);
  assert.match((await o.get(page)).body, /新闻发布会（24小时内，2026-03-03 06:00前）：<strong>超时<\/strong>，2026-03-03 15:00/);

  assert.equal(await opinionYearSentence(h.db, yjj.id, 2026, new Date('2027-01-01T00:00:00+08:00')), '回应政务舆情1件（其中特别重大、重大突发事件1件），按时回应0件。');
  const noSummary = await o.post(`${page}/close`, { summary: '' }, page);
  assert.equal(noSummary.statusCode, 400);
  await o.post(`${page}/close`, { summary: '火情已扑灭，无人员伤亡，已三次发布权威信息。' }, page);
  assert.match((await o.get(page)).body, /已办结：火情已扑灭/);
  assert.equal((await o.post(`${page}/respond`, { kind: 'follow_up', givenAt: '2026-03-03T16:00', itemRef: String(notice.itemId), note: '' }, page)).statusCode, 409);
});
