/**
 * Open311 GeoReport v2 as a civic-reporting client meets it, after the SeeClickFix validator's order: discovery →
 * services → a service definition → create → follow. Every JSON answer is validated against the GeoReport v2 schema
 * (fixtures/open311) with ajv; every XML answer is parsed by libxml2's xmllint (xmllint-wasm) and carries the same
 * values as the JSON. Unpublished messages are invisible without the api_key that filed them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { makeTestApp } from '../../testing/harness.ts';
import { actorFor, makeApiToken, makeUnit, makeUser } from '../../testing/factories.ts';

import { buildCalendar } from '../../lib/calendar.ts';
import { publishMessage, replyMessage } from './index.ts';

const schema = JSON.parse(fs.readFileSync('fixtures/open311/georeport-v2.schema.json', 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is CommonJS with a default export: under Node's ESM loader the plugin is the module's `default`.
const addFormats = (formats as unknown as { default: typeof formats }).default ?? formats;
(addFormats as unknown as (a: Ajv) => void)(ajv);
ajv.addSchema(schema, 'georeport');
function valid(kind: string, data: unknown) {
  const check = ajv.getSchema(`georeport#/definitions/${kind}`)!;
  assert.ok(check(data), `${kind}: ${ajv.errorsText(check.errors)}`);
}
async function wellFormed(xml: string) {
  const r = await validateXML({ xml: [{ fileName: 'answer.xml', contents: xml }], normalization: 'c14n' });
  assert.ok(r.valid, r.errors.map((e) => e.rawMessage).join('\n'));
  return new XMLParser({ parseTagValue: false }).parse(xml) as Record<string, Record<string, unknown>>;
}

test('discovery, services, a definition, filing and following requests in JSON and XML', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z', config: { baseUrl: 'https://gov.example.cn' } });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const zjj = await makeUnit(h.db, { parentId: city.id, slug: 'zjj', code: '990100008', name: '示范市住房和城乡建设局', kind: 'department' });
  await makeUser(h.db, zjj.id, ['message_officer'], { username: 'zclerk' });
  const key = await makeApiToken(h.db, zjj.id, ['messages:write']);
  const readOnly = await makeApiToken(h.db, zjj.id, ['items:write']);
  const get = (url: string) => h.app.inject(url);

  // Discovery and services.
  const disc = await get('/open311/v2/discovery.json');
  assert.equal(disc.statusCode, 200);
  valid('discovery', disc.json());
  assert.equal(disc.json().endpoints[0].url, 'https://gov.example.cn/open311/v2');
  const discXml = await get('/open311/v2/discovery.xml');
  assert.match(String(discXml.headers['content-type']), /^text\/xml/);
  const d = await wellFormed(discXml.body);
  assert.deepEqual((d.discovery.endpoints as { endpoint: { formats: { format: string[] } } }).endpoint.formats.format, ['text/xml', 'application/json']);
  const svc = (await get('/open311/v2/services.json')).json();
  valid('services', svc);
  assert.deepEqual(
    svc.map((s: { service_code: string }) => s.service_code),
    ['consult', 'suggest', 'complaint', 'help', 'thanks'],
  );
  const svcXml = await wellFormed((await get('/open311/v2/services.xml')).body);
  assert.equal((svcXml.services.service as { service_name: string }[])[2].service_name, '投诉');
  const def = (await get('/open311/v2/services/complaint.json')).json();
  valid('serviceDefinition', def);
  assert.ok(def.attributes.find((a: { code: string }) => a.code === 'category').values.some((v: { key: string }) => v.key === '城乡建设'));
  await wellFormed((await get('/open311/v2/services/complaint.xml')).body);
  const noService = await get('/open311/v2/services/pothole.json');
  assert.equal(noService.statusCode, 404);
  valid('errors', noService.json());
  assert.match(noService.json()[0].description, /^OPEN311_SERVICE_NOT_FOUND/);
  assert.equal((await get('/open311/v2/services.csv')).statusCode, 404);

  // Filing: the api_key is required and must carry messages:write; bad fields are named.
  const post = (fmt: string, payload: Record<string, string>) =>
    h.app.inject({
      method: 'POST',
      url: `/open311/v2/requests.${fmt}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(payload).toString(),
    });
  const fields = {
    service_code: 'complaint',
    description: '小区门口路灯坏了一个月，晚上很黑。',
    address_string: '城东区光明路12号',
    first_name: '芳',
    last_name: '王',
    phone: '13912345678',
  };
  const noKey = await post('json', fields);
  assert.equal(noKey.statusCode, 403);
  valid('errors', noKey.json());
  assert.equal((await post('json', { ...fields, api_key: readOnly })).statusCode, 403);
  const badXml = await post('xml', { ...fields, api_key: key, service_code: 'pothole' });
  assert.equal(badXml.statusCode, 400);
  const errXml = await wellFormed(badXml.body);
  assert.equal((errXml.errors.error as { code: string }).code, '400');
  assert.match((await post('json', { ...fields, api_key: key, description: '  ' })).json()[0].description, /description/);

  const created = await post('json', { ...fields, api_key: key, 'attribute[title]': '光明路路灯不亮', 'attribute[category]': '城乡建设', 'attribute[consent_publish]': '1' });
  assert.equal(created.statusCode, 201);
  valid('created', created.json());
  const id = created.json()[0].service_request_id as string;
  assert.match(id, /^LY2026\d{6}$/);
  assert.match(created.json()[0].service_notice, /示范市住房和城乡建设局办理，2026-03-23前答复；查询码 [A-Z0-9]{8}/);
  const row = (await h.db.query<{ title: string; writer_name: string; contact: string; area: string; consent_publish: boolean }>('SELECT * FROM messages WHERE case_no = $1', [id]))
    .rows[0];
  assert.deepEqual([row.title, row.writer_name, row.contact, row.area, row.consent_publish], ['光明路路灯不亮', '王芳', '13912345678', '城东区光明路12号', true]);
  const createdXml = await wellFormed((await post('xml', { ...fields, api_key: key })).body);
  assert.match(String((createdXml.service_requests.request as { service_request_id: string }).service_request_id), /^LY2026\d{6}$/);

  // Following: the filer sees its request in full; the public does not see it until it is published.
  assert.equal((await get(`/open311/v2/requests/${id}.json`)).statusCode, 404);
  assert.equal((await get(`/open311/v2/tokens/${id}.json`)).statusCode, 404);
  const mine = await get(`/open311/v2/requests/${id}.json?api_key=${key}`);
  valid('requests', mine.json());
  assert.equal(mine.json()[0].status, 'open');
  assert.equal(mine.json()[0].expected_datetime, '2026-03-23T23:59:59+08:00');
  assert.equal(mine.json()[0].agency_responsible, '示范市住房和城乡建设局');
  assert.equal((await get('/open311/v2/requests.json')).json().length, 0, 'nothing published yet');
  assert.equal((await get(`/open311/v2/requests.json?api_key=${key}`)).json().length, 2);

  const z = await actorFor(h.db, 'zclerk');
  const ctx = { now: new Date('2026-03-04T02:00:00Z'), today: '2026-03-04', calendar: buildCalendar() };
  const mid = (await h.db.query<{ id: number }>('SELECT id::int FROM messages WHERE case_no = $1', [id])).rows[0].id;
  await replyMessage(h.db, z, ctx, mid, '已安排维修，3月5日前修复。联系人李工13800001111。');
  await publishMessage(h.db, z, ctx, mid, { publicTitle: '', publicBody: '', publicReply: '' });

  const pub = await get(`/open311/v2/requests/${id}.json`);
  valid('requests', pub.json());
  assert.equal(pub.json()[0].status, 'closed');
  assert.doesNotMatch(JSON.stringify(pub.json()), /13912345678|13800001111|王芳/, 'the public sees the masked archive text');
  assert.match(pub.json()[0].status_notes, /已安排维修/);
  const list = await get('/open311/v2/requests.json?status=closed&service_code=complaint&start_date=2026-03-01T00:00:00Z&end_date=2026-03-31T00:00:00Z');
  valid('requests', list.json());
  assert.deepEqual(
    list.json().map((r: { service_request_id: string }) => r.service_request_id),
    [id],
  );
  const listXml = await wellFormed((await get('/open311/v2/requests.xml?status=closed')).body);
  assert.equal((listXml.service_requests.request as { service_request_id: string }).service_request_id, id);
  assert.equal((listXml.service_requests.request as { status: string }).status, 'closed');
  const tokens = (await get(`/open311/v2/tokens/${id}.json`)).json();
  valid('tokens', tokens);
  assert.equal(tokens[0].service_request_id, id);
  const badDate = await get('/open311/v2/requests.json?start_date=yesterday');
  assert.equal(badDate.statusCode, 400);
  valid('errors', badDate.json());
  assert.equal((await get('/open311/v2/requests.json?status=fixed')).statusCode, 400);
});
