/** Training records: the office records sessions for its units; a unit with none after 1 July shows in supervision. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { trainingIndicator } from './indicators.ts';

test('no training by 1 July is a finding; one session in the year clears it', () => {
  assert.deepEqual(trainingIndicator([], '2026-06-30', { id: 1 }).findings, []);
  assert.equal(trainingIndicator([], '2026-07-01', { id: 1 }).findings.length, 1);
  assert.equal(trainingIndicator([{ held_on: '2025-11-02' }], '2026-08-01', { id: 1 }).findings.length, 1, 'last year’s does not count');
  assert.deepEqual(trainingIndicator([{ held_on: '2026-03-10' }], '2026-08-01', { id: 1 }).findings, []);
});

test('the office records training for its units and sees who has none', async (t) => {
  const h = await makeTestApp({ now: '2026-08-03T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const civil = await makeUnit(h.db, { parentId: city.id, slug: 'mz', code: '990100005', name: '示范市民政局', kind: 'department' });
  const other = await makeUnit(h.db, { kind: 'government', slug: 'other', code: '990200001', name: '另一市人民政府' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  const b = new Browser(h.app);
  await b.login('office');
  const before = (await b.get(`/staff/supervision/${civil.id}`)).body;
  assert.match(before, /本年尚无政务公开培训记录/);
  const missing = await b.post('/staff/supervision/training', { unit: String(civil.id), heldOn: '', topic: '', attendees: '' }, '/staff/supervision/training');
  assert.equal(missing.statusCode, 400);
  for (const m of [/请填写培训日期/, /请填写培训主题/, /请填写参加人员/]) assert.match(missing.body, m);
  assert.equal(
    (await b.post('/staff/supervision/training', { unit: String(other.id), heldOn: '2026-07-20', topic: 'x', attendees: 'y' }, '/staff/supervision/training')).statusCode,
    404,
  );
  const ok = await b.post(
    '/staff/supervision/training',
    { unit: String(civil.id), heldOn: '2026-07-20', topic: '新条例下的依申请公开办理', attendees: '张强、赵敏\n李华' },
    '/staff/supervision/training',
  );
  assert.equal(ok.statusCode, 303);
  const page = (await b.get('/staff/supervision/training')).body;
  assert.match(page, /<td>2026-07-20<\/td><td>示范市民政局<\/td><td>新条例下的依申请公开办理<\/td><td>张强、赵敏、李华<\/td>/);
  assert.match(page, /示范市人民政府<\/td><td class="status-overdue">无<\/td>/);
  assert.doesNotMatch((await b.get(`/staff/supervision/${civil.id}`)).body, /本年尚无政务公开培训记录/);
});
