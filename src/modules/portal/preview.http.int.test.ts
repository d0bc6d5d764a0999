/** A draft is previewed as the public will see it, by the unit's staff only, marked as a preview and never cached. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { draftItem } from '../../testing/items.ts';

test('preview of a draft as the public page', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const civil = await makeUnit(h.db, { parentId: city.id, slug: 'mz', code: '990100005', name: '示范市民政局', kind: 'department' });
  const other = await makeUnit(h.db, { parentId: city.id, slug: 'jy', code: '990100006', name: '示范市教育局', kind: 'department' });
  await makeUser(h.db, civil.id, ['publisher'], { username: 'clerk' });
  await makeUser(h.db, other.id, ['publisher'], { username: 'outsider' });
  const { itemId } = await draftItem(h.db, civil.id, h.clock.now(), { title: '尚未发布的低保通知', bodyHtml: '<p>草稿正文。</p>' });
  const clerk = new Browser(h.app);
  await clerk.login('clerk');
  assert.match((await clerk.get(`/staff/items/${itemId}`)).body, new RegExp(`href="/staff/items/${itemId}/preview"`));
  const preview = await clerk.get(`/staff/items/${itemId}/preview`);
  assert.equal(preview.statusCode, 200);
  assert.match(preview.body, /预览：这是发布后公众看到的页面，尚未发布/);
  assert.match(preview.body, /<h1 class="doc-title">尚未发布的低保通知<\/h1>/);
  assert.match(preview.body, /草稿正文。/);
  assert.equal(preview.headers['cache-control'], 'no-store');
  assert.equal(preview.headers['x-robots-tag'], 'noindex');
  assert.equal((await h.app.inject(`/xxgk/mz/items/${itemId}`)).statusCode, 404, 'the public still cannot see it');
  assert.equal((await h.app.inject(`/staff/items/${itemId}/preview`)).statusCode, 302, 'sign-in first');
  const outsider = new Browser(h.app);
  await outsider.login('outsider');
  assert.equal((await outsider.get(`/staff/items/${itemId}/preview`)).statusCode, 403);
});
