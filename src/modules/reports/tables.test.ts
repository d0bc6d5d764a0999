import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTable3, computeTable3, computeTable4, TABLE3_ROWS, type CaseForReport } from './tables.ts';

let id = 0;
const c = (applicantType: 'natural' | 'legal', applicantSubtype: string | null, receivedOn: string | null, repliedOn: string | null, outcome: string | null): CaseForReport => ({
  id: ++id,
  applicantType,
  applicantSubtype,
  receivedOn,
  repliedOn,
  outcome,
});

/** A year of cases with known outcomes, written out by hand. */
const CASES = [
  c('natural', null, '2025-12-20', '2026-01-10', 'disclose_provided'), // carried in, answered: （一）
  c('natural', null, '2025-12-28', null, null), // carried in, still open: 四
  c('natural', null, '2025-11-01', '2025-12-01', 'partial'), // answered last year: not in 2026
  c('natural', null, '2026-02-01', '2026-02-20', 'disclose_published'), // （一）
  c('natural', null, '2026-03-01', '2026-03-25', 'partial'), // （二）
  c('legal', 'commercial', '2026-03-02', '2026-03-30', 'withhold_third_party'), // （三）4
  c('legal', 'commercial', '2026-04-01', '2026-04-10', 'unable_not_held'), // （四）1
  c('legal', 'commercial', '2026-04-02', '2026-04-11', 'unable_not_ours'), // （四）1 as well (Art. 36(5))
  c('legal', 'research', '2026-05-01', '2026-05-05', 'np_repeat'), // （五）2
  c('legal', 'legal_services', '2026-06-01', '2026-06-30', 'other_no_correction'), // （六）1
  c('legal', 'public_interest', '2026-07-01', '2026-07-20', 'other_unpaid'), // （六）2
  c('legal', 'other', '2026-08-01', '2026-08-02', 'other'), // （六）3
  c('natural', null, '2026-12-28', null, null), // received, open at the year's end: 四
  c('natural', null, '2026-12-30', '2027-01-05', 'disclose_provided'), // answered next year: 四
  c('natural', null, null, null, null), // submitted online, never confirmed: not received
  c('natural', null, '2027-01-02', null, null), // next year
];

test('table 三: every cell of a year of known cases, each with the cases it counts', () => {
  const t = computeTable3(CASES, 2026);
  const v = (row: string, col: 'natural' | 'commercial' | 'research' | 'public_interest' | 'legal_services' | 'other' | 'total') => t[row][col].value;
  assert.deepEqual(
    [v('new', 'natural'), v('new', 'commercial'), v('new', 'research'), v('new', 'public_interest'), v('new', 'legal_services'), v('new', 'other'), v('new', 'total')],
    [4, 3, 1, 1, 1, 1, 11],
  );
  assert.deepEqual([v('carried_in', 'natural'), v('carried_in', 'total')], [2, 2]);
  assert.deepEqual(
    [
      v('（一）', 'natural'),
      v('（二）', 'natural'),
      v('（三）4', 'commercial'),
      v('（四）1', 'commercial'),
      v('（五）2', 'research'),
      v('（六）1', 'legal_services'),
      v('（六）2', 'public_interest'),
      v('（六）3', 'other'),
    ],
    [2, 1, 1, 2, 1, 1, 1, 1],
  );
  assert.equal(v('（七）', 'total'), 10);
  assert.deepEqual([v('carried_out', 'natural'), v('carried_out', 'total')], [3, 3]);
  assert.deepEqual(t['（一）'].natural.ids, [1, 4]);
  assert.deepEqual(t.carried_out.total.ids, [2, 13, 14]);
  // Every row of the format is there, in order.
  assert.equal(TABLE3_ROWS.length, 2 + 2 + 8 + 3 + 5 + 3 + 1 + 1);
  const checks = checkTable3(t, { natural: 2, commercial: 0, research: 0, public_interest: 0, legal_services: 0, other: 0, total: 2 });
  assert.ok(
    checks.every((x) => x.ok),
    JSON.stringify(checks.filter((x) => !x.ok)),
  );
});

test('the cross-checks catch a table that does not add up, and a carried-over figure that differs from last year', () => {
  const t = computeTable3(CASES, 2026);
  t['（一）'].natural.value += 1; // as if a figure had been typed in wrong
  const failed = checkTable3(t, { natural: 1, commercial: 0, research: 0, public_interest: 0, legal_services: 0, other: 0, total: 1 })
    .filter((x) => !x.ok)
    .map((x) => x.rule);
  assert.deepEqual(failed, [
    '自然人：（七）总计 = （一）至（六）各项之和',
    '自然人：上年结转 = 上一年度报告的结转下年度',
    '总计：上年结转 = 上一年度报告的结转下年度',
    '（一）予以公开：各类申请人之和 = 总计',
  ]);
});

test('table 四: challenges filed in the year, by their result at the year’s end', () => {
  const t = computeTable4(
    [
      { id: 1, kind: 'review', filedOn: '2026-03-01', result: 'upheld', decidedOn: '2026-05-01' },
      { id: 2, kind: 'review', filedOn: '2026-11-01', result: 'corrected', decidedOn: '2027-01-10' },
      { id: 3, kind: 'litigation_direct', filedOn: '2026-06-01', result: 'other', decidedOn: '2026-09-01' },
      { id: 4, kind: 'litigation_after_review', filedOn: '2026-07-01', result: 'pending', decidedOn: null },
      { id: 5, kind: 'review', filedOn: '2025-12-01', result: 'upheld', decidedOn: '2026-01-10' },
    ],
    2026,
  );
  assert.deepEqual([t.review.upheld.value, t.review.pending.value, t.review.total.value], [1, 1, 2]);
  assert.deepEqual([t.litigation_direct.other.value, t.litigation_after_review.pending.value], [1, 1]);
  assert.deepEqual(t.review.pending.ids, [2]);
});
