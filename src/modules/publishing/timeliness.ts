/**
 * 条例第二十六条: "属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。"
 * Pure functions of the formed/changed date, the calendar and today.
 */
import type { WorkingDayCalendar, WorkingDayResult } from '../../lib/calendar.ts';

export const PUBLICATION_LIMIT_WORKING_DAYS = 20;
/** Items with this many working days or fewer left are shown as at risk. */
export const AT_RISK_WORKING_DAYS = 5;

export type TimelinessStatus = 'on_time' | 'at_risk' | 'late' | 'published_on_time' | 'published_late';

export const TIMELINESS_LABELS: Record<TimelinessStatus, string> = {
  on_time: '在期限内',
  at_risk: '即将到期',
  late: '已超期未公开',
  published_on_time: '按时公开',
  published_late: '超期公开',
};

export interface Timeliness {
  due: WorkingDayResult;
  status: TimelinessStatus;
  /** Working days left (negative when late); null once published. */
  daysLeft: number | null;
}

export function publicationDue(formedDate: string, calendar: WorkingDayCalendar, limit = PUBLICATION_LIMIT_WORKING_DAYS): WorkingDayResult {
  return calendar.addWorkingDays(formedDate, limit);
}

export function timeliness(formedDate: string, today: string, publishedDate: string | null, calendar: WorkingDayCalendar): Timeliness {
  const due = publicationDue(formedDate, calendar);
  if (publishedDate) return { due, status: publishedDate <= due.date ? 'published_on_time' : 'published_late', daysLeft: null };
  if (today > due.date) return { due, status: 'late', daysLeft: -calendar.workingDaysBetween(due.date, today).days };
  const left = calendar.workingDaysBetween(today, due.date).days;
  return { due, status: left <= AT_RISK_WORKING_DAYS ? 'at_risk' : 'on_time', daysLeft: left };
}

/** A sentence explaining a due date: start, days, holidays skipped, make-up days counted, and whether provisional. */
export function explainDue(formedDate: string, due: WorkingDayResult, limit = PUBLICATION_LIMIT_WORKING_DAYS): string {
  const holidays = due.skipped.filter((s) => !s.reason.startsWith('周末'));
  const parts = [`自形成或变更之日 ${formedDate} 起算 ${limit} 个工作日，应于 ${due.date} 前公开`];
  const weekends = due.skipped.length - holidays.length;
  if (weekends) parts.push(`其间跳过周末 ${weekends} 天`);
  if (holidays.length) parts.push(`跳过法定节假日 ${holidays.map((h) => `${h.date}（${h.reason}）`).join('、')}`);
  if (due.makeUpDays.length) parts.push(`调休上班日 ${due.makeUpDays.map((m) => m.date).join('、')} 计为工作日`);
  if (due.provisional) parts.push(`${due.unknownYears.join('、')} 年的节假日安排尚未公布，此日期为暂定`);
  return parts.join('；') + '。';
}
