import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar } from '../../lib/calendar.ts';
import { itemCoverage, summarise } from './coverage.ts';

const calendar = buildCalendar();
const ctx = { calendar, asOf: '2026-11-24', catalogueFrom: '2026-01-01' };
const f = (id: number, formedDate: string, publishDate: string) => ({ id, title: `信息${id}`, formedDate, publishDate });

test('event-driven items: each filed item against its own deadline; nothing filed is "尚无信息"', () => {
  const rule = { kind: 'working_days', days: 20, from: 'formation' } as const;
  // Formed 9-21: 9-22..24 (3), 9-28..30 (6), 10-08, 10-09 (8), Sat 10-10 make-up (9), 10-12..16 (14), 10-19..23 (19),
  // 10-26 (20); 中秋 9-25..27 and 国庆 10-01..07 are skipped.
  const c = itemCoverage(rule, [f(1, '2026-09-21', '2026-10-26'), f(2, '2026-09-21', '2026-10-27')], ctx);
  assert.equal(c.status, 'late');
  assert.deepEqual(
    c.late.map((x) => [x.id, x.dueOn]),
    [[2, '2026-10-26']],
  );
  assert.equal(itemCoverage(rule, [f(1, '2026-09-21', '2026-10-26')], ctx).status, 'ok');
  assert.equal(itemCoverage(rule, [], ctx).status, 'none');
  // 及时 is checked as 5 working days.
  assert.equal(itemCoverage({ kind: 'immediate' }, [f(3, '2026-03-02', '2026-03-10')], ctx).status, 'late');
  assert.equal(itemCoverage({ kind: 'immediate' }, [f(3, '2026-03-02', '2026-03-09')], ctx).status, 'ok');
  assert.equal(itemCoverage({ kind: 'calendar_days', days: 7, from: 'formation' }, [f(4, '2026-03-02', '2026-03-10')], ctx).status, 'late');
});

test('periodic items: every ended period needs an item within it or 20 working days after', () => {
  const quarterly = { kind: 'periodic', period: 'quarter' } as const;
  // As of 11-24 three quarters have ended with their allowance (Q3's: 10-08, 09, Sat 10-10, … 11-03). One period each:
  // 4-10 for Q1 (within its allowance), 7-20 for Q2 (allowance to 7-28), nothing for Q3.
  const c = itemCoverage(quarterly, [f(1, '2026-04-01', '2026-04-10'), f(2, '2026-07-05', '2026-07-20')], ctx);
  assert.equal(c.status, 'missing');
  assert.deepEqual(c.missingPeriods, [{ from: '2026-07-01', to: '2026-09-30', dueOn: '2026-11-03' }]);
  const all = itemCoverage(quarterly, [f(1, '2026-04-01', '2026-04-10'), f(2, '2026-07-05', '2026-07-20'), f(3, '2026-10-01', '2026-10-20')], ctx);
  assert.equal(all.status, 'ok');
  // A catalogue published mid-year only answers for periods that began after it.
  assert.deepEqual(
    itemCoverage(quarterly, [], { ...ctx, catalogueFrom: '2026-05-15' }).missingPeriods.map((p) => p.from),
    ['2026-07-01'],
  );
  assert.equal(itemCoverage({ kind: 'periodic', period: 'year' }, [], ctx).status, 'none', 'no year has ended since');
  assert.equal(itemCoverage({ kind: 'text' }, [], ctx).status, 'manual');
  assert.deepEqual(summarise([c, all, itemCoverage({ kind: 'text' }, [], ctx)]), { ok: 1, late: 0, missing: 1, none: 0, manual: 1 });
});
