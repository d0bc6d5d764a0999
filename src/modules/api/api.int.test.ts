import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { publishedItem, draftItem } from '../../testing/items.ts';
import { createApiToken } from '../orgs/commands/createApiToken.ts';

const system = { kind: 'system' as const, label: 't' };

async function setup() {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  const dept = await makeUnit(h.db, { parentId: city.id, slug: 'dept', code: '990100002' });
  const other = await makeUnit(h.db, { parentId: city.id, slug: 'other', code: '990100003' });
  const write = (await createApiToken(h.db, system, { unitId: dept.id, name: 'OA', scopes: ['items:write'] })).token;
  const publish = (await createApiToken(h.db, system, { unitId: dept.id, name: 'OA发布', scopes: ['items:publish'] })).token;
  return { h, city, dept, other, write, publish };
}

const body = (over: Record<string, unknown> = {}) => ({
  title: '关于公布2026年行政事业性收费目录的通知',
  section: 'a20_08',
  disclosure: 'proactive',
  topic: '国民经济管理、国有资产监管\\物价',
  genre: '通知',
  docNo: '示财（2026）8号',
  writtenDate: '2026-02-20',
  bodyHtml: '<p>现将收费目录公布如下。</p><script>alert(1)</script>',
  ...over,
});

test('public reads: units, a filtered item list and an item with all its metadata; drafts are invisible', async (t) => {
  const s = await setup();
  t.after(() => s.h.close());
  const p = await publishedItem(s.h.db, s.dept.id, s.h.clock.now(), { title: '公开的通知', topic: '财政、金融、审计\\财政' });
  const d = await draftItem(s.h.db, s.dept.id, s.h.clock.now(), { title: '草稿' });
  const units = await s.h.app.inject('/api/v1/units');
  assert.equal(units.statusCode, 200);
  assert.equal(units.json().units.length, 3);
  const list = await s.h.app.inject('/api/v1/items?unit=dept&topic=' + encodeURIComponent('财政、金融、审计'));
  assert.equal(list.statusCode, 200);
  assert.deepEqual(
    list.json().items.map((i: { title: string }) => i.title),
    ['公开的通知'],
  );
  const item = (await s.h.app.inject(`/api/v1/items/${p.itemId}`)).json();
  assert.equal(item.indexNo, '990100002/2026-00001');
  assert.equal(item.docNoNormalized, '示府办〔2026〕1号');
  assert.deepEqual(item.issuingOrgans, ['示范市人民政府办公室']);
  assert.equal(item.topic, '财政、金融、审计\\财政');
  assert.equal((await s.h.app.inject(`/api/v1/items/${d.itemId}`)).statusCode, 404);
  const bad = await s.h.app.inject('/api/v1/items?year=abc&pageSize=1000');
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
  const unknown = await s.h.app.inject('/api/v1/items?unit=nope');
  assert.equal(unknown.json().error.code, 'VALIDATION_FAILED');
  assert.equal((await s.h.app.inject('/api/v1/nothing')).json().error.code, 'NOT_FOUND');
});

test('a unit system pushes a draft with its token; the body is sanitised and the 文号 normalised', async (t) => {
  const s = await setup();
  t.after(() => s.h.close());
  const anon = await s.h.app.inject({ method: 'POST', url: '/api/v1/items', payload: body() });
  assert.equal(anon.statusCode, 401);
  assert.equal(anon.json().error.code, 'AUTH_REQUIRED');
  const r = await s.h.app.inject({ method: 'POST', url: '/api/v1/items', headers: { authorization: `Bearer ${s.write}` }, payload: body() });
  assert.equal(r.statusCode, 201, r.body);
  const item = r.json();
  assert.equal(item.state, 'draft');
  assert.equal(item.docNoNormalized, '示财〔2026〕8号');
  assert.ok(!item.bodyHtml.includes('<script'));
  assert.equal(r.headers.location, `/api/v1/items/${item.id}`);
  // Readable with the token, not without.
  assert.equal((await s.h.app.inject({ url: `/api/v1/items/${item.id}`, headers: { authorization: `Bearer ${s.write}` } })).statusCode, 200);
  assert.equal((await s.h.app.inject(`/api/v1/items/${item.id}`)).statusCode, 404);
  // A write token cannot publish.
  const pub = await s.h.app.inject({ method: 'POST', url: '/api/v1/items', headers: { authorization: `Bearer ${s.write}` }, payload: body({ publish: true }) });
  assert.equal(pub.statusCode, 403);
});

test('bad API input gets a stable error code and writes nothing', async (t) => {
  const s = await setup();
  t.after(() => s.h.close());
  const auth = { authorization: `Bearer ${s.write}` };
  const cases = [
    body({ title: '' }),
    body({ writtenDate: '2026-13-01' }),
    body({ disclosure: 'withheld' }),
    body({ section: 'nope' }),
    body({ extra: 1 }),
    body({ unit: 'other' }),
  ];
  const codes = [];
  for (const p of cases) codes.push((await s.h.app.inject({ method: 'POST', url: '/api/v1/items', headers: auth, payload: p })).json().error?.code);
  assert.deepEqual(codes, ['VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'FORBIDDEN']);
  const badToken = await s.h.app.inject({ method: 'POST', url: '/api/v1/items', headers: { authorization: 'Bearer gk_wrong' }, payload: body() });
  assert.equal(badToken.statusCode, 401);
  const notJson = await s.h.app.inject({ method: 'POST', url: '/api/v1/items', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"title":' });
  assert.equal(notJson.statusCode, 400);
  assert.equal((await s.h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM information_items')).rows[0].n, 0);
});

test('a token with publish rights publishes at once, unless personal data needs a person', async (t) => {
  const s = await setup();
  t.after(() => s.h.close());
  const auth = { authorization: `Bearer ${s.publish}` };
  const ok = (await s.h.app.inject({ method: 'POST', url: '/api/v1/items', headers: auth, payload: body({ publish: true }) })).json();
  assert.equal(ok.status, 'published');
  assert.equal(ok.indexNo, '990100002/2026-00001');
  const held = (await s.h.app.inject({ method: 'POST', url: '/api/v1/items', headers: auth, payload: body({ publish: true, bodyHtml: '联系人手机13912345678' }) })).json();
  assert.equal(held.status, 'unpublished');
  assert.equal(held.personalDataFindings, 1);
  assert.match(held.publishProblems[0], /个人信息/);
  const w = await s.h.app.inject({ method: 'POST', url: `/api/v1/items/${ok.id}/withdraw`, headers: auth, payload: {} });
  assert.equal(w.statusCode, 400);
  const w2 = await s.h.app.inject({ method: 'POST', url: `/api/v1/items/${ok.id}/withdraw`, headers: auth, payload: { reason: '重复发布' } });
  assert.equal(w2.json().status, 'withdrawn');
});

test('the OpenAPI document describes the routes, schemas and bearer security', async (t) => {
  const s = await setup();
  t.after(() => s.h.close());
  const doc = (await s.h.app.inject('/api/openapi.json')).json();
  assert.equal(doc.openapi, '3.0.3');
  for (const p of ['/api/v1/units', '/api/v1/units/{unit}', '/api/v1/items', '/api/v1/items/{id}', '/api/v1/items/{id}/withdraw']) assert.ok(doc.paths[p], p);
  assert.ok(doc.paths['/api/v1/items'].post);
  assert.ok(doc.components.securitySchemes.bearer);
  assert.ok(doc.components.schemas.Item ?? doc.components.schemas['def-3'], 'Item schema present');
});

test('search through the API: best match first, a stable error for a missing query', async (t) => {
  const s = await setup();
  t.after(() => s.h.close());
  const p = await publishedItem(s.h.db, s.dept.id, s.h.clock.now(), { title: '关于调整城乡低保标准的通知', bodyHtml: '低保标准提高到每月820元。', docNo: '示民〔2026〕3号' });
  await publishedItem(s.h.db, s.dept.id, s.h.clock.now(), { title: '防汛应急预案', bodyHtml: '应急响应。', docNo: '' });
  const r = await s.h.app.inject('/api/v1/search?q=' + encodeURIComponent('低保标准是多少'));
  assert.equal(r.statusCode, 200);
  assert.equal(r.json().results[0].id, p.itemId);
  assert.equal((await s.h.app.inject('/api/v1/search?q=' + encodeURIComponent('示民[2026]3号'))).json().results[0].id, p.itemId);
  const bad = await s.h.app.inject('/api/v1/search');
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
  assert.ok((await s.h.app.inject('/api/openapi.json')).json().paths['/api/v1/search']);
});
