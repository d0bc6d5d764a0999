/**
 * 群众关切事项清单 and "一键应答" over HTTP: the office keeps a concern linked to a policy (with its interpretation)
 * and a Q&A answer; the public asks a plain question and reaches the concern's answer page, assembled only from those
 * sources; when the policy is repealed the page shows it apart and, with the answer withheld for review, the concern
 * becomes a gap that the office's list shows. Departments cannot keep the list; bad input is kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem } from '../../testing/items.ts';
import { changeValidity } from '../publishing/index.ts';
import { approveEntry, saveEntry, submitEntry } from './index.ts';
import { unitIndicators } from '../supervision/index.ts';
import { buildCalendar } from '../../lib/calendar.ts';

test('a concern answered in one page from its sources, and a gap when they lapse', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  await makeUser(h.db, jyj.id, ['office_admin'], { username: 'jyoffice' });
  // One of the 26 standard areas, as the migrations load them.
  const area = (await h.db.query<{ code: string; name: string }>('SELECT code, name FROM catalogue_areas ORDER BY sort LIMIT 1')).rows[0];
  const system = { kind: 'system' as const, label: 'test' };
  const policy = await publishedItem(h.db, jyj.id, h.clock.now(), { title: '示范市义务教育阶段随迁子女入学办法' });
  const ctx = { now: h.clock.now(), today: '2026-03-02' };
  const qa = await saveEntry(h.db, system, ctx, {
    unitId: jyj.id,
    question: '随迁子女入学需要哪些材料？',
    variants: ['外地户口孩子上学要准备什么'],
    answer: '监护人的居住证、房屋租赁合同、户口簿。',
    answerClass: 'instant',
    handoverUnitId: null,
    handoverDays: null,
    topic: '',
    reviewBy: '2026-09-01',
    sources: [String(policy.itemId)],
  });
  await submitEntry(h.db, system, h.clock.now(), qa);
  await approveEntry(h.db, system, h.clock.now(), qa);

  const o = new Browser(h.app);
  await o.login('office');
  const concern = {
    unitId: String(city.id),
    areaCode: area.code,
    title: '随迁子女入学',
    description: '外地户籍子女在本市上学的条件、材料和流程',
    items: policy.indexNo ?? String(policy.itemId),
    answerIds: String(qa),
    responsibleUnitIds: [String(jyj.id)],
    contact: '市教育局招生办 0000-12345678',
  };
  const bad = await o.post('/staff/concerns/new', { ...concern, title: '', answerIds: '999' }, '/staff/concerns/new');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /请填写关切事项/);
  assert.match(bad.body, /外地户籍子女在本市上学的条件/);
  const made = await o.post('/staff/concerns/new', concern, '/staff/concerns/new');
  assert.equal(made.statusCode, 303);
  const id = Number(/\/staff\/concerns\/(\d+)/.exec(String(made.headers.location))![1]);
  const dept = new Browser(h.app);
  await dept.login('jyoffice');
  assert.equal((await dept.get(`/staff/concerns/${id}`)).statusCode, 403, 'the city office keeps its list');

  // The public asks in their own words and reaches the answer page, every part with its source.
  const citizen = new Browser(h.app);
  const asked = (await citizen.get(`/hdjl/gq?q=${encodeURIComponent('外地孩子在本市上学的条件')}`)).body;
  assert.match(asked, new RegExp(`href="/hdjl/gq/${id}">随迁子女入学`));
  const page = (await citizen.get(`/hdjl/gq/${id}`)).body;
  assert.match(page, /<h2 id="a-\d+">随迁子女入学需要哪些材料？<\/h2><p>监护人的居住证/);
  assert.match(page, new RegExp(`来源：<a href="/hdjl/wd/${qa}">示范市教育局常见问题`));
  assert.match(page, new RegExp(`政策依据[\\s\\S]*href="/xxgk/jyj/items/${policy.itemId}">示范市义务教育阶段随迁子女入学办法</a>（[^）]*） 现行有效`));
  assert.match(page, /市教育局招生办 0000-12345678/);
  assert.match((await citizen.get('/hdjl/gq')).body, new RegExp(`<h2>${area.name}</h2>`));
  const nothing = (await citizen.get(`/hdjl/gq?q=${encodeURIComponent('护照办理')}`)).body;
  assert.match(nothing, /没有找到能回答这个问题的已公开答复/);

  const concernsIndicator = async () =>
    (await unitIndicators(h.db, { id: city.id, slug: 'city', level: 'city' }, buildCalendar(), '2026-03-02')).find((i) => i.key === 'concerns')!;
  assert.deepEqual((await concernsIndicator()).findings, [], 'answered: no gap');

  // The policy is repealed: shown apart, the answer withheld, and the concern is a gap on the office's list.
  await changeValidity(h.db, system, h.clock.now(), policy.itemId, { validity: 'repealed', byItemId: null });
  const lapsed = (await citizen.get(`/hdjl/gq/${id}`)).body;
  assert.match(lapsed, /这个事项暂时没有现行有效的答复/);
  assert.match(lapsed, /已不再有效的文件[\s\S]*示范市义务教育阶段随迁子女入学办法<\/a>（已废止）/);
  assert.doesNotMatch(lapsed, /监护人的居住证/);
  assert.match((await o.get('/staff/concerns')).body, /随迁子女入学<\/a>[\s\S]*缺少现行有效的答复/);
  assert.deepEqual(
    (await concernsIndicator()).findings.map((f) => f.label),
    ['随迁子女入学'],
  );

  // Retired with a reason: gone from the public.
  assert.equal((await o.post(`/staff/concerns/${id}/retire`, { reason: '' }, `/staff/concerns/${id}`)).statusCode, 400);
  await o.post(`/staff/concerns/${id}/retire`, { reason: '并入“义务教育入学”事项' }, `/staff/concerns/${id}`);
  assert.equal((await citizen.get(`/hdjl/gq/${id}`)).statusCode, 404);
});
