/**
 * Subscribing and bulk: Atom feeds of published versions (catalogue, unit, dataset), well-formed for libxml2 and
 * carrying the change notes; the whole catalogue as one CSV with every published dataset and none of the others.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateXML } from 'xmllint-wasm';
import { parse } from 'csv-parse/sync';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { publishedDataset, sampleMetadata } from '../../testing/datasets.ts';
import { approveDataset, saveDataset, submitDataset } from './index.ts';

test('feeds of what changed, and the catalogue as one CSV', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const system = { kind: 'system' as const, label: 'test' };
  const sjj = await makeUnit(h.db, { kind: 'department', slug: 'sjj', code: '990100030', name: '示范市政务服务数据管理局' });
  const mzj = await makeUnit(h.db, { kind: 'department', slug: 'mzj', code: '990100005', name: '示范市民政局' });
  const a = await publishedDataset(h.db, sjj.id, h.clock.now(), { name: 'service-time-limits' });
  await publishedDataset(h.db, mzj.id, h.clock.now(), { name: 'dibao-monthly', metadata: { title: '城乡低保月度数据' } });
  await saveDataset(h.db, system, h.clock.now(), { unitId: sjj.id, name: 'draft-only', metadata: sampleMetadata({ title: '未发布的数据集' }), changeNote: '' });
  h.clock.advanceMs(86_400_000);
  await saveDataset(h.db, system, h.clock.now(), { unitId: sjj.id, name: '', metadata: sampleMetadata(), changeNote: '更新为3月数据' }, a.id);
  await submitDataset(h.db, system, h.clock.now(), a.id);
  await approveDataset(h.db, system, h.clock.now(), a.id);
  const get = (url: string) => h.app.inject({ method: 'GET', url });

  for (const url of ['/sjkf/feed.atom', '/sjkf/units/sjj/feed.atom', '/dataset/service-time-limits/feed.atom']) {
    const res = await get(url);
    assert.equal(res.statusCode, 200, url);
    assert.match(String(res.headers['content-type']), /application\/atom\+xml/);
    const lint = await validateXML({ xml: [{ fileName: 'feed.xml', contents: res.body }], normalization: 'c14n' });
    assert.deepEqual(lint.errors, [], `${url} is well-formed`);
  }
  const all = (await get('/sjkf/feed.atom')).body;
  assert.match(all, /<title>政务服务事项办理时限（第2版）<\/title>[\s\S]*<summary>更新为3月数据<\/summary>/, 'newest first, with the change note');
  assert.match(all, /城乡低保月度数据（第1版）/);
  assert.doesNotMatch((await get('/sjkf/units/sjj/feed.atom')).body, /城乡低保/);
  assert.equal((await get('/sjkf/units/nobody/feed.atom')).statusCode, 404);

  const csv = await get('/catalog.csv');
  const rows = parse(csv.body.replace(/^\ufeff/, '')) as string[][];
  assert.deepEqual(
    rows.slice(1).map((r) => [r[0], r[10]]),
    [
      ['service-time-limits', '2'],
      ['dibao-monthly', '1'],
    ],
  );
  assert.match((await get('/sjkf')).body, /href="\/catalog.csv"/);
});
