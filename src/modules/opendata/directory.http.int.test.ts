/**
 * A dataset filed under its unit's standard-catalogue items (anything else refused, the choice kept) links to their
 * rows; each unit's 政府数据资源目录 lists its datasets as a table and as CSV; the catalogue the CKAN API reads is kept
 * per content version, so a withdrawal shows at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedDataset, sampleMetadata } from '../../testing/datasets.ts';
import { catalogueItemAnchor } from '../../lib/anchors.ts';
import { withdrawDataset } from './index.ts';

const EMPTY_RULE = JSON.stringify({ kind: 'working_days', days: 20, from: 'formation' });

test('a dataset filed under catalogue items, the unit’s resource directory, and a catalogue kept per content version', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  const mzj = await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  await makeUser(h.db, jyj.id, ['publisher', 'reviewer'], { username: 'jyj-data' });
  const area = (await h.db.query<{ code: string }>('SELECT code FROM catalogue_areas ORDER BY sort LIMIT 1')).rows[0].code;
  for (const [unit, level1] of [
    [jyj, '义务教育招生'],
    [mzj, '最低生活保障'],
  ] as const) {
    const c = await h.db.query<{ id: number }>(
      `INSERT INTO catalogues (unit_id, area_code, version_no, state, published_at) VALUES ($1, $2, 1, 'published', now()) RETURNING id::int`,
      [unit.id, area],
    );
    await h.db.query(
      `INSERT INTO catalogue_items (catalogue_id, seq, item_key, level1, level2, content, basis, time_limit, time_rule, publisher, channels,
                                    audience_all, audience_specific, mode_proactive, mode_on_request, tier_county, tier_township)
       VALUES ($1, 1, $2, $3, '招生计划', '招生计划和学位', '《义务教育法》', '信息形成之日起20个工作日内', $4, $5, '{政府网站}', true, false, true, false, true, false)`,
      [c.rows[0].id, `${level1}｜招生计划`, level1, EMPTY_RULE, unit.name],
    );
  }
  const mine = `${area}|义务教育招生｜招生计划`;

  const w = new Browser(h.app);
  await w.login('jyj-data');
  const form = await w.get('/staff/data/new');
  assert.match(form.body, /<option value="[^"]*义务教育招生｜招生计划">义务教育招生 \/ 招生计划<\/option>/);
  assert.doesNotMatch(form.body, /最低生活保障/, 'not another unit’s items');
  const m = sampleMetadata({ title: '义务教育学校学位数' });
  const fields = { unitId: String(jyj.id), name: 'school-places', changeNote: '', ...m };
  const refused = await w.post('/staff/data/new', { ...fields, catalogueKeys: [mine, `${area}|最低生活保障｜招生计划`] }, '/staff/data/new');
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /只能选择提供单位已公布的标准目录中的事项/);
  assert.match(refused.body, /<option value="[^"]*义务教育招生｜招生计划" selected>/, 'the choice is kept');
  const saved = await w.post('/staff/data/new', { ...fields, catalogueKeys: [mine] }, '/staff/data/new');
  assert.equal(saved.statusCode, 303);
  const id = (await h.db.query<{ id: number }>(`SELECT id FROM datasets WHERE name = 'school-places'`)).rows[0].id;
  assert.deepEqual((await h.db.query<{ k: string[] }>(`SELECT metadata->'catalogueKeys' AS k FROM datasets WHERE id = $1`, [id])).rows[0].k, [mine]);

  // Published (through the factory for the other unit and this one's review), then public.
  await publishedDataset(h.db, jyj.id, h.clock.now(), { name: 'school-canteens', metadata: { title: '学校食堂检查结果', catalogueKeys: [mine] } });
  await publishedDataset(h.db, mzj.id, h.clock.now(), { name: 'dibao', metadata: { title: '低保月度统计' } });
  const citizen = new Browser(h.app);
  const page = await citizen.get('/dataset/school-canteens');
  assert.match(page.body, new RegExp(`href="/xxgk/jyj/jczwgk\\?area=${area}#${catalogueItemAnchor('义务教育招生｜招生计划')}"`));
  assert.match(page.body, /href="\/sjkf\/units\/jyj">政府数据资源目录/);
  // And back: the catalogue item's row lists the dataset filed under it.
  const catalogue = await citizen.get(`/xxgk/jyj/jczwgk?area=${area}`);
  const row = new RegExp(`<tr id="${catalogueItemAnchor('义务教育招生｜招生计划')}">(.*?)</tr>`, 's').exec(catalogue.body)?.[1] ?? '';
  assert.match(row, /数据集：<a href="\/dataset\/school-canteens">学校食堂检查结果<\/a>/);

  const dir = await citizen.get('/sjkf/units/jyj');
  assert.equal(dir.statusCode, 200);
  assert.match(dir.body, /示范市教育局政府数据资源目录/);
  assert.match(dir.body, /学校食堂检查结果/);
  assert.doesNotMatch(dir.body, /低保月度统计/);
  const csv = await citizen.get('/sjkf/units/jyj/catalog.csv');
  const rows = parse(csv.body.replace(/^\ufeff/, '')) as string[][];
  assert.deepEqual(
    rows.slice(1).map((r) => r[0]),
    ['school-canteens'],
  );
  assert.equal((await citizen.get('/sjkf/units/nope')).statusCode, 404);

  // The CKAN list reads the cached catalogue: a withdrawal shows at the next request.
  const list = async () => JSON.parse((await citizen.get('/api/3/action/package_list')).body).result as string[];
  assert.deepEqual(await list(), ['dibao', 'school-canteens']);
  assert.deepEqual(await list(), ['dibao', 'school-canteens']);
  const canteens = (await h.db.query<{ id: number }>(`SELECT id FROM datasets WHERE name = 'school-canteens'`)).rows[0].id;
  await withdrawDataset(h.db, { kind: 'system', label: 'test' }, h.clock.now(), canteens, '数据有误，核实后重新发布');
  assert.deepEqual(await list(), ['dibao']);
});
