/**
 * The API as an outside client meets it: the OpenAPI document passes Redocly's linter (its recommended rules) with
 * an operationId on every operation, no credentials asked of public reads, a licence and the configured server; public
 * reads answer cross-origin requests, writes do not; a wrong query parameter is named, in Chinese, with a stable code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { operationId } from './routes.ts';

test('operation ids come from the method and path', () => {
  assert.equal(operationId('get', '/api/v1/units/:unit'), 'getUnitsByUnit');
  assert.equal(operationId('post', '/api/v1/items/:id/withdraw'), 'postItemsByIdWithdraw');
  assert.equal(operationId('get', '/api/v1/items'), 'getItems');
});

test('the OpenAPI document passes the Redocly linter and describes security per operation', async (t) => {
  const h = await makeTestApp({ config: { baseUrl: 'https://gov.example.cn' } });
  t.after(() => h.close());
  const doc = (await h.app.inject('/api/openapi.json')).json() as {
    servers: { url: string }[];
    info: { license: { name: string } };
    paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
  };
  assert.deepEqual(
    doc.servers.map((s) => s.url),
    ['https://gov.example.cn'],
  );
  assert.equal(doc.info.license.name, 'MIT');
  const ops = Object.entries(doc.paths).flatMap(([p, byMethod]) => Object.entries(byMethod).map(([m, op]) => ({ at: `${m} ${p}`, ...op })));
  assert.ok(ops.length >= 10);
  assert.equal(new Set(ops.map((o) => o.operationId)).size, ops.length, 'every operation has its own id');
  assert.deepEqual(doc.paths['/api/v1/items'].get.security, []);
  assert.deepEqual(doc.paths['/api/v1/items'].post.security, [{ bearer: [] }]);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-openapi-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'openapi.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  const r = spawnSync(process.execPath, [path.resolve('node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--format=json'], {
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    timeout: 120_000,
  });
  const out = JSON.parse(r.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };
  const errors = out.problems.filter((p) => (p as { severity?: string }).severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
  assert.deepEqual(errors, []);
  assert.equal(out.totals.errors, 0);
});

test('public reads answer other sites; writes do not; a wrong parameter is named', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  const read = await h.app.inject({ url: '/api/v1/units', headers: { origin: 'https://data.example.org' } });
  assert.equal(read.statusCode, 200);
  assert.equal(read.headers['access-control-allow-origin'], '*');
  assert.equal(read.headers['access-control-allow-credentials'], undefined);
  const preflight = await h.app.inject({
    method: 'OPTIONS',
    url: '/api/v1/items',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });
  assert.doesNotMatch(String(preflight.headers['access-control-allow-methods'] ?? ''), /POST/, 'a cross-site page may not post');

  const limit = await h.app.inject('/api/v1/items?limit=5');
  assert.equal(limit.statusCode, 400);
  const e = limit.json().error as { code: string; message: string; fields: Record<string, string> };
  assert.equal(e.code, 'VALIDATION_FAILED');
  assert.match(e.fields.limit, /分页请用 page（第几页，从1起）和 pageSize/);
  assert.match(e.message, /查询参数有误（limit：/);
  const size = (await h.app.inject('/api/v1/items?pageSize=500')).json().error as { fields: Record<string, string> };
  assert.equal(size.fields.pageSize, '不能大于 100');
  const kind = (await h.app.inject('/api/v1/items?kind=x')).json().error as { fields: Record<string, string> };
  assert.equal(kind.fields.kind, '应为以下之一：information、interpretation');
});
