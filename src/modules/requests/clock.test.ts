import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar } from '../../lib/calendar.ts';
import { computeClock, correctionNoticeDue, extensionProblem } from './clock.ts';
import { perPageFee, perPieceFee, piecePrice } from './fees.ts';

const cal = buildCalendar();

test('20 working days from receipt, across National Day 2026 with its make-up Saturday', () => {
  // Received online on Fri 2026-09-25 (中秋 holiday 9-25..27). Counted: 9-28, 9-29, 9-30 (3); 10-01..10-07 国庆;
  // 10-08, 10-09 (5); Sat 10-10 make-up day (6); 10-12..16 (11); 10-19..23 (16); 10-26, 27, 28, 29 (20).
  const c = computeClock(cal, { startedOn: '2026-09-25', pauses: [] }, '2026-09-25');
  const manual = cal.addWorkingDays('2026-09-25', 20);
  assert.equal(c.dueOn, manual.date);
  assert.equal(c.dueOn, '2026-10-29');
  assert.ok(c.steps.some((s) => /国庆节放假/.test(s.text)));
  assert.ok(c.steps.some((s) => /调休上班日计为工作日：2026-10-10/.test(s.text)));
  assert.equal(c.usedWorkingDays, 0);
});

test('consultations stop the clock; their working days are added back; an open one leaves no due date', () => {
  // Received Mon 2026-03-02 → 20 working days end Mon 2026-03-30.
  const plain = computeClock(cal, { startedOn: '2026-03-02', pauses: [] }, '2026-03-10');
  assert.equal(plain.dueOn, '2026-03-30');
  assert.equal(plain.usedWorkingDays, 6);
  // Third party consulted: letter sent Thu 3-05, answer Thu 3-12 → 3-06, 3-09..3-12 = 5 working days not counted.
  const consulted = computeClock(cal, { startedOn: '2026-03-02', pauses: [{ kind: 'third_party', from: '2026-03-05', to: '2026-03-12' }] }, '2026-03-13');
  assert.equal(consulted.dueOn, '2026-04-07', '3-30 plus 5 working days, skipping 清明 4-04..4-06');
  assert.ok(consulted.steps.some((s) => /其间 5 个工作日不计入期限/.test(s.text)));
  assert.ok(consulted.steps.some((s) => /2026-04-04（清明放假）/.test(s.text)));
  assert.equal(consulted.usedWorkingDays, 4);
  const open = computeClock(cal, { startedOn: '2026-03-02', pauses: [{ kind: 'inter_agency', from: '2026-03-05' }] }, '2026-03-20');
  assert.equal(open.dueOn, null);
  assert.equal(open.stopped, true);
  assert.equal(open.usedWorkingDays, 3);
  assert.match(open.steps.at(-1)!.text, /已用 3 个工作日，剩余 17 个工作日/);
});

test('an extension of up to 20 working days, once, approved and notified before the original due date', () => {
  const base = computeClock(cal, { startedOn: '2026-03-02', pauses: [] }, '2026-03-20');
  assert.equal(extensionProblem(base, false, { workingDays: 20, approvedOn: '2026-03-27', notifiedOn: '2026-03-30' }), null);
  assert.match(extensionProblem(base, false, { workingDays: 21, approvedOn: '2026-03-27', notifiedOn: '2026-03-27' })!, /1 至 20/);
  assert.match(extensionProblem(base, false, { workingDays: 10, approvedOn: '2026-03-27', notifiedOn: '2026-03-31' })!, /届满前/);
  assert.match(extensionProblem(base, true, { workingDays: 10, approvedOn: '2026-03-27', notifiedOn: '2026-03-27' })!, /只能一次/);
  assert.match(extensionProblem(base, false, { workingDays: 10, approvedOn: '2026-03-27', notifiedOn: '2026-03-26' })!, /不能早于/);
  const extended = computeClock(cal, { startedOn: '2026-03-02', pauses: [], extension: { workingDays: 20, approvedOn: '2026-03-27', notifiedOn: '2026-03-27' } }, '2026-03-27');
  assert.equal(extended.originalDueOn, '2026-03-30');
  assert.equal(extended.dueOn, cal.addWorkingDays('2026-03-02', 40).date);
  assert.equal(extended.limitWorkingDays, 40);
});

test('a corrected application restarts the clock; the 补正 notice is due within 7 working days', () => {
  // From Mon 9-28: 9-29, 9-30, 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13.
  assert.equal(correctionNoticeDue(cal, '2026-09-28').date, '2026-10-13');
  const restarted = computeClock(cal, { startedOn: '2026-04-15', restartedByCorrection: true, pauses: [] }, '2026-04-15');
  assert.match(restarted.steps[0].text, /重新计算/);
  assert.equal(restarted.dueOn, cal.addWorkingDays('2026-04-15', 20).date);
});

test('the 2020 Spring Festival extension, year ends and an unknown year', () => {
  // Received 2020-01-23: the holiday was extended to 2-02, so the first working day counted is 2-03.
  assert.equal(computeClock(cal, { startedOn: '2020-01-23', pauses: [] }, '2020-01-23').dueOn, cal.addWorkingDays('2020-01-23', 20).date);
  assert.equal(cal.addWorkingDays('2020-01-23', 1).date, '2020-02-03');
  const yearEnd = computeClock(cal, { startedOn: '2026-12-15', pauses: [] }, '2026-12-15');
  assert.equal(yearEnd.provisional, true);
  assert.ok(yearEnd.steps.some((s) => /尚未公布节假日安排/.test(s.text)));
  // A pause over a holiday adds back only the working days inside it.
  const overHoliday = computeClock(cal, { startedOn: '2026-09-21', pauses: [{ kind: 'third_party', from: '2026-09-29', to: '2026-10-09' }] }, '2026-10-09');
  // Paused 9-30 … 10-09: the working days inside are 9-30, 10-08 and 10-09; 国庆 inside the pause is not listed.
  assert.ok(overHoliday.steps.some((s) => /其间 3 个工作日不计入期限/.test(s.text)));
  assert.equal(overHoliday.dueOn, '2026-10-29', '20 + 3 working days from 9-21, past 中秋 9-25..27');
});

test('fee tiers at every boundary: per piece per month, per page, never both', () => {
  assert.deepEqual(
    [10, 11, 30, 31, 40, 41, 50, 51].map((k) => piecePrice(k)),
    [0, 100, 100, 200, 200, 300, 300, 400],
  );
  assert.equal(perPieceFee(0, 10), 0);
  assert.equal(perPieceFee(0, 11), 100);
  assert.equal(perPieceFee(10, 1), 100);
  assert.equal(perPieceFee(0, 30), 2000);
  assert.equal(perPieceFee(0, 31), 2200);
  assert.equal(perPieceFee(29, 3), 100 + 200 + 200, 'pieces 30, 31 and 32 of the month');
  assert.deepEqual(
    [30, 31, 100, 101, 200, 201].map((p) => perPageFee(p)),
    [0, 10, 700, 720, 2700, 2740],
  );
  assert.equal(perPageFee(2219), 83460, 'the reported case: 70×10 + 100×20 + 2019×40');
});

test('across the 2026 Spring Festival with its two make-up Saturdays', () => {
  // Received Tue 2026-02-10. Counted: 2-11, 2-12, 2-13 (3); Sat 2-14 make-up (4); 春节 2-15..2-23 off; 2-24..2-27 (8);
  // Sat 2-28 make-up (9); 3-02..3-06 (14); 3-09..3-13 (19); 3-16 (20).
  const c = computeClock(cal, { startedOn: '2026-02-10', pauses: [] }, '2026-02-10');
  assert.equal(c.dueOn, '2026-03-16');
  assert.ok(c.steps.some((s) => /调休上班日计为工作日：2026-02-14、2026-02-28/.test(s.text)));
  assert.ok(c.steps.some((s) => /2026-02-16（春节放假）/.test(s.text)));
});
