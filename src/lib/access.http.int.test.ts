/** Who may see and change what, through HTTP: each case here once gave the wrong person data or control. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../testing/harness.ts';
import { makeUnit, makeUser } from '../testing/factories.ts';
import { draftItem } from '../testing/items.ts';
import { Browser } from '../testing/http.ts';
import { safePath, withNotice } from './notice.ts';
import { csvSafe } from './csv.ts';

async function city() {
  const h = await makeTestApp();
  const top = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  const district = await makeUnit(h.db, { parentId: top.id, kind: 'government', level: 'county', slug: 'east', code: '990100002' });
  const dept = await makeUnit(h.db, { parentId: top.id, slug: 'civil', code: '990100003' });
  return { h, top, district, dept };
}

test('the city-wide calendar and search settings are the city office’s alone; a district office is refused', async (t) => {
  const { h, top, district } = await city();
  t.after(() => h.close());
  await makeUser(h.db, district.id, ['office_admin'], { username: 'east.office' });
  await makeUser(h.db, top.id, ['office_admin'], { username: 'city.office' });
  const east = new Browser(h.app);
  await east.login('east.office');
  for (const url of ['/staff/calendar', '/staff/search', '/staff/search/synonyms']) assert.equal((await east.get(url)).statusCode, 403, url);
  const cityOffice = new Browser(h.app);
  await cityOffice.login('city.office');
  for (const url of ['/staff/calendar', '/staff/search', '/staff/search/synonyms']) assert.equal((await cityOffice.get(url)).statusCode, 200, url);
  const set = await cityOffice.post('/staff/calendar/day', { day: '2026-10-10', working: 'false', name: '测试' }, '/staff/calendar');
  assert.ok([200, 303].includes(set.statusCode), String(set.statusCode));
  const audited = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'calendar.set_day'`);
  assert.equal(audited.rows[0].n, 1);
});

test('an interpretation cannot link to another unit’s unpublished draft, and the answer is the same as for no item', async (t) => {
  const { h, dept, district } = await city();
  t.after(() => h.close());
  await makeUser(h.db, dept.id, ['publisher'], { username: 'civil.pub' });
  const secret = await draftItem(h.db, district.id, h.clock.now(), { title: '区里尚未公开的草稿' });
  const b = new Browser(h.app);
  await b.login('civil.pub');
  const form = { unitId: String(dept.id), kind: 'interpretation', title: '政策解读', sectionCode: 'a20_01', disclosure: 'proactive', bodyHtml: '解读正文' };
  const hidden = await b.post('/staff/items', { ...form, interprets: String(secret.itemId) }, '/staff/items/new');
  const missing = await b.post('/staff/items', { ...form, interprets: '999999' }, '/staff/items/new');
  assert.equal(hidden.statusCode, 400);
  assert.equal(missing.statusCode, 400);
  assert.doesNotMatch(hidden.body, /区里尚未公开的草稿/);
  const msg = (body: string, id: string) => /所解读的政策（编号 \d+）不存在或不可引用/.exec(body)?.[0].replace(id, 'N');
  assert.equal(msg(hidden.body, String(secret.itemId)), msg(missing.body, '999999'));
});

test('the JSON API never takes a staff session cookie for a write', async (t) => {
  const { h, dept } = await city();
  t.after(() => h.close());
  await makeUser(h.db, dept.id, ['publisher', 'reviewer', 'secrecy_reviewer', 'request_officer'], { username: 'all' });
  const b = new Browser(h.app);
  await b.login('all');
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await h.app.inject({ method: 'POST', url: '/api/v1/items', headers: { cookie }, payload: { title: '跨站伪造', section: 'a20_01', disclosure: 'proactive' } });
  assert.equal(res.statusCode, 401);
  assert.equal(res.json().error.code, 'AUTH_REQUIRED');
  const step = await h.app.inject({ method: 'POST', url: '/api/v1/requests/X/steps/decide', headers: { cookie }, payload: {} });
  assert.ok(step.statusCode >= 400, String(step.statusCode));
  assert.equal((await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM information_items')).rows[0].n, 0);
});

test('redirects stay on the site; notices show only what the server wrote; CSV cells are never formulas', async (t) => {
  const { h, dept } = await city();
  t.after(() => h.close());
  for (const evil of ['/%5Cevil.example', '/\\evil.example', '//evil.example', 'https://evil.example', '/%2F%2Fevil.example', '/\t/evil.example', 'javascript:alert(1)']) {
    assert.equal(safePath(evil), '/', evil);
    const prefs = await h.app.inject(`/prefs?script=hant&back=${encodeURIComponent(evil)}`);
    assert.equal(prefs.headers.location, '/', evil);
  }
  assert.equal(safePath('/xxgk/civil?page=2'), '/xxgk/civil?page=2');
  const login = await h.app.inject('/login?next=' + encodeURIComponent('/\\evil.example'));
  assert.match(login.body, /name="next" value="\/"/);
  await makeUser(h.db, dept.id, ['publisher'], { username: 'pub' });
  const item = await draftItem(h.db, dept.id, h.clock.now());
  const b = new Browser(h.app);
  await b.login('pub');
  const forged = await b.get(`/staff/items/${item.itemId}?done=${encodeURIComponent('您的账号已被停用，请立即拨打 400-000-0000')}`);
  assert.doesNotMatch(forged.body, /您的账号已被停用/);
  const genuine = await b.get(withNotice(`/staff/items/${item.itemId}`, '已保存有效性', h.config.secret));
  assert.match(genuine.body, /已保存有效性/);
  assert.deepEqual(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tx', '张三'].map(csvSafe), ['\'=HYPERLINK("x")', "'+1", "'-2", "'@SUM(A1)", "'\tx", '张三']);
});

test('the cases behind an annual-report number are shown only to those who may open the cases', async (t) => {
  const { h, dept } = await city();
  t.after(() => h.close());
  await makeUser(h.db, dept.id, ['publisher'], { username: 'pub' });
  await makeUser(h.db, dept.id, ['request_officer', 'publisher'], { username: 'officer' });
  const pub = new Browser(h.app);
  await pub.login('pub');
  const report = await pub.get(`/staff/reports/${dept.id}/2025`);
  assert.equal(report.statusCode, 200);
  assert.doesNotMatch(report.body, /\/cells\//, 'no drill-down links for a publisher');
  assert.equal((await pub.get(`/staff/reports/${dept.id}/2025/cells/t3/new/natural`)).statusCode, 403);
  const officer = new Browser(h.app);
  await officer.login('officer');
  assert.notEqual((await officer.get(`/staff/reports/${dept.id}/2025/cells/t3/new/natural`)).statusCode, 403);
});
