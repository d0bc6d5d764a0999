/**
 * Hostile input through HTTP: forms and the API answer with a stable code and write nothing, uploads are refused
 * before they are buffered, and the node keeps answering while a hostile file is parsed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../testing/harness.ts';
import { makeUnit, makeUser } from '../testing/factories.ts';
import { Browser } from '../testing/http.ts';
import { createApiToken } from '../modules/orgs/commands/createApiToken.ts';
import { docxWithParagraphs } from '../testing/zips.ts';

const system = { kind: 'system' as const, label: 't' };
const count = async (h: Awaited<ReturnType<typeof makeTestApp>>, table: string) => (await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

function multipart(parts: { name: string; value?: string; filename?: string; content?: Buffer }[]) {
  const boundary = '----gkhostile';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disp = p.filename ? `form-data; name="${p.name}"; filename="${p.filename}"` : `form-data; name="${p.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disp}\r\n${p.filename ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n`));
    chunks.push(p.content ?? Buffer.from(p.value ?? ''), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

test('an anonymous application whose files come before a valid token is refused at the first file, with nothing written', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  const b = new Browser(h.app);
  const token = await b.csrf('/ysqgk/apply');
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  // Files first, the (valid) token last: the reader stops at the first file instead of buffering all of them.
  const big = Buffer.alloc(5 * 1024 * 1024, 1);
  const body = multipart([
    { name: 'identityFiles', filename: 'a.pdf', content: big },
    { name: 'identityFiles', filename: 'b.pdf', content: big },
    { name: '_csrf', value: token },
  ]);
  const res = await h.app.inject({ method: 'POST', url: '/ysqgk/apply', headers: { cookie, 'content-type': body.contentType }, payload: body.payload });
  assert.equal(res.statusCode, 403);
  assert.match(res.body, /页面已过期或来源不明/);
  // No token at all is refused the same way.
  const none = multipart([{ name: 'identityFiles', filename: 'a.pdf', content: big }]);
  const res2 = await h.app.inject({ method: 'POST', url: '/ysqgk/apply', headers: { 'content-type': none.contentType }, payload: none.payload });
  assert.equal(res2.statusCode, 403);
  assert.equal(await count(h, 'request_cases'), 0);
});

test('NUL bytes and lone surrogates get a field error from forms and the API; queries are cleaned and answer', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  await makeUser(h.db, city.id, ['publisher'], { username: 'pub' });
  const b = new Browser(h.app);
  await b.login('pub');
  const items = await count(h, 'information_items');
  const form = await b.post('/staff/items', { unitId: String(city.id), title: '标题\u0000', kind: 'information', disclosure: 'proactive' }, '/staff/items/new');
  assert.equal(form.statusCode, 400);
  assert.match(form.body, /空字符或不成对的代理字符/);
  const token = (await createApiToken(h.db, system, { unitId: city.id, name: 'OA', scopes: ['items:write'] })).token;
  const api = await h.app.inject({
    method: 'POST',
    url: '/api/v1/items',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: '{"title":"\\ud800 标题","section":"a20_01","disclosure":"proactive"}',
  });
  assert.equal(api.statusCode, 400);
  assert.deepEqual(api.json().error.code, 'TEXT_INVALID');
  assert.deepEqual(Object.keys(api.json().error.fields), ['title']);
  assert.equal(await count(h, 'information_items'), items);
  const search = await b.get('/staff/items?q=%00%E4%BD%8E');
  assert.equal(search.statusCode, 200);
});

test('a publish the token may not do is refused before anything is written', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  const token = (await createApiToken(h.db, system, { unitId: city.id, name: 'OA', scopes: ['items:write'] })).token;
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/items',
    headers: { authorization: `Bearer ${token}` },
    payload: { title: '关于公布收费目录的通知', section: 'a20_08', disclosure: 'proactive', bodyHtml: '<p>正文</p>', publish: true },
  });
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().error.code, 'FORBIDDEN');
  assert.equal(await count(h, 'information_items'), 0, 'no draft left behind');
});

test('a DOCX bomb posted to the import form gets a clear message while /healthz keeps answering', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  await makeUser(h.db, city.id, ['publisher'], { username: 'pub' });
  const b = new Browser(h.app);
  await b.login('pub');
  const bomb = await docxWithParagraphs(1_700_000);
  let healthy = 0;
  let done = false;
  const poll = (async () => {
    while (!done) {
      if ((await h.app.inject('/healthz')).statusCode === 200) healthy++;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const res = await b.postMultipart(`/staff/items/import-docx?unit=${city.id}`, {}, [{ field: 'docx', filename: 'bomb.docx', content: bomb }], '/staff/items/new');
  done = true;
  await poll;
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /解压后超过 60 MB/);
  assert.ok(healthy > 0, '/healthz answered while the file was inspected');
});
