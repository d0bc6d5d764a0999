/**
 * The npm `ckan` client (ckan.js 0.2.3, okfn), unchanged, against the platform listening on a port: it POSTs JSON to
 * /api/3/action/<name>, reads CKAN's envelope, maps `dataset_*` to `package_*`, and queries the datastore with its
 * Recline-style query (size/from, term filters, sort objects), mapping CKAN's column types to JSON Table Schema's.
 */
/* CKAN's JSON is read field by field in the assertions below. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { publishedDataset } from '../../testing/datasets.ts';

interface CkanClient {
  action(name: string, data: Record<string, unknown>, cb: (err: unknown, body: { success: boolean; result: Json }) => void): void;
  datastoreQuery(q: Record<string, unknown>, cb: (err: unknown, out: { total: number; fields: { id: string; type: string }[]; hits: Record<string, unknown>[] }) => void): void;
}
const CKAN = createRequire(import.meta.url)('ckan') as {
  Client: new (endpoint: string) => CkanClient;
  parseCkanResourceUrl(url: string): { resource_id: string; endpoint: string };
};

const promised = <T>(fn: (cb: (err: unknown, v: T) => void) => void) => new Promise<T>((resolve, reject) => fn((err, v) => (err ? reject(new Error(String(err))) : resolve(v))));

test('ckan.js searches the catalogue, reads a dataset, and queries a table through the datastore', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const unit = await makeUnit(h.db, { kind: 'department', slug: 'sjj', code: '990100030', name: '示范市政务服务数据管理局' });
  const { resources } = await publishedDataset(h.db, unit.id, h.clock.now(), { name: 'service-time-limits' });
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = h.app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const client = new CKAN.Client(base);

  const search = await promised<{ success: boolean; result: Json }>((cb) => client.action('package_search', { q: '时限', rows: 5, 'facet.field': ['organization'] }, cb));
  assert.equal(search.success, true);
  assert.equal(search.result.count, 1);
  assert.deepEqual(search.result.search_facets.organization.items, [{ name: 'sjj', display_name: '示范市政务服务数据管理局', count: 1 }]);
  const shown = await promised<{ result: Json }>((cb) => client.action('dataset_show', { id: 'service-time-limits' }, cb));
  assert.equal(shown.result.title, '政务服务事项办理时限', 'dataset_show is sent as package_show');

  // The resource's page address leads the client to this API (CKAN's URL layout /dataset/<name>/resource/<id>).
  const parsed = CKAN.parseCkanResourceUrl(`${base}/dataset/service-time-limits/resource/${resources[0]}`);
  assert.deepEqual(parsed, { resource_id: resources[0], endpoint: `${base}/api` });
  const rows = await promised<{ total: number; fields: { id: string; type: string }[]; hits: Record<string, unknown>[] }>((cb) =>
    new CKAN.Client(parsed.endpoint).datastoreQuery(
      { resource_id: parsed.resource_id, size: 3, from: 0, filters: [{ type: 'term', field: '实施主体', term: '广东省教育厅' }], sort: [{ field: '法定时限', order: 'desc' }] },
      cb,
    ),
  );
  assert.ok(rows.total > 3);
  assert.equal(rows.hits.length, 3);
  assert.ok(rows.hits.every((r) => r.实施主体 === '广东省教育厅'));
  assert.deepEqual(
    rows.fields.find((f) => f.id === '法定时限'),
    { id: '法定时限', type: 'integer', info: { unit: '工作日', notes: '法律规定的办理时限' } },
    'CKAN int mapped to integer by the client',
  );
  const days = rows.hits.map((r) => r.法定时限 as number);
  assert.deepEqual(
    days,
    [...days].sort((a, b) => b - a),
  );

  // An error comes back through the client as CKAN's would: the HTTP status and the envelope.
  await assert.rejects(
    promised((cb) => client.action('package_show', { id: 'nothing-here' }, cb)),
    (e: Error) => /HTTP code 404/.test(e.message) && /Not Found Error/.test(e.message),
  );
});
