/**
 * Catalogue coverage: for each catalogue item, what should have been published by a date under its 公开时限, and
 * what was. Pure: the calendar and the date are passed in.
 *
 * - Event-driven items (N working days after forming, or "及时"): every filed item is checked against its own
 *   deadline; an item with nothing filed is "尚无信息" — the platform cannot know whether the event happened.
 * - Periodic items (每月/每季度/每半年/每年): every period that ended since the catalogue was published must have an
 *   item published within it or within 20 working days after it ended (the Art. 26 allowance).
 * - Items whose 时限 could not be read are left to people ("人工核查").
 */
import { addDays, type WorkingDayCalendar } from '../../lib/calendar.ts';
import { IMMEDIATE_WORKING_DAYS, type TimeRule } from './timeLimit.ts';

export type CoverageStatus = 'ok' | 'late' | 'missing' | 'none' | 'manual';

export const COVERAGE_LABELS: Record<CoverageStatus, string> = {
  ok: '按时',
  late: '逾期公开',
  missing: '应公开未公开',
  none: '尚无信息',
  manual: '人工核查',
};

export const PERIOD_GRACE_WORKING_DAYS = 20;

export interface Filed {
  id: number;
  title: string;
  formedDate: string;
  publishDate: string;
}

export interface ItemCoverage {
  status: CoverageStatus;
  filed: number;
  late: (Filed & { dueOn: string })[];
  missingPeriods: { from: string; to: string; dueOn: string }[];
}

function periodsBetween(start: string, end: string, period: 'month' | 'quarter' | 'half_year' | 'year'): { from: string; to: string }[] {
  const months = { month: 1, quarter: 3, half_year: 6, year: 12 }[period];
  const out: { from: string; to: string }[] = [];
  let y = Number(start.slice(0, 4));
  let m = Math.floor((Number(start.slice(5, 7)) - 1) / months) * months; // 0-based month at the period's start
  for (;;) {
    const from = `${y}-${String(m + 1).padStart(2, '0')}-01`;
    let ny = y;
    let nm = m + months;
    if (nm >= 12) {
      ny += 1;
      nm -= 12;
    }
    const to = addDays(`${ny}-${String(nm + 1).padStart(2, '0')}-01`, -1);
    if (to >= end) break;
    // Only periods that began after the catalogue was published count.
    if (from >= start) out.push({ from, to });
    y = ny;
    m = nm;
  }
  return out;
}

export function itemCoverage(rule: TimeRule, filed: Filed[], ctx: { calendar: WorkingDayCalendar; asOf: string; catalogueFrom: string }): ItemCoverage {
  if (rule.kind === 'periodic') {
    const missing: ItemCoverage['missingPeriods'] = [];
    // Each item answers for one period at most: the earliest period it falls in (with its allowance).
    const unused = [...filed].sort((a, b) => a.publishDate.localeCompare(b.publishDate));
    for (const p of periodsBetween(ctx.catalogueFrom, ctx.asOf, rule.period)) {
      const dueOn = ctx.calendar.addWorkingDays(p.to, PERIOD_GRACE_WORKING_DAYS).date;
      if (dueOn >= ctx.asOf) continue;
      const i = unused.findIndex((f) => f.publishDate >= p.from && f.publishDate <= dueOn);
      if (i >= 0) unused.splice(i, 1);
      else missing.push({ ...p, dueOn });
    }
    return { status: missing.length ? 'missing' : filed.length ? 'ok' : 'none', filed: filed.length, late: [], missingPeriods: missing };
  }
  if (rule.kind === 'text' || rule.kind === 'same_as_above') return { status: 'manual', filed: filed.length, late: [], missingPeriods: [] };
  const late = filed
    .map((f) => {
      const dueOn =
        rule.kind === 'calendar_days'
          ? addDays(f.formedDate, rule.days)
          : ctx.calendar.addWorkingDays(f.formedDate, rule.kind === 'immediate' ? IMMEDIATE_WORKING_DAYS : rule.days).date;
      return { ...f, dueOn };
    })
    .filter((f) => f.publishDate > f.dueOn);
  return { status: late.length ? 'late' : filed.length ? 'ok' : 'none', filed: filed.length, late, missingPeriods: [] };
}

export function summarise(items: ItemCoverage[]): Record<CoverageStatus, number> {
  const out: Record<CoverageStatus, number> = { ok: 0, late: 0, missing: 0, none: 0, manual: 0 };
  for (const i of items) out[i.status]++;
  return out;
}
