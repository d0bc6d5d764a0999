import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { publishedItem } from '../../testing/items.ts';
import { Browser } from '../../testing/http.ts';
import { checkLinks, externalLinks } from './linkCheck.ts';

test('external links of published texts are checked against a real server; broken ones show in supervision; each is checked at most weekly', async (t) => {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    if (req.url === '/ok') res.writeHead(200).end('ok');
    else if (req.url === '/head-refused') res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
    else res.writeHead(404).end('gone');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(async () => {
    await h.close();
    server.close();
  });
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  const base = `http://127.0.0.1:${port}`;
  await publishedItem(h.db, city.id, h.clock.now(), {
    title: '相关链接汇总',
    bodyHtml: `<p><a href="${base}/ok">可用</a> <a href="${base}/gone">失效</a> <a href="${base}/head-refused">只接受GET</a> <a href="http://127.0.0.1:${deadPort}/x">无法连接</a> <a href="${h.config.baseUrl}/xxgk">本站</a></p>`,
  });
  assert.deepEqual(externalLinks(`<a href="${h.config.baseUrl}/xxgk">x</a><a href="https://www.gov.cn/a?b=1&amp;c=2">y</a>`, h.config.baseUrl), ['https://www.gov.cn/a?b=1&c=2']);
  const r = await checkLinks(h.db, { baseUrl: h.config.baseUrl, now: h.clock.now() });
  assert.deepEqual(r, { checked: 4, broken: 2 });
  const before = hits;
  assert.deepEqual(await checkLinks(h.db, { baseUrl: h.config.baseUrl, now: h.clock.now() }), { checked: 0, broken: 0 }, 'not again within a week');
  assert.equal(hits, before);
  const office = new Browser(h.app);
  await office.login('office');
  const page = (await office.get(`/staff/supervision/${city.id}`)).body;
  assert.match(page, new RegExp(`相关链接汇总</a>：外部链接不可用：${base}/gone（状态 404，检查于 2026-03-02）`));
  assert.match(page, /无法连接，检查于 2026-03-02/);
  assert.doesNotMatch(page, /\/ok（|head-refused（/);
});
