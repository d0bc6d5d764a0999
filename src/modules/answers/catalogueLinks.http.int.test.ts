/**
 * A Q&A entry and its unit's standard-catalogue items link both ways: the officer files the entry under items of the
 * unit's published catalogue (anything else is refused, with the choice kept), the published answer names them with a
 * link to their row, and the catalogue page lists the current answers under each item — until the answer needs review.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem } from '../../testing/items.ts';
import { changeValidity } from '../publishing/index.ts';
import { catalogueItemAnchor } from '../../lib/anchors.ts';

const EMPTY_RULE = JSON.stringify({ kind: 'working_days', days: 20, from: 'formation' });

test('a Q&A entry filed under catalogue items is listed on the catalogue page and links back to their rows', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  const mzj = await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  await makeUser(h.db, jyj.id, ['publisher', 'reviewer'], { username: 'jyj-officer' });
  const area = (await h.db.query<{ code: string; name: string }>('SELECT code, name FROM catalogue_areas ORDER BY sort LIMIT 1')).rows[0];
  // Each unit's published catalogue for the area, one item each (as an import and approval would leave them).
  const keys: Record<number, string> = {};
  for (const [unit, level1] of [
    [jyj, '义务教育招生'],
    [mzj, '最低生活保障'],
  ] as const) {
    const c = await h.db.query<{ id: number }>(
      `INSERT INTO catalogues (unit_id, area_code, version_no, state, published_at) VALUES ($1, $2, 1, 'published', now()) RETURNING id::int`,
      [unit.id, area.code],
    );
    keys[unit.id] = `${level1}｜招生政策`;
    await h.db.query(
      `INSERT INTO catalogue_items (catalogue_id, seq, item_key, level1, level2, content, basis, time_limit, time_rule, publisher, channels,
                                    audience_all, audience_specific, mode_proactive, mode_on_request, tier_county, tier_township)
       VALUES ($1, 1, $2, $3, '招生政策', '招生范围、条件和材料', '《义务教育法》', '信息形成之日起20个工作日内', $4, $5, '{政府网站}', true, false, true, false, true, false)`,
      [c.rows[0].id, keys[unit.id], level1, EMPTY_RULE, unit.name],
    );
  }
  const policy = await publishedItem(h.db, jyj.id, h.clock.now(), { title: '示范市义务教育阶段随迁子女入学办法' });

  const w = new Browser(h.app);
  await w.login('jyj-officer');
  const form = await w.get('/staff/answers/new');
  assert.match(form.body, new RegExp(`<option value="${area.code}\\|义务教育招生｜招生政策">义务教育招生 / 招生政策</option>`), 'the unit’s catalogue items are offered');
  assert.doesNotMatch(form.body, /最低生活保障/, 'not another unit’s');
  const entry = {
    unitId: String(jyj.id),
    question: '随迁子女入学需要哪些材料？',
    variants: '',
    answer: '监护人的居住证、房屋租赁合同或房产证、户口簿。',
    answerClass: 'instant',
    handoverUnitId: '',
    handoverDays: '',
    topic: '',
    reviewBy: '2026-09-01',
    sources: String(policy.itemId),
  };
  const foreign = await w.post('/staff/answers/new', { ...entry, catalogueKeys: `${area.code}|${keys[mzj.id]}` });
  assert.equal(foreign.statusCode, 400);
  assert.match(foreign.body, /所属公开事项须是答复单位已公布的标准目录中的事项/);
  assert.match(foreign.body, /随迁子女入学需要哪些材料？/, 'what was typed is kept');

  const made = await w.post('/staff/answers/new', { ...entry, catalogueKeys: [`${area.code}|${keys[jyj.id]}`] });
  assert.equal(made.statusCode, 303);
  const id = Number(/\/staff\/answers\/(\d+)/.exec(String(made.headers.location))![1]);
  const staffPage = await w.get(`/staff/answers/${id}`);
  assert.match(staffPage.body, /<option value="[^"]+" selected>义务教育招生 \/ 招生政策<\/option>/, 'the saved choice shows ticked');
  await w.post(`/staff/answers/${id}/submit`, {}, `/staff/answers/${id}`);
  await w.post(`/staff/answers/${id}/review`, { decision: 'approve', note: '' }, `/staff/answers/${id}`);

  const citizen = new Browser(h.app);
  const answer = await citizen.get(`/hdjl/wd/${id}`);
  const anchor = catalogueItemAnchor(keys[jyj.id]);
  assert.match(answer.body, /<h2 id="ci-h">所属公开事项<\/h2>/);
  assert.match(answer.body, new RegExp(`href="/xxgk/jyj/jczwgk\\?area=${area.code}#${anchor}">${area.name} · 义务教育招生 / 招生政策</a>`));
  const catalogue = await citizen.get(`/xxgk/jyj/jczwgk?area=${area.code}`);
  assert.match(catalogue.body, new RegExp(`<tr id="${anchor}">`), 'the row the answer links to');
  assert.match(catalogue.body, new RegExp(`<a href="/hdjl/wd/${id}">随迁子女入学需要哪些材料？</a>`), 'the catalogue lists the answer under its item');

  const exported = (await h.app.inject({ method: 'GET', url: '/api/v1/answers' })).json<{ answers: { id: number; catalogueItems: { level1: string; url: string }[] }[] }>();
  assert.deepEqual(
    exported.answers.find((a) => a.id === id)?.catalogueItems.map((c) => [c.level1, new URL(c.url).hash]),
    [['义务教育招生', `#${anchor}`]],
    'the hotline export names the catalogue item',
  );

  // The policy is repealed: the answer needs review and leaves the catalogue page too.
  await changeValidity(h.db, { kind: 'system', label: 'test' }, h.clock.now(), policy.itemId, { validity: 'repealed', byItemId: null });
  assert.doesNotMatch((await citizen.get(`/xxgk/jyj/jczwgk?area=${area.code}`)).body, new RegExp(`/hdjl/wd/${id}"`));
});
