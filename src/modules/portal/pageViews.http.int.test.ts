/**
 * Page views of the public column: counted per day, unit, column and item without cookies or personal data (cached
 * pages too, crawlers not), shown as 浏览次数 on item pages, and reported to the office per unit and column.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { publishedItem } from '../../testing/items.ts';
import { Browser } from '../../testing/http.ts';
import { countedPage } from './pageViews.ts';

test('which pages are counted', () => {
  assert.deepEqual(countedPage('/xxgk/city'), { slug: 'city', section: '', itemId: 0 });
  assert.deepEqual(countedPage('/xxgk/city/s/a20_11?page=2'), { slug: 'city', section: 'a20_11', itemId: 0 });
  assert.deepEqual(countedPage('/xxgk/city/items/42'), { slug: 'city', section: '', itemId: 42 });
  assert.equal(countedPage('/xxgk/city/items/42/attachments/3'), null);
  assert.equal(countedPage('/xxgk/city/feed.atom'), null);
});

test('views are counted without cookies, shown on the item page, and reported per unit and column', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const town = await makeUnit(h.db, { parentId: city.id, slug: 'qhz', code: '990102101', name: '清河镇人民政府', level: 'township' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  await makeUser(h.db, town.id, ['office_admin'], { username: 'town' });
  const item = await publishedItem(h.db, city.id, h.clock.now(), { title: '示范市2026年城乡低保标准', sectionCode: 'a20_11' });

  const reader = new Browser(h.app);
  const first = await h.app.inject(`/xxgk/city/items/${item.itemId}`);
  assert.equal(first.headers['set-cookie'], undefined, 'no cookie for counting');
  await reader.get(`/xxgk/city/items/${item.itemId}`); // from the page cache now: counted too
  await h.app.inject({ url: `/xxgk/city/items/${item.itemId}`, headers: { 'user-agent': 'Mozilla/5.0 (compatible; Baiduspider/2.0)' } });
  await reader.get('/xxgk/city');
  await reader.get('/xxgk/city/s/a20_11');
  await reader.get('/xxgk/nowhere');
  await reader.get('/xxgk/qhz');
  assert.equal(await h.app.viewCounter.flush(), 4);
  const rows = (await h.db.query<{ section: string; item_id: string; views: number }>('SELECT section, item_id::text, views FROM page_views ORDER BY unit_id, section, item_id'))
    .rows;
  assert.deepEqual(
    rows.map((r) => [r.section, r.item_id, r.views]),
    [
      ['', '0', 1],
      ['', String(item.itemId), 2],
      ['a20_11', '0', 1],
      ['', '0', 1],
    ],
  );
  // Counted again the next minute: the sums grow.
  await reader.get('/xxgk/city');
  await h.app.viewCounter.flush();
  assert.equal((await h.db.query<{ views: number }>(`SELECT views FROM page_views WHERE unit_id = $1 AND section = '' AND item_id = 0`, [city.id])).rows[0].views, 2);

  const office = new Browser(h.app);
  await office.login('office');
  // Signed-in pages are rendered fresh: the item page shows its views.
  assert.match((await office.get(`/xxgk/city/items/${item.itemId}`)).body, /<th scope="row">浏览次数<\/th><td[^>]*>2<\/td>/);
  const report = (await office.get('/staff/supervision/visits')).body;
  assert.match(report, /<th scope="row">示范市人民政府<\/th><td>合计<\/td><td><strong>5<\/strong><\/td>/);
  // The item's two views count under its column (a20_11) with the column's own list page: 3.
  assert.match(report, /<td>扶贫、教育、医疗、社会保障、促进就业<\/td><td>3<\/td><td>1<\/td>/);
  assert.match(report, /<th scope="row">清河镇人民政府<\/th><td>合计<\/td><td><strong>1<\/strong><\/td>/);
  const csv = (await office.get('/staff/supervision/visits.csv?from=2026-03-01&to=2026-03-02')).body;
  assert.match(csv, /"示范市人民政府","栏目首页","2","0"/);
  // A town's office sees only its own units.
  const townOffice = new Browser(h.app);
  await townOffice.login('town');
  const own = (await townOffice.get('/staff/supervision/visits')).body;
  assert.match(own, /清河镇人民政府/);
  assert.doesNotMatch(own, /<th scope="row">示范市人民政府/);
  // Another period: nothing.
  assert.match((await office.get('/staff/supervision/visits?from=2025-01-01&to=2025-01-31')).body, /这一期间没有浏览记录/);
});
