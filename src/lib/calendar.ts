/**
 * Working-day calendar shared by the whole platform. Pure: built from data, no I/O, no clock.
 *
 * Working days follow the State Council's yearly holiday notices (国务院办公厅关于YYYY年部分节假日安排的通知),
 * including 调休 make-up working days on weekends. A date in a year with no published notice is *unknown*: the
 * calendar then counts Monday–Friday but marks the result provisional and says why; it never pretends to know.
 */
import { createRequire } from 'node:module';

export interface DayRule {
  working: boolean;
  name: string;
  source: string;
}

export interface SkippedDay {
  date: string;
  reason: string;
}

export interface WorkingDayResult {
  /** The resulting date, YYYY-MM-DD. */
  date: string;
  /** True when some day on the way is in a year with no published calendar. */
  provisional: boolean;
  unknownYears: number[];
  /** Days passed over because they were not working days, with the reason. */
  skipped: SkippedDay[];
  /** Weekend days counted because a notice made them working days (调休上班). */
  makeUpDays: SkippedDay[];
}

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function parseDate(s: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new RangeError(`not a date: ${s}`);
  const d = new Date(`${s}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) throw new RangeError(`not a date: ${s}`);
  return d;
}

export function formatDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(s: string, n: number): string {
  const d = parseDate(s);
  d.setUTCDate(d.getUTCDate() + n);
  return formatDate(d);
}

/** 2026-03-05 → 2026年3月5日, as letters and reports write dates. */
export function chineseDate(d: string): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

export function isValidDate(s: string): boolean {
  try {
    parseDate(s);
    return true;
  } catch {
    return false;
  }
}

export class WorkingDayCalendar {
  constructor(
    private readonly days: ReadonlyMap<string, DayRule>,
    private readonly years: ReadonlySet<number>,
  ) {}

  /** Years with a published holiday notice. */
  knownYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  isKnownYear(year: number): boolean {
    return this.years.has(year);
  }

  /** The rule for one day: explicit entry, or weekend/weekday. `known` is false for a year with no notice. */
  describe(date: string): { working: boolean; known: boolean; reason: string } {
    const d = parseDate(date);
    const year = d.getUTCFullYear();
    const known = this.years.has(year);
    const rule = known ? this.days.get(date) : undefined;
    if (rule) return { working: rule.working, known, reason: rule.working ? `${rule.name}调休上班` : `${rule.name}放假` };
    const dow = d.getUTCDay();
    const weekend = dow === 0 || dow === 6;
    return { working: !weekend, known, reason: weekend ? `周末（${WEEKDAY_NAMES[dow]}）` : WEEKDAY_NAMES[dow] };
  }

  /** true / false, or 'unknown' when the year has no published calendar. */
  isWorkingDay(date: string): boolean | 'unknown' {
    const r = this.describe(date);
    return r.known ? r.working : 'unknown';
  }

  /**
   * The date n working days after start: the day after start counts as the first (条例 counts "自收到申请之日起",
   * and the day of receipt itself is not counted, in line with 民法典 第二百零一条 on periods).
   */
  addWorkingDays(start: string, n: number): WorkingDayResult {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
    let date = start;
    parseDate(start);
    const skipped: SkippedDay[] = [];
    const makeUpDays: SkippedDay[] = [];
    const unknown = new Set<number>();
    let counted = 0;
    while (counted < n) {
      date = addDays(date, 1);
      const r = this.describe(date);
      if (!r.known) unknown.add(Number(date.slice(0, 4)));
      if (r.working) {
        counted++;
        if (r.known && this.days.get(date)?.working) makeUpDays.push({ date, reason: r.reason });
      } else {
        skipped.push({ date, reason: r.reason });
      }
    }
    return { date, provisional: unknown.size > 0, unknownYears: [...unknown].sort(), skipped, makeUpDays };
  }

  /** Working days after `from` up to and including `to` (0 when to <= from). */
  workingDaysBetween(from: string, to: string): { days: number; provisional: boolean } {
    let days = 0;
    let provisional = false;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
      const r = this.describe(d);
      if (!r.known) provisional = true;
      if (r.working) days++;
    }
    return { days, provisional };
  }
}

/** Builds a calendar from the chinese-days package's data plus overrides (later entries win). */
export function buildCalendar(
  overrides: { days: { date: string; working: boolean; name: string; source: string }[]; years: number[] } = { days: [], years: [] },
): WorkingDayCalendar {
  const require = createRequire(import.meta.url);
  const base = require('chinese-days/dist/chinese-days.json') as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  const days = new Map<string, DayRule>();
  const years = new Set<number>();
  const nameOf = (v: string) => v.split(',')[1] ?? v;
  for (const [date, v] of Object.entries(base.holidays)) {
    days.set(date, { working: false, name: nameOf(v), source: 'chinese-days' });
    years.add(Number(date.slice(0, 4)));
  }
  for (const [date, v] of Object.entries(base.workdays)) {
    days.set(date, { working: true, name: nameOf(v), source: 'chinese-days' });
  }
  for (const y of overrides.years) years.add(y);
  for (const o of overrides.days) days.set(o.date, { working: o.working, name: o.name, source: o.source });
  return new WorkingDayCalendar(days, years);
}

/** One State Council notice in the holiday-cn JSON form. */
export interface HolidayCnFile {
  year: number;
  papers: string[];
  days: { name: string; date: string; isOffDay: boolean }[];
}

/** Validates a holiday-cn file; returns readable problems (empty when fine). */
export function checkHolidayCnFile(data: unknown): string[] {
  const problems: string[] = [];
  const f = data as HolidayCnFile;
  if (!f || typeof f !== 'object') return ['不是 JSON 对象'];
  if (!Number.isInteger(f.year) || f.year < 1990 || f.year > 2200) problems.push('year 缺失或不是有效年份');
  if (!Array.isArray(f.days)) problems.push('days 缺失或不是数组');
  else
    f.days.forEach((d, i) => {
      if (!d || typeof d.date !== 'string' || !isValidDate(d.date)) problems.push(`days[${i}].date 不是有效日期`);
      if (typeof d?.isOffDay !== 'boolean') problems.push(`days[${i}].isOffDay 必须是 true 或 false`);
      if (typeof d?.name !== 'string') problems.push(`days[${i}].name 缺失`);
    });
  return problems;
}
