import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { actorFor, makeUnit, makeUser } from '../../testing/factories.ts';
import { application } from '../../testing/requests.ts';
import { Browser } from '../../testing/http.ts';
import { caseContext } from '../requests/caseStore.ts';
import { registerApplication } from '../requests/commands/registerApplication.ts';
import { decideCase } from '../requests/commands/decide.ts';
import { recordReview } from '../requests/commands/reviews.ts';
import { buildReport, startingText } from './build.ts';
import { saveReport } from './commands/saveReport.ts';
import { transitionReport } from './commands/transitionReport.ts';

test('a year of cases becomes tables 三 and 四; the report is checked, submitted, filed above and published in 年报', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const civil = await makeUnit(h.db, { parentId: city.id, slug: 'mz', code: '990100005', name: '示范市民政局' });
  await makeUser(h.db, civil.id, ['office_admin', 'request_officer'], { username: 'civil' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  const civilActor = await actorFor(h.db, 'civil');
  const office = await actorFor(h.db, 'office');
  const ctx = () => caseContext({ calendar: h.calendar, clock: h.clock, config: h.config });
  const reg = async (arrivedOn: string, over: Record<string, unknown> = {}) => {
    h.clock.set(`${arrivedOn}T02:00:00Z`);
    return (await registerApplication(h.db, await ctx(), civilActor, { unitId: civil.id, application: application(over), registration: { channel: 'in_person', arrivedOn } })).id;
  };
  const decide = async (id: number, on: string, outcome: string, extra: Record<string, string> = {}) => {
    h.clock.set(`${on}T02:00:00Z`);
    await decideCase(h.db, await ctx(), civilActor, id, { onDate: on, outcome, ...extra });
  };
  const a = await reg('2026-03-02');
  await decide(a, '2026-03-20', 'disclose_provided');
  const b = await reg('2026-04-01', {
    applicantType: 'legal',
    applicantSubtype: 'commercial',
    idType: '统一社会信用代码',
    idNumber: '91990100MA0000001P',
    contactPerson: '王经理',
  });
  await decide(b, '2026-04-20', 'withhold_third_party', { detail: '涉及商业秘密' });
  await reg('2026-12-28');
  h.clock.set('2026-05-10T02:00:00Z');
  await recordReview(h.db, await ctx(), civilActor, b, { kind: 'review', filedOn: '2026-05-10', result: 'pending' });

  h.clock.set('2027-01-10T02:00:00Z');
  const built = await buildReport(h.db, civil.id, 2026);
  assert.equal(built.table3.new.total.value, 3);
  assert.deepEqual([built.table3.new.natural.value, built.table3.new.commercial.value], [2, 1]);
  assert.equal(built.table3['（一）'].natural.value, 1);
  assert.equal(built.table3['（三）4'].commercial.value, 1);
  assert.equal(built.table3.carried_out.total.value, 1);
  assert.equal(built.table4.review.pending.value, 1);
  assert.ok(built.checks.every((c) => c.ok));
  const start = startingText(built);
  assert.match(start.overall, /全年新收政府信息公开申请3件，上年结转0件，办结2件，结转下年度1件/);

  const bad = await saveReport(h.db, civilActor, h.clock.now(), { unitId: civil.id, year: 2026, body: { licensing: '-1', fees: '1.23456' } }).catch((e) => e);
  assert.equal(bad.code, 'VALIDATION_FAILED');
  assert.ok(bad.fields.licensing && bad.fields.fees);
  assert.equal((await h.db.query('SELECT 1 FROM annual_reports')).rows.length, 0, 'nothing written');
  await saveReport(h.db, civilActor, h.clock.now(), {
    unitId: civil.id,
    year: 2026,
    body: { rules_issued: '0', normative_issued: '3', normative_repealed: '1', normative_in_force: '12', licensing: '45', penalty: '7', enforcement: '0', fees: '1.25', ...start },
  });
  // Table 二 with blanks cannot go: each figure is a number or 无 written by the compiler.
  await assert.rejects(
    transitionReport(h.db, civilActor, h.clock.now(), { unitId: civil.id, year: 2026, step: 'submit' }),
    (e: { code: string; message: string }) =>
      e.code === 'REPORT_CHECKS_FAILED' && /表二尚有未填写的项，不能报送：规章本年废止件数、规章现行有效件数。没有的请填写“无”。/.test(e.message),
  );
  await saveReport(h.db, civilActor, h.clock.now(), {
    unitId: civil.id,
    year: 2026,
    body: {
      rules_issued: '0',
      rules_repealed: '无',
      rules_in_force: '无',
      normative_issued: '3',
      normative_repealed: '1',
      normative_in_force: '12',
      licensing: '45',
      penalty: '7',
      enforcement: '0',
      fees: '1.25',
      ...start,
    },
  });
  assert.equal((await h.db.query<{ v: string }>(`SELECT entered->>'rules_repealed' AS v FROM annual_reports WHERE year = 2026`)).rows[0].v, '无');

  // Last year's filed report said two cases were carried into 2026: the figures disagree and the report cannot go.
  await h.db.query(`INSERT INTO annual_reports (unit_id, year, state, snapshot) VALUES ($1, 2025, 'published', $2)`, [
    civil.id,
    JSON.stringify({
      table3: {
        carried_out: Object.fromEntries(
          ['natural', 'commercial', 'research', 'public_interest', 'legal_services', 'other', 'total'].map((k) => [
            k,
            { value: k === 'natural' || k === 'total' ? 2 : 0, ids: [] },
          ]),
        ),
      },
      table4: {},
    }),
  ]);
  await assert.rejects(
    transitionReport(h.db, civilActor, h.clock.now(), { unitId: civil.id, year: 2026, step: 'submit' }),
    (e: { code: string; message: string }) => e.code === 'REPORT_CHECKS_FAILED' && /上年结转 = 上一年度报告的结转下年度/.test(e.message),
  );
  await h.db.query(`DELETE FROM annual_reports WHERE year = 2025`);
  await transitionReport(h.db, civilActor, h.clock.now(), { unitId: civil.id, year: 2026, step: 'submit' });
  await assert.rejects(
    transitionReport(h.db, civilActor, h.clock.now(), { unitId: civil.id, year: 2026, step: 'file' }),
    { code: 'FORBIDDEN' },
    'a unit does not file its own report',
  );
  await assert.rejects(saveReport(h.db, civilActor, h.clock.now(), { unitId: civil.id, year: 2026, body: {} }), { code: 'REPORT_NOT_EDITABLE' });
  await transitionReport(h.db, office, h.clock.now(), { unitId: civil.id, year: 2026, step: 'file' });
  const pub = await transitionReport(h.db, civilActor, h.clock.now(), { unitId: civil.id, year: 2026, step: 'publish' });
  const page = (await new Browser(h.app).get(`/xxgk/mz/items/${pub.itemId}`)).body;
  assert.match(page, /示范市民政局2026年政府信息公开工作年度报告/);
  assert.match(page, /三、收到和处理政府信息公开申请情况/);
  assert.match(page, /<td>4.保护第三方合法权益<\/td>|（三）不予公开 4.保护第三方合法权益/);
  assert.match((await new Browser(h.app).get('/xxgk/mz/s/annual_report')).body, /2026年政府信息公开工作年度报告/);
});

test('a report of a year before the platform is imported (2019 format read), checked, and carries into the next year', async (t) => {
  const h = await makeTestApp({ now: '2027-01-10T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  const office = await actorFor(h.db, 'office');
  const { importReport } = await import('./commands/importReport.ts');
  const row = (natural: number) => ({ natural, total: natural });
  // 2019 trial format: a single （六） row.
  const y2019 = {
    format: '2019',
    table3: { new: row(5), carried_in: row(0), '（一）': row(2), '（六）': row(1), '（七）': row(3), carried_out: row(2) },
    table4: { review: { upheld: 1, total: 1 } },
    table2: { rules_issued: 2 },
  };
  const bad = await importReport(h.db, office, h.clock.now(), { unitId: city.id, year: 2019, data: { ...y2019, table3: { ...y2019.table3, carried_out: row(1) } } }).catch(
    (e) => e,
  );
  assert.equal(bad.code, 'REPORT_CHECKS_FAILED');
  assert.match(bad.message, /一 \+ 二 = 三（七）总计 \+ 四/);
  assert.equal(
    (await importReport(h.db, office, h.clock.now(), { unitId: city.id, year: 2019, data: { ...y2019, table3: { ...y2019.table3, '（九）': row(1) } } }).catch((e) => e)).code,
    'VALIDATION_FAILED',
  );
  await importReport(h.db, office, h.clock.now(), { unitId: city.id, year: 2019, data: y2019 });
  const stored = (
    await h.db.query<{ format: string; state: string; snapshot: { table3: Record<string, Record<string, { value: number }>> } }>(
      'SELECT format, state, snapshot FROM annual_reports WHERE year = 2019',
    )
  ).rows[0];
  assert.deepEqual([stored.format, stored.state, stored.snapshot.table3['（六）3'].natural.value], ['2019', 'published', 1]);
  assert.equal((await importReport(h.db, office, h.clock.now(), { unitId: city.id, year: 2019, data: y2019 }).catch((e) => e)).code, 'REPORT_EXISTS');
  // 2020 on the platform with no cases: its 上年结转 (0) disagrees with 2019's 结转下年度 (2), and the check says so.
  const built = await buildReport(h.db, city.id, 2020);
  assert.deepEqual(
    built.checks.filter((c) => !c.ok).map((c) => c.rule),
    ['自然人：上年结转 = 上一年度报告的结转下年度', '总计：上年结转 = 上一年度报告的结转下年度'],
  );
});
