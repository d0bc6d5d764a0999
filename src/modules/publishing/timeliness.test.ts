import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar } from '../../lib/calendar.ts';
import { explainDue, publicationDue, timeliness } from './timeliness.ts';
import { formatIndexNo } from './indexNo.ts';

const cal = buildCalendar();

test('the 20-working-day limit passes over the National Day holiday and counts its make-up days', () => {
  const due = publicationDue('2025-09-20', cal);
  // From 2025-09-20 (Sat): 09-22..26 (5), 09-28 make-up Sunday (6), 09-29..30 (8), 10-01..08 off, 10-09..10 (10),
  // 10-11 make-up Saturday (11), 10-13..17 (16), 10-20..23 (20).
  assert.equal(due.date, '2025-10-23');
  assert.deepEqual(
    due.makeUpDays.map((d) => d.date),
    ['2025-09-28', '2025-10-11'],
  );
  assert.ok(due.makeUpDays.some((d) => d.date === '2025-09-28'));
  const text = explainDue('2025-09-20', due);
  assert.match(text, /2025-10-23/);
  assert.match(text, /国庆/);
  assert.match(text, /调休上班日/);
});

test('status on fixed dates: on time, at risk, late, published on time or late', () => {
  assert.equal(timeliness('2026-03-02', '2026-03-03', null, cal).status, 'on_time');
  assert.equal(timeliness('2026-03-02', '2026-03-25', null, cal).status, 'at_risk');
  const late = timeliness('2026-03-02', '2026-04-07', null, cal);
  assert.equal(late.status, 'late');
  assert.ok((late.daysLeft ?? 0) < 0);
  assert.equal(timeliness('2026-03-02', '2026-04-07', '2026-03-30', cal).status, 'published_on_time');
  assert.equal(timeliness('2026-03-02', '2026-04-07', '2026-04-01', cal).status, 'published_late');
});

test('a due date in a year without a published calendar is provisional and says so', () => {
  const due = publicationDue('2026-12-20', cal);
  assert.equal(due.provisional, true);
  assert.match(explainDue('2026-12-20', due), /2027 年的节假日安排尚未公布/);
});

test('索引号 pattern: unit code, year and a zero-padded serial', () => {
  assert.equal(formatIndexNo('{code}/{year}-{serial5}', '00548694', 2020, 18), '00548694/2020-00018');
  assert.equal(formatIndexNo('{code}/{year}{month}-{serial5}', '11341702486344515H', 2021, 13, 10), '11341702486344515H/202110-00013');
});
