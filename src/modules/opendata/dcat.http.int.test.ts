/**
 * DCAT-AP 3.0: the catalogue and a dataset as Turtle and JSON-LD validate against the DCAT-AP 3.0.0 SHACL shapes
 * (../shared/standards, copied in fixtures) with no violation, run by rdf-validate-shacl; both serialisations carry
 * the same triples; content negotiation on a dataset's page gives RDF to a harvester.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import factory from '@zazuko/env-node';
import SHACLValidator from 'rdf-validate-shacl';
import N3 from 'n3';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { publishedDataset } from '../../testing/datasets.ts';

const SHAPES = new URL('../../../fixtures/standards/dcat-ap-3.0.0/dcat-ap-SHACL.ttl', import.meta.url);

async function validate(turtle: string) {
  const shapes = await factory.dataset().import(factory.fromFile(SHAPES.pathname));
  const data = await factory.dataset().import(new N3.StreamParser().import(Readable.from([turtle])) as never);
  const report = await new SHACLValidator(shapes, { factory }).validate(data);
  return report.results.map((r) => `${r.path?.value ?? ''} on ${r.focusNode?.value ?? ''}: ${r.message.map((m) => m.value).join(' ')}`);
}

test('the catalogue as DCAT-AP 3.0 has no SHACL violation, in Turtle and JSON-LD alike', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const sjj = await makeUnit(h.db, { kind: 'department', slug: 'sjj', code: '990100030', name: '示范市政务服务数据管理局' });
  await publishedDataset(h.db, sjj.id, h.clock.now(), { name: 'service-time-limits', metadata: { temporalEnd: '2026-02-28', contactEmail: 'data@example.gov.cn' } });
  await publishedDataset(h.db, sjj.id, h.clock.now(), {
    name: 'power-use',
    metadata: { title: '企业用电数据', openness: 'conditional', opennessReason: '涉及企业经营信息', frequency: 'irregular' },
  });

  const ttl = await h.app.inject({ method: 'GET', url: '/catalog.ttl' });
  assert.equal(ttl.statusCode, 200);
  assert.match(String(ttl.headers['content-type']), /text\/turtle/);
  assert.deepEqual(await validate(ttl.body), []);
  // The shapes do bite: a dataset without its mandatory title and description is reported.
  const bare = '@prefix dcat: <http://www.w3.org/ns/dcat#> . <http://example.org/d> a dcat:Dataset .';
  assert.ok((await validate(bare)).some((v) => v.startsWith('http://purl.org/dc/terms/title')));
  const quads = new N3.Parser().parse(ttl.body);
  const has = (s: string, pred: string, o: string) => quads.some((q) => q.subject.value === s && q.predicate.value === pred && q.object.value === o);
  const base = h.app.deps.config.baseUrl;
  assert.ok(has(`${base}/catalog`, 'http://www.w3.org/ns/dcat#dataset', `${base}/dataset/service-time-limits#dataset`));
  assert.ok(
    has(`${base}/dataset/service-time-limits#dataset`, 'http://purl.org/dc/terms/accrualPeriodicity', 'http://publications.europa.eu/resource/authority/frequency/MONTHLY'),
  );
  assert.ok(has(`${base}/dataset/power-use#dataset`, 'http://purl.org/dc/terms/accessRights', 'http://publications.europa.eu/resource/authority/access-right/RESTRICTED'));
  assert.ok(
    !quads.some((q) => q.subject.value.startsWith(`${base}/dataset/power-use/`) && q.predicate.value === 'http://www.w3.org/ns/dcat#downloadURL'),
    'no download for 有条件开放',
  );

  // The JSON-LD is the same graph.
  const jsonld = await h.app.inject({ method: 'GET', url: '/catalog.jsonld' });
  const fromJsonLd = await factory.dataset().import(factory.formats.parsers.import('application/ld+json', Readable.from([jsonld.body]))!);
  assert.equal(fromJsonLd.size, quads.length);

  // A harvester asking the dataset page for Turtle gets that dataset alone, valid too.
  const one = await h.app.inject({ method: 'GET', url: '/dataset/service-time-limits', headers: { accept: 'text/turtle' } });
  assert.match(String(one.headers['content-type']), /text\/turtle/);
  assert.match(String(one.headers.vary), /accept/i);
  assert.deepEqual(await validate(one.body), []);
  assert.doesNotMatch(one.body, /power-use/);
  assert.match((await h.app.inject({ method: 'GET', url: '/dataset/service-time-limits' })).body, /<!doctype html>/, 'a browser still gets the page');
});
