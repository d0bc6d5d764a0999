import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { draftItem } from '../../testing/items.ts';
import { Browser } from '../../testing/http.ts';

test('the office searches and exports the audit log; a district sees only its own units; others are refused', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  const east = await makeUnit(h.db, { parentId: city.id, kind: 'government', level: 'county', slug: 'east', code: '990100002' });
  const civil = await makeUnit(h.db, { parentId: city.id, slug: 'civil', code: '990100003' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'city.office' });
  await makeUser(h.db, east.id, ['office_admin'], { username: 'east.office' });
  await makeUser(h.db, civil.id, ['publisher'], { username: 'pub' });
  await draftItem(h.db, civil.id, h.clock.now(), { title: '民政局的草稿' });
  await draftItem(h.db, east.id, h.clock.now(), { title: '东城区的草稿' });

  const office = new Browser(h.app);
  await office.login('city.office');
  const all = await office.get('/staff/audit');
  assert.equal(all.statusCode, 200);
  assert.match(all.body, /哈希链完整/);
  assert.match(all.body, /auth\.login/);
  const filtered = await office.get(`/staff/audit?action=item.&from=2026-03-01&to=2026-03-31`);
  assert.doesNotMatch(filtered.body, /auth\.login/);
  assert.match(filtered.body, /共 2 条/);
  const csv = await office.get('/staff/audit.csv?action=item.');
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  assert.equal(csv.body.trim().split('\r\n').length, 3, 'a header and two entries');
  assert.equal((await office.get('/staff/audit?from=yesterday')).statusCode, 400);
  assert.equal((await office.get('/staff/audit?to=2026-02-30')).statusCode, 400);

  const district = new Browser(h.app);
  await district.login('east.office');
  const own = await district.get('/staff/audit?action=item.');
  assert.match(own.body, /共 1 条/);
  assert.doesNotMatch(own.body, /哈希链/, 'the chain and city-wide entries are the city’s');
  const pub = new Browser(h.app);
  await pub.login('pub');
  assert.equal((await pub.get('/staff/audit')).statusCode, 403);
});
