/**
 * The statutory clock of an information request (条例 第三十条、第三十三条、第三十四条; 国办函〔2020〕109号). Pure: the
 * calendar and "today" are passed in. Every due date comes with the steps that produced it, so the officer, the
 * applicant and an auditor can check it by hand.
 */
import { addDays, type WorkingDayCalendar } from '../../lib/calendar.ts';

/** Art. 33 ¶2: reply within 20 working days of receipt. */
export const REPLY_WORKING_DAYS = 20;
/** Art. 33 ¶2: one extension of at most 20 working days. */
export const MAX_EXTENSION_WORKING_DAYS = 20;
/** Art. 30: the 补正 notice goes out within 7 working days of receipt. */
export const CORRECTION_NOTICE_WORKING_DAYS = 7;
/** Art. 32 and Art. 34: a consulted third party or agency answers within 15 working days. */
export const CONSULTATION_WORKING_DAYS = 15;
/** 109号 as restated by the 四川 notice: the fee is paid within 20 working days of the day after the notice. */
export const FEE_PAYMENT_WORKING_DAYS = 20;

export type PauseKind = 'third_party' | 'inter_agency' | 'fee';

export const PAUSE_LABELS: Record<PauseKind, string> = {
  third_party: '征求第三方意见（条例第三十二条、第三十三条第三款）',
  inter_agency: '征求其他机关意见（条例第三十三条第三款、第三十四条）',
  fee: '等待缴纳信息处理费（国办函〔2020〕109号）',
};

export interface Pause {
  kind: PauseKind;
  /** The day the letter went out; days after it do not count. */
  from: string;
  /** The day the answer (or payment) came; undefined while still waiting. */
  to?: string;
}

export interface ClockInput {
  /** 收到申请之日 (Art. 31), or the day the corrected application arrived (Art. 30). */
  startedOn: string;
  /** True when the start is a corrected application's arrival. */
  restartedByCorrection?: boolean;
  pauses: Pause[];
  extension?: { workingDays: number; approvedOn: string; notifiedOn: string };
}

export interface ClockStep {
  date?: string;
  text: string;
}

export interface ClockState {
  /** The last day to reply, or null while the clock is stopped by an open pause. */
  dueOn: string | null;
  /** The due date without the extension (what an extension must be approved and notified before). */
  originalDueOn: string | null;
  /** Working days counted so far up to `today`. */
  usedWorkingDays: number;
  limitWorkingDays: number;
  stopped: boolean;
  provisional: boolean;
  steps: ClockStep[];
}

function pausedOn(d: string, pauses: Pause[]): Pause | undefined {
  return pauses.find((p) => d > p.from && (p.to === undefined || d <= p.to));
}

/**
 * Counts `limit` working days after the start, passing over days inside a pause. Returns null when an open pause
 * stops the count before the limit is reached.
 */
function countTo(calendar: WorkingDayCalendar, start: string, limit: number, pauses: Pause[]) {
  let d = start;
  let counted = 0;
  let provisional = false;
  const holidays: { date: string; reason: string }[] = [];
  const makeUp: string[] = [];
  const pausedDays = new Map<Pause, number>();
  for (let guard = 0; counted < limit && guard < 3660; guard++) {
    d = addDays(d, 1);
    const p = pausedOn(d, pauses);
    const r = calendar.describe(d);
    if (!r.known) provisional = true;
    if (p) {
      if (p.to === undefined) return { due: null, counted, provisional, holidays, makeUp, pausedDays };
      if (r.working) pausedDays.set(p, (pausedDays.get(p) ?? 0) + 1);
      continue;
    }
    if (r.working) {
      counted++;
      if (r.reason.endsWith('调休上班')) makeUp.push(d);
    } else if (!r.reason.startsWith('周末')) holidays.push({ date: d, reason: r.reason });
  }
  return { due: d, counted, provisional, holidays, makeUp, pausedDays };
}

export function computeClock(calendar: WorkingDayCalendar, input: ClockInput, today: string): ClockState {
  const pauses = [...input.pauses].sort((a, b) => a.from.localeCompare(b.from));
  const base = countTo(calendar, input.startedOn, REPLY_WORKING_DAYS, pauses);
  const ext = input.extension?.workingDays ?? 0;
  const limit = REPLY_WORKING_DAYS + ext;
  const full = ext ? countTo(calendar, input.startedOn, limit, pauses) : base;
  const steps: ClockStep[] = [
    {
      date: input.startedOn,
      text: input.restartedByCorrection
        ? `收到补正后的申请，答复期限自此重新计算（条例第三十条）`
        : `收到申请之日（条例第三十一条），答复期限 ${REPLY_WORKING_DAYS} 个工作日，自次日起算（条例第三十三条）`,
    },
  ];
  for (const p of pauses) {
    const days = full.pausedDays.get(p) ?? base.pausedDays.get(p) ?? 0;
    steps.push({
      date: p.from,
      text: p.to ? `${PAUSE_LABELS[p.kind]}：${p.from} 至 ${p.to}，其间 ${days} 个工作日不计入期限` : `${PAUSE_LABELS[p.kind]}：自 ${p.from} 起暂停计算，收到答复后继续`,
    });
  }
  if (input.extension)
    steps.push({
      date: input.extension.approvedOn,
      text: `经政府信息公开工作机构负责人同意延长 ${ext} 个工作日，${input.extension.notifiedOn} 告知申请人（条例第三十三条第二款）`,
    });
  if (full.holidays.length) steps.push({ text: `跳过法定节假日：${full.holidays.map((h) => `${h.date}（${h.reason}）`).join('、')}` });
  if (full.makeUp.length) steps.push({ text: `调休上班日计为工作日：${full.makeUp.join('、')}` });
  if (full.provisional) steps.push({ text: '期间涉及尚未公布节假日安排的年份，日期为暂定' });
  steps.push(full.due ? { date: full.due, text: `应于 ${full.due} 前答复` } : { text: `计时暂停中，已用 ${full.counted} 个工作日，剩余 ${limit - full.counted} 个工作日` });
  const used = countUsed(calendar, input.startedOn, today, pauses);
  return { dueOn: full.due, originalDueOn: base.due, usedWorkingDays: used, limitWorkingDays: limit, stopped: full.due === null, provisional: full.provisional, steps };
}

/** Working days counted from the start up to and including today, pauses excluded. */
function countUsed(calendar: WorkingDayCalendar, start: string, today: string, pauses: Pause[]): number {
  let used = 0;
  for (let d = addDays(start, 1), guard = 0; d <= today && guard < 3660; d = addDays(d, 1), guard++) {
    if (pausedOn(d, pauses)) continue;
    if (calendar.describe(d).working) used++;
  }
  return used;
}

/** Art. 30: the last day for the one-time 补正 notice. */
export function correctionNoticeDue(calendar: WorkingDayCalendar, receivedOn: string) {
  return calendar.addWorkingDays(receivedOn, CORRECTION_NOTICE_WORKING_DAYS);
}

/**
 * Why an extension cannot be granted, or null: only one, at most 20 working days, approved and notified no later
 * than the original due date.
 */
export function extensionProblem(state: ClockState, already: boolean, e: { workingDays: number; approvedOn: string; notifiedOn: string }): string | null {
  if (already) return '延长答复期限只能一次（条例第三十三条第二款）';
  if (!Number.isInteger(e.workingDays) || e.workingDays < 1 || e.workingDays > MAX_EXTENSION_WORKING_DAYS) return `延长的期限为 1 至 ${MAX_EXTENSION_WORKING_DAYS} 个工作日`;
  if (!state.originalDueOn) return '计时暂停期间不能延期，请先结束征求意见或收费等待';
  if (e.approvedOn > state.originalDueOn || e.notifiedOn > state.originalDueOn) return `延期须在原答复期限 ${state.originalDueOn} 届满前经负责人同意并告知申请人`;
  if (e.notifiedOn < e.approvedOn) return '告知申请人的日期不能早于负责人同意的日期';
  return null;
}
