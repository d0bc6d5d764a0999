import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem, draftItem } from '../../testing/items.ts';

async function setup() {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府', shortName: '市政府' });
  const town = await makeUnit(h.db, { parentId: city.id, kind: 'government', level: 'township', slug: 'town', code: '990100009', name: '清河镇人民政府', shortName: '清河镇' });
  return { h, city, town };
}

test('the column shows the four first-level sections in order and the Art. 20/21 sub-sections by level', async (t) => {
  const { h } = await setup();
  t.after(() => h.close());
  const b = new Browser(h.app);
  const city = /<nav class="xxgk-nav"[\s\S]*?<\/nav>/.exec((await b.get('/xxgk/city')).body)![0];
  const order = ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报'].map((s) => city.indexOf(s));
  assert.ok(
    order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1])),
    `order ${order}`,
  );
  assert.match(city, /市政建设/);
  assert.ok(!city.includes('宅基地使用情况审核'), 'township items are not on a city column');
  const town = /<nav class="xxgk-nav"[\s\S]*?<\/nav>/.exec((await b.get('/xxgk/town')).body)![0];
  assert.match(town, /宅基地使用情况审核/);
  assert.match(town, /筹资筹劳/);
  assert.ok(!town.includes('市政建设'));
  assert.equal((await b.get('/xxgk/town/s/a21_municipal')).statusCode, 404);
});

test('lists filter by topic, genre, year and validity, paginate, and ignore unknown filter values', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  for (let i = 0; i < 23; i++) await publishedItem(h.db, city.id, h.clock.now(), { title: `通知第${i}号`, publishDate: `2025-0${1 + (i % 9)}-1${i % 9}`, writtenDate: '' });
  await publishedItem(h.db, city.id, h.clock.now(), { title: '财政意见', genre: '意见', topic: '财政、金融、审计\\财政' });
  await draftItem(h.db, city.id, h.clock.now(), { title: '未发布的草稿' });
  const b = new Browser(h.app);
  const all = (await b.get('/xxgk/city/s/a20_01')).body;
  assert.match(all, /共 24 条/);
  assert.ok(!all.includes('未发布的草稿'));
  assert.match(all, /rel="next"/);
  const p2 = (await b.get('/xxgk/city/s/a20_01?page=2')).body;
  assert.equal((p2.match(/class="date"/g) ?? []).length, 4);
  assert.match((await b.get('/xxgk/city/s/a20_01?genre=' + encodeURIComponent('意见'))).body, /共 1 条/);
  assert.match((await b.get('/xxgk/city/s/a20_01?topic=' + encodeURIComponent('财政、金融、审计'))).body, /共 1 条[\s\S]*财政意见/);
  assert.match((await b.get('/xxgk/city/s/a20_01?year=2026')).body, /共 1 条/);
  assert.match((await b.get('/xxgk/city/s/a20_01?year=2025')).body, /共 23 条/);
  const odd = await b.get('/xxgk/city/s/a20_01?year=abc&topic=%3Cscript%3E&page=-5&validity=x');
  assert.equal(odd.statusCode, 200);
  assert.match(odd.body, /共 24 条/);
  assert.ok(!odd.body.includes('<script>'));
});

test('item pages carry gov.cn metadata, JSON-LD, SiteName meta tags, ETags and a print view', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  const { itemId } = await publishedItem(h.db, city.id, h.clock.now(), { title: '关于</script><script>alert(1)</script>的通知', keywords: ['政务公开'] });
  const b = new Browser(h.app);
  const r = await b.get(`/xxgk/city/items/${itemId}`);
  assert.equal(r.statusCode, 200);
  for (const label of ['索引号', '主题分类', '发布机构', '发文机关', '成文日期', '发布日期', '发文字号', '有效性', '主题词'])
    assert.match(r.body, new RegExp(`<th scope="row">${label}</th>`));
  const ld = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(r.body)![1];
  const data = JSON.parse(ld);
  assert.equal(data['@type'], 'Legislation');
  assert.equal(data.legislationIdentifier, '示府办〔2026〕1号');
  assert.equal(data.identifier, '990100001/2026-00001');
  assert.equal(data.legislationLegalForce, 'InForce');
  assert.ok(!r.body.includes('<script>alert(1)</script>'), 'the title is escaped everywhere, JSON-LD included');
  assert.match(r.body, /<meta name="ArticleTitle"/);
  const tag = r.headers.etag as string;
  assert.ok(tag);
  assert.equal((await b.get(`/xxgk/city/items/${itemId}`, { 'if-none-match': tag })).statusCode, 304);
  // A second reader is served from the page cache: same body, same security headers, no cookie set.
  const again = await new Browser(h.app).get(`/xxgk/city/items/${itemId}`);
  assert.equal(again.body, r.body);
  assert.equal(again.headers['content-security-policy'], r.headers['content-security-policy']);
  assert.equal(again.headers.etag, tag);
  assert.equal(again.headers['set-cookie'], undefined);
  const head = await h.app.inject({ method: 'HEAD', url: `/xxgk/city/items/${itemId}` });
  assert.equal(head.statusCode, 200);
  assert.equal(head.body, '');
  const print = await b.get(`/xxgk/city/items/${itemId}/print`);
  assert.match(print.body, /noindex/);
  assert.ok(!print.body.includes('xxgk-nav'));
  assert.match(r.headers['content-security-policy'] as string, /script-src 'self'/);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
});

test('Atom feeds per unit and per section, and a sitemap index that lists every published item', async (t) => {
  const { h, city, town } = await setup();
  t.after(() => h.close());
  const a = await publishedItem(h.db, city.id, h.clock.now(), { title: '城市&规划 <通知>' });
  await publishedItem(h.db, town.id, h.clock.now(), { title: '镇上的公告', sectionCode: 'a21_fundraising' });
  await draftItem(h.db, city.id, h.clock.now(), { title: '草稿不进订阅' });
  const b = new Browser(h.app);
  const feed = await b.get('/xxgk/city/feed.atom');
  assert.match(feed.headers['content-type'] as string, /application\/atom\+xml/);
  assert.match(feed.body, /<title>城市&amp;规划 &lt;通知&gt;<\/title>/);
  assert.ok(!feed.body.includes('草稿不进订阅'));
  const section = await b.get('/xxgk/town/s/a21_fundraising/feed.atom');
  assert.match(section.body, /镇上的公告/);
  assert.equal((await b.get('/xxgk/town/s/nope/feed.atom')).statusCode, 404);
  const index = await b.get('/sitemap.xml');
  assert.match(index.body, /<sitemapindex/);
  assert.match(index.body, /sitemaps\/items-1\.xml/);
  const items = await b.get('/sitemaps/items-1.xml');
  assert.match(items.body, new RegExp(`/xxgk/city/items/${a.itemId}</loc>`));
  assert.equal((await b.get('/sitemaps/items-2.xml')).statusCode, 404);
  assert.match((await b.get('/sitemaps/units.xml')).body, /\/xxgk\/town\/guide/);
});

test('the guide shows the Art. 12 contact data and its last update', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  await h.db.query(
    `UPDATE units SET office_name = '市政府办公室', address = '人民大道1号', office_hours = '工作日9:00-17:00', phone = '0999-1234567', fax = '0999-7654321', web_contact = '本网站', guide_updated_at = '2026-01-05T02:00:00Z' WHERE id = $1`,
    [city.id],
  );
  const r = await new Browser(h.app).get('/xxgk/city/guide');
  for (const s of ['市政府办公室', '人民大道1号', '工作日9:00-17:00', '0999-1234567', '0999-7654321', '本网站', '最后更新：2026-01-05']) assert.ok(r.body.includes(s), s);
});

test('an office administrator hides a sub-section and renames another; first-level sections stay', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  const admin = await makeUser(h.db, city.id, ['office_admin']);
  const b = new Browser(h.app);
  await b.login(admin.username);
  const all = [
    'a20_01',
    'a20_02',
    'a20_03',
    'a20_04',
    'a20_05',
    'a20_06',
    'a20_07',
    'a20_08',
    'a20_09',
    'a20_10',
    'a20_11',
    'a20_12',
    'a20_13',
    'a20_15',
    'a21_municipal',
    'a21_public_services',
    'a21_public_welfare',
    'a21_public_security',
    'a21_land_expropriation',
    'a21_house_expropriation',
    'a21_social_assistance',
  ];
  const tooLong = await b.post(`/staff/units/${city.id}/sections`, { enabled: all, label_a20_01: '长'.repeat(31) });
  assert.equal(tooLong.statusCode, 400);
  const ok = await b.post(`/staff/units/${city.id}/sections`, { enabled: all, label_a20_01: '政策文件' });
  assert.equal(ok.statusCode, 200);
  const col = (await new Browser(h.app).get('/xxgk/city')).body;
  assert.match(col, /政策文件/);
  assert.ok(!col.includes('公务员招考'), 'a20_14 was switched off');
  assert.match(col, /政府信息公开年报/);
  assert.equal((await new Browser(h.app).get('/xxgk/city/s/a20_14')).statusCode, 404);
});

test('the office sets a calendar day and imports a notice; bad files change nothing', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  const admin = await makeUser(h.db, city.id, ['office_admin']);
  const pub = await makeUser(h.db, city.id, ['publisher']);
  const b = new Browser(h.app);
  await b.login(admin.username);
  assert.equal((await b.post('/staff/calendar/day', { day: '2027-13-01', working: 'false', name: '' })).statusCode, 400);
  assert.equal((await b.post('/staff/calendar/day', { day: '2027-01-01', working: 'false', name: '元旦' })).statusCode, 200);
  const bad = await b.postMultipart(
    '/staff/calendar/import',
    {},
    [{ field: 'files', filename: 'x.json', content: Buffer.from('{"year": 2028, "days": [{"date": "2028-02-30", "isOffDay": true, "name": "x"}]}') }],
    '/staff/calendar',
  );
  assert.equal(bad.statusCode, 400);
  assert.equal((await h.db.query('SELECT 1 FROM calendar_years WHERE year = 2028')).rows.length, 0);
  const good = await b.postMultipart(
    '/staff/calendar/import',
    {},
    [{ field: 'files', filename: '2026.json', content: Buffer.from(JSON.stringify({ year: 2028, papers: [], days: [{ date: '2028-01-01', isOffDay: true, name: '元旦' }] })) }],
    '/staff/calendar',
  );
  assert.equal(good.statusCode, 200);
  assert.match(good.body, /2028 年 1 天/);
  assert.equal((await h.calendar.get()).isWorkingDay('2028-03-01'), true);
  const p = new Browser(h.app);
  await p.login(pub.username);
  assert.equal((await p.get('/staff/calendar')).statusCode, 403);
});
