/**
 * A unit's 政务公开 people: the official in charge is published in the guide; the office head and liaisons stay
 * internal; every change is dated and audited; bad input is named with the values kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';

test('officials: the official in charge in the guide, the office head and liaisons internal', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const civil = await makeUnit(h.db, { parentId: city.id, slug: 'mz', code: '990100005', name: '示范市民政局', kind: 'department' });
  await makeUser(h.db, civil.id, ['office_admin'], { username: 'civil' });
  await makeUser(h.db, civil.id, ['publisher'], { username: 'clerk' });
  const b = new Browser(h.app);
  await b.login('civil');
  const edit = `/staff/units/${civil.id}/edit`;
  assert.match((await b.get(edit)).body, /政务公开工作人员[\s\S]*尚未填写/);
  const bad = await b.post(
    `/staff/units/${civil.id}/officials`,
    { leaderName: '王明', leaderPost: '副局长', headName: '李华', headPost: '办公室主任', headPhone: 'abc', liaisons: '' },
    edit,
  );
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /请填写有效的电话号码/);
  assert.match(bad.body, /value="王明"/);
  const ok = await b.post(
    `/staff/units/${civil.id}/officials`,
    {
      leaderName: '王明',
      leaderPost: '副局长',
      headName: '李华',
      headPost: '办公室主任',
      headPhone: '0371-12345678',
      liaisons: '张强 科员 13800000001\n赵敏，副科长，13800000002',
    },
    edit,
  );
  assert.equal(ok.statusCode, 303);
  const page = (await b.get(edit)).body;
  assert.match(page, /最近一次变更：2026-03-02/);
  assert.match(page, /张强 科员 13800000001\n赵敏 副科长 13800000002<\/textarea>/);
  const guide = (await new Browser(h.app).get('/xxgk/mz/guide')).body;
  assert.match(guide, /<th scope="row">分管负责人<\/th><td>王明（副局长）<\/td>/);
  assert.doesNotMatch(guide, /李华|张强|13800000001/, 'the office head and liaisons are not published');
  const logged = await h.db.query<{ details: { leader: string; liaisons: number } }>(`SELECT details FROM audit_log WHERE action = 'unit.officials_saved'`);
  assert.deepEqual(
    logged.rows.map((r) => [r.details.leader, r.details.liaisons]),
    [['王明', 2]],
  );
  assert.doesNotMatch(JSON.stringify(logged.rows), /1380000000/, 'phone numbers are not copied into the log');
  // A publisher does not manage the unit.
  const clerk = new Browser(h.app);
  await clerk.login('clerk');
  assert.equal((await clerk.post(`/staff/units/${civil.id}/officials`, { leaderName: 'x' }, '/staff')).statusCode, 403);
});
