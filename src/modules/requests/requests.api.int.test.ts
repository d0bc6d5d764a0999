import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { createApiToken } from '../orgs/commands/createApiToken.ts';
import { application } from '../../testing/requests.ts';

const system = { kind: 'system' as const, label: 't' };

test('a unit system registers an application and records its steps through the API, with the same rules and stable error codes', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  const civil = await makeUnit(h.db, { parentId: city.id, slug: 'mz', code: '990100005', name: '示范市民政局' });
  const edu = await makeUnit(h.db, { parentId: city.id, slug: 'jy', code: '990100004', name: '示范市教育局' });
  const token = (await createApiToken(h.db, system, { unitId: civil.id, name: '民政业务系统', scopes: ['requests:write'] })).token;
  const itemsOnly = (await createApiToken(h.db, system, { unitId: civil.id, name: 'OA', scopes: ['items:write'] })).token;
  const eduToken = (await createApiToken(h.db, system, { unitId: edu.id, name: '教育', scopes: ['requests:write'] })).token;
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown, bearer = token) =>
    h.app.inject({ method, url, headers: { authorization: `Bearer ${bearer}` }, payload: payload as object });

  const bad = await call('POST', '/api/v1/requests', { unit: 'mz', channel: 'fax', arrivedOn: '2026-03-02', application: application({ idNumber: '1' }) });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
  assert.ok(bad.json().error.fields.idNumber && bad.json().error.fields.confirmedOn);
  assert.equal(
    (await call('POST', '/api/v1/requests', { unit: 'mz', channel: 'in_person', arrivedOn: '2026-03-02', application: application(), extra: 1 })).statusCode,
    400,
    'unknown fields are refused',
  );
  assert.equal(
    (await call('POST', '/api/v1/requests', { unit: 'mz', channel: 'in_person', arrivedOn: '2026-03-02', application: application() }, itemsOnly)).json().error.code,
    'FORBIDDEN',
  );
  assert.equal((await h.db.query('SELECT 1 FROM request_cases')).rows.length, 0);

  const created = await call('POST', '/api/v1/requests', { unit: '990100005', channel: 'in_person', arrivedOn: '2026-03-02', application: application() });
  assert.equal(created.statusCode, 201);
  const c = created.json();
  assert.match(c.queryCode, /^[A-Z0-9]{8}$/);
  assert.equal(c.dueOn, '2026-03-30');
  assert.equal(c.letters[0].kind, 'receipt');
  assert.equal(created.headers.location, `/api/v1/requests/${c.caseNo}`);

  const consult = await call('POST', `/api/v1/requests/${c.caseNo}/steps/consult`, { onDate: '2026-03-02', party: 'inter_agency', partyName: '示范市财政局' });
  assert.equal(consult.statusCode, 200);
  assert.equal(consult.json().state, 'consulting');
  const refused = await call('POST', `/api/v1/requests/${c.caseNo}/steps/decide`, { onDate: '2026-03-02', outcome: 'disclose_provided' });
  assert.equal(refused.statusCode, 409);
  assert.equal(refused.json().error.code, 'CASE_INVALID_TRANSITION');
  assert.equal((await call('POST', `/api/v1/requests/${c.caseNo}/steps/nonsense`, {})).statusCode, 400);
  assert.equal((await call('GET', `/api/v1/requests/${c.caseNo}`, undefined, eduToken)).statusCode, 403, 'another unit’s token');
  const read = (await call('GET', `/api/v1/requests/${c.caseNo}`)).json();
  assert.deepEqual(
    read.events.map((e: { kind: string }) => e.kind),
    ['register', 'start_consultation'],
  );
  assert.match(read.clock.map((s: { text: string }) => s.text).join(''), /征求其他机关意见/);
  const audit = (await h.db.query<{ actor_label: string }>(`SELECT actor_label FROM audit_log WHERE action = 'request.start_consultation'`)).rows;
  assert.deepEqual(
    audit.map((a) => a.actor_label),
    ['API：民政业务系统'],
  );
  const doc = (await h.app.inject('/api/openapi.json')).json();
  assert.ok(doc.paths['/api/v1/requests'] && doc.paths['/api/v1/requests/{caseNo}/steps/{step}']);
});
