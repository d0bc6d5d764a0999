import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { buildCalendar, checkHolidayCnFile, type HolidayCnFile } from './calendar.ts';

const DATA = 'fixtures/holidays';

function holidayCnOverrides() {
  const days: { date: string; working: boolean; name: string; source: string }[] = [];
  const years: number[] = [];
  for (const f of fs.readdirSync(`${DATA}/holiday-cn`).filter((f) => /^\d{4}\.json$/.test(f))) {
    const data = JSON.parse(fs.readFileSync(`${DATA}/holiday-cn/${f}`, 'utf8')) as HolidayCnFile;
    if (!data.days.length) continue;
    years.push(data.year);
    for (const d of data.days) days.push({ date: d.date, working: !d.isOffDay, name: d.name, source: 'holiday-cn' });
  }
  return { days, years };
}

test('agrees with the golden cross-check table for every day of 2004-2026 where the sources agree', () => {
  const cal = buildCalendar(holidayCnOverrides());
  const lines = fs.readFileSync(`${DATA}/is_workday_by_source_2004_2027.csv`, 'utf8').trim().split('\n').slice(1);
  let checked = 0;
  for (const line of lines) {
    const [date, chineseDays, holidayCn, , lki] = line.split(',');
    if (date >= '2027-01-01') continue;
    const votes = [chineseDays, holidayCn, lki].filter((v) => v === '0' || v === '1');
    if (!votes.length || new Set(votes).size > 1) continue;
    assert.equal(cal.isWorkingDay(date), votes[0] === '1', date);
    checked++;
  }
  assert.ok(checked > 8000, `checked ${checked} days`);
});

test('knows the 2020 Spring Festival extension: 31 January off, 1 February no longer a make-up day', () => {
  const cal = buildCalendar(holidayCnOverrides());
  assert.equal(cal.isWorkingDay('2020-01-31'), false);
  assert.equal(cal.isWorkingDay('2020-02-01'), false);
  assert.equal(cal.isWorkingDay('2020-02-03'), true);
  assert.equal(cal.isWorkingDay('2020-01-19'), true, '19 January 2020 was a make-up working Sunday');
});

test('counts make-up weekend days as working days and skips holidays when adding working days', () => {
  const cal = buildCalendar();
  // 2025-09-28 (Sunday) is a make-up working day before National Day; 10-01..10-08 are off; 10-11 (Saturday) works.
  const r = cal.addWorkingDays('2025-09-26', 3);
  assert.equal(r.date, '2025-09-30');
  assert.deepEqual(
    r.makeUpDays.map((d) => d.date),
    ['2025-09-28'],
  );
  const r2 = cal.addWorkingDays('2025-09-30', 2);
  assert.equal(r2.date, '2025-10-10');
  assert.ok(r2.skipped.some((d) => d.date === '2025-10-01' && d.reason.includes('国庆')));
  assert.equal(r2.provisional, false);
});

test('the day after the start counts as the first working day', () => {
  const cal = buildCalendar();
  assert.equal(cal.addWorkingDays('2026-03-02', 1).date, '2026-03-03');
  assert.equal(cal.addWorkingDays('2026-03-06', 1).date, '2026-03-09');
  assert.equal(cal.addWorkingDays('2026-03-02', 0).date, '2026-03-02');
});

test('a year with no published notice is unknown and makes results provisional', () => {
  const cal = buildCalendar();
  assert.equal(cal.isWorkingDay('2027-03-03'), 'unknown');
  const r = cal.addWorkingDays('2026-12-20', 20);
  assert.equal(r.provisional, true);
  assert.deepEqual(r.unknownYears, [2027]);
  assert.equal(cal.isKnownYear(2026), true);
  assert.equal(cal.isKnownYear(2027), false);
});

test('an imported notice makes its year known and overrides the base data', () => {
  const cal = buildCalendar({
    days: [
      { date: '2027-01-01', working: false, name: '元旦', source: 't' },
      { date: '2027-02-06', working: true, name: '春节', source: 't' },
    ],
    years: [2027],
  });
  assert.equal(cal.isWorkingDay('2027-01-01'), false);
  assert.equal(cal.isWorkingDay('2027-02-06'), true);
  assert.equal(cal.isWorkingDay('2027-03-03'), true);
});

test('working days between two dates', () => {
  const cal = buildCalendar();
  assert.deepEqual(cal.workingDaysBetween('2026-03-02', '2026-03-09'), { days: 5, provisional: false });
  assert.deepEqual(cal.workingDaysBetween('2026-03-09', '2026-03-02'), { days: 0, provisional: false });
});

test('checks holiday-cn files and names each problem', () => {
  assert.deepEqual(checkHolidayCnFile({ year: 2027, papers: [], days: [] }), []);
  assert.ok(checkHolidayCnFile({ year: 'x', days: [{ date: '2027-02-30', isOffDay: 'y' }] }).length >= 3);
  assert.deepEqual(checkHolidayCnFile(null), ['不是 JSON 对象']);
});

test('rejects impossible dates and negative counts', () => {
  const cal = buildCalendar();
  assert.throws(() => cal.addWorkingDays('2026-02-30', 1), RangeError);
  assert.throws(() => cal.addWorkingDays('2026-02-03', -1), RangeError);
});
