/**
 * A consultation's public status follows its dates and the feedback by itself (GOV.UK's open → closed → concluded):
 *
 *   draft ──publish──▶ 未开始 (before opens_on) → 征集中 (opens_on … closes_on) → 已截止 (after) → 已反馈 (feedback published)
 *   any published ──withdraw (reason)──▶ 已撤回
 *
 * The stored state is only draft / published / withdrawn; the rest is computed from the dates and the feedback item,
 * so no job has to flip it at midnight.
 */
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { isValidDate, parseDate, type WorkingDayCalendar } from '../../lib/calendar.ts';

export const CONSULTATION_STATES = ['draft', 'published', 'withdrawn'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];

export type ConsultationStatus = 'draft' | 'upcoming' | 'open' | 'closed' | 'concluded' | 'withdrawn';

export const STATUS_LABELS: Record<ConsultationStatus, string> = {
  draft: '草稿',
  upcoming: '未开始',
  open: '征集中',
  closed: '已截止',
  concluded: '已反馈',
  withdrawn: '已撤回',
};

/** 713号 Art. 15: "公开征求意见的期限一般不少于30日" [verified]; shorter only with the reason stated in the notice. */
export const MIN_CONSULTATION_DAYS = 30;

export interface ConsultationDates {
  state: ConsultationState;
  opens_on: string;
  closes_on: string;
  /** The feedback item is published. */
  concluded: boolean;
}

export function consultationStatus(c: ConsultationDates, today: string): ConsultationStatus {
  if (c.state === 'draft') return 'draft';
  if (c.state === 'withdrawn') return 'withdrawn';
  if (c.concluded) return 'concluded';
  if (today < c.opens_on) return 'upcoming';
  if (today <= c.closes_on) return 'open';
  return 'closed';
}

/** The period in calendar days, both ends included: 1 June to 30 June is 30 days. */
export function consultationDays(opensOn: string, closesOn: string): number {
  return Math.round((parseDate(closesOn).getTime() - parseDate(opensOn).getTime()) / 86_400_000) + 1;
}

/** Days left while open, the closing day included (1 on the last day). */
export function daysLeft(c: Pick<ConsultationDates, 'closes_on'>, today: string): number {
  return Math.max(0, consultationDays(today, c.closes_on));
}

/**
 * The period's rule, as field errors: real dates, closing not before opening, and at least 30 days unless a reason
 * for the shorter period is given (shown on the public page).
 */
export function periodProblems(p: { opensOn: string; closesOn: string; shortenedReason: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!isValidDate(p.opensOn)) errors.opensOn = '请填写开始日期';
  if (!isValidDate(p.closesOn)) errors.closesOn = '请填写截止日期';
  if (Object.keys(errors).length) return errors;
  if (p.closesOn < p.opensOn) return { closesOn: '截止日期不能早于开始日期' };
  const days = consultationDays(p.opensOn, p.closesOn);
  if (days < MIN_CONSULTATION_DAYS && !p.shortenedReason.trim())
    errors.shortenedReason = `征求意见期限为${days}日，少于${MIN_CONSULTATION_DAYS}日：须说明缩短期限的理由（《重大行政决策程序暂行条例》第十五条），理由将在征集页面上公开`;
  return errors;
}

export function assertPeriod(p: { opensOn: string; closesOn: string; shortenedReason: string }) {
  const errors = periodProblems(p);
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/**
 * When the feedback is due: N working days after the close (configurable, 20 by default), or the day the decision is
 * published if that is earlier (713号 Art. 32 asks the adoption to be explained when the decision is published).
 */
export function feedbackDueOn(closesOn: string, calendar: WorkingDayCalendar, workingDays: number, decisionPublishedOn?: string | null): string {
  const due = calendar.addWorkingDays(closesOn, workingDays).date;
  return decisionPublishedOn && decisionPublishedOn < due ? decisionPublishedOn : due;
}

/** Comments are taken while the consultation is open (staff may register a letter posted in time afterwards). */
export function assertOpenForComments(status: ConsultationStatus) {
  if (status !== 'open') throw new ConflictError('CONSULTATION_NOT_OPEN', status === 'upcoming' ? '征求意见尚未开始。' : '征求意见已经截止，不再接收意见。');
}
