/** The ranking of units in the monthly statistics: only units with enough cases, by on-time rate first, ties shared. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monthRange, rankUnits, totals, type UnitMonth } from './statistics.ts';

const unit = (unitName: string, o: Partial<UnitMonth>): UnitMonth => ({
  unitId: unitName.length,
  unitName,
  received: 20,
  replied: 20,
  onTime: 20,
  daysTotal: 60,
  daysCounted: 20,
  rated: 0,
  satisfied: 0,
  ...o,
});

test('units below the minimum are listed unranked; the rest ranked by on-time rate, then reply rate, satisfaction, days', () => {
  const rows = rankUnits(
    [
      unit('甲', { onTime: 18 }),
      unit('乙乙', { replied: 19, onTime: 19 }),
      unit('丙丙丙', { received: 3, replied: 3, onTime: 3 }),
      unit('丁丁丁丁', {}),
      unit('戊戊戊戊戊', { rated: 4, satisfied: 4 }),
    ],
    20,
  );
  assert.deepEqual(
    rows.map((r) => [r.unitName, r.rank]),
    [
      ['戊戊戊戊戊', 1],
      ['丁丁丁丁', 2],
      ['乙乙', 3],
      ['甲', 4],
      ['丙丙丙', null],
    ],
  );
  // 乙 answered 19 of 20, all on time: 100% on time but 95% replied, after the two that answered all.
  assert.equal(rows[2].replyRate, 0.95);
  assert.equal(rows[2].onTimeRate, 1);
  assert.equal(rows[0].satisfactionRate, 1);
  assert.equal(rows[1].satisfactionRate, null, 'no ratings is no rate, not zero');
  assert.equal(rows[0].avgWorkingDays, 3);
});

test('equal units share a rank and the next rank skips; totals add counts, not rates', () => {
  const rows = rankUnits([unit('甲', {}), unit('乙乙', {}), unit('丙丙丙', { onTime: 10 })], 20);
  assert.deepEqual(
    rows.map((r) => r.rank),
    [1, 1, 3],
  );
  const t = totals([unit('甲', { received: 30, replied: 10, daysTotal: 10, daysCounted: 10 }), unit('乙乙', { received: 10, replied: 10, daysTotal: 50, daysCounted: 10 })]);
  assert.equal(t.received, 40);
  assert.equal(rankUnits([t], Infinity)[0].avgWorkingDays, 3, '(10 + 50) / 20 working days');
});

test('a month is counted from its first day to the first of the next', () => {
  assert.deepEqual(monthRange('2026-02'), ['2026-02-01', '2026-03-01']);
  assert.deepEqual(monthRange('2026-12'), ['2026-12-01', '2027-01-01']);
});
