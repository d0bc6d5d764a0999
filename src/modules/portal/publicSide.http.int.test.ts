/**
 * What every public page carries: an error page in Chinese only (its stable code in the head), an icon, a site map
 * page for people linked from the footer with the staff sign-in, and each unit's feed discoverable from its pages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';

test('error pages, icon, site map page and feed discovery', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const missing = await h.app.inject('/xxgk/nowhere');
  assert.equal(missing.statusCode, 404);
  assert.match(missing.body, /<meta name="gongkai-error-code" content="NOT_FOUND"\/>/);
  assert.doesNotMatch(missing.body.replace(/<head>.*<\/head>/s, ''), /NOT_FOUND|错误代码/, 'no code in what the reader sees');

  assert.match(missing.body, /<link rel="icon" href="\/assets\/favicon.svg" type="image\/svg\+xml"\/>/);
  const icon = await h.app.inject('/assets/favicon.svg');
  assert.equal(icon.statusCode, 200);
  assert.equal(icon.headers['content-type'], 'image/svg+xml');
  assert.equal((await h.app.inject('/favicon.ico')).headers.location, '/assets/favicon.svg');

  const map = await h.app.inject('/sitemap');
  assert.equal(map.statusCode, 200);
  assert.match(map.body, /<h1>网站地图<\/h1>/);
  assert.match(map.body, /href="\/xxgk\/city">示范市人民政府/);
  assert.match(map.body, /href="\/ysqgk\/recover"/);
  assert.match(map.body, /<a href="\/sitemap">网站地图<\/a>\u3000<a href="\/login">工作人员登录<\/a>/);

  const column = await h.app.inject('/xxgk/city');
  assert.match(column.body, /<link rel="alternate" type="application\/atom\+xml" title="示范市人民政府政府信息公开更新" href="\/xxgk\/city\/feed.atom"\/>/);
  assert.match(column.body, /订阅本单位更新<\/a>：把这个链接添加到阅读器/);
  assert.doesNotMatch(column.body, /Atom 订阅/);
});
