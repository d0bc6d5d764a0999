import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { actorFor, makeUnit, makeUser } from '../../testing/factories.ts';
import { application } from '../../testing/requests.ts';
import { Browser } from '../../testing/http.ts';
import { caseContext } from '../requests/caseStore.ts';
import { registerApplication } from '../requests/commands/registerApplication.ts';
import { decideCase } from '../requests/commands/decide.ts';

test('the report screen: numbers link to their cases, entered figures are checked and kept, files download, steps follow', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const civil = await makeUnit(h.db, { parentId: city.id, slug: 'mz', code: '990100005', name: '示范市民政局' });
  await makeUser(h.db, civil.id, ['office_admin', 'request_officer'], { username: 'civil' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  const ctx = () => caseContext({ calendar: h.calendar, clock: h.clock, config: h.config });
  const actor = await actorFor(h.db, 'civil');
  const c = await registerApplication(h.db, await ctx(), actor, { unitId: civil.id, application: application(), registration: { channel: 'in_person', arrivedOn: '2026-03-02' } });
  await decideCase(h.db, await ctx(), actor, c.id, { onDate: '2026-03-02', outcome: 'unable_not_held' });
  h.clock.set('2027-01-08T02:00:00Z');
  const b = new Browser(h.app);
  await b.login('civil');
  assert.match((await b.get('/staff/reports')).body, /href="\/staff\/reports\/\d+\/2026">示范市民政局<\/a><\/td><td>未编写/);
  const base = `/staff/reports/${civil.id}/2026`;
  const page = (await b.get(base)).body;
  assert.match(page, /全部成立/);
  assert.match(page, /全年新收政府信息公开申请1件/, 'the starting text');
  const link = new RegExp(`<a href="(${base}/cells/t3/%EF%BC%88%E5%9B%9B%EF%BC%891/natural)">1</a>`).exec(page);
  assert.ok(link, 'the （四）1 自然人 cell links to its cases');
  const cases = (await b.get(link![1])).body;
  assert.match(cases, new RegExp(`href="/staff/requests/${c.id}">${c.caseNo} 张三</a>`));
  const bad = await b.post(`${base}/save`, { licensing: 'abc', fees: '2.5', overall: '本年总体情况。', problems: '', other: '' }, base);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /行政许可本年处理决定数量：请填写不小于0的整数/);
  assert.match(bad.body, /value="abc"/);
  assert.match(bad.body, />本年总体情况。<\/textarea>/);
  assert.equal((await b.post(`${base}/save`, { licensing: '12', fees: '2.5', overall: '本年总体情况。', problems: '无', other: '未收取信息处理费。' }, base)).statusCode, 303);
  const blank = await b.post(`${base}/submit`, {}, base);
  assert.equal(blank.statusCode, 409);
  assert.match(blank.body, /表二尚有未填写的项，不能报送：规章本年制发件数/);
  const filled = {
    rules_issued: '无',
    rules_repealed: '无',
    rules_in_force: '无',
    normative_issued: '1',
    normative_repealed: '无',
    normative_in_force: '1',
    licensing: '12',
    penalty: '无',
    enforcement: '无',
    fees: '2.5',
  };
  assert.equal((await b.post(`${base}/save`, { ...filled, overall: '本年总体情况。', problems: '无', other: '未收取信息处理费。' }, base)).statusCode, 303);
  assert.match((await b.get(base)).body, /id="f-rules_issued" name="rules_issued" value="无"/);
  const docx = await h.app.inject({ url: `${base}.docx`, headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  assert.equal((await b.post(`${base}/submit`, {}, base)).statusCode, 303);
  assert.equal((await b.post(`${base}/file`, {}, base)).statusCode, 403);
  const office = new Browser(h.app);
  await office.login('office');
  assert.equal((await office.post(`${base}/file`, {}, base)).statusCode, 303);
  await b.post(`${base}/publish`, {}, base);
  assert.match((await b.get(base)).body, /状态：已公开/);
  assert.match((await new Browser(h.app).get('/xxgk/mz/s/annual_report')).body, /示范市民政局2026年政府信息公开工作年度报告/);
  assert.equal((await new Browser(h.app).get(base)).statusCode, 302, 'sign-in required');
});
