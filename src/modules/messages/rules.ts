/**
 * The rules of a message as pure functions (ADR 0019): its types and reply clocks on the working-day calendar, the
 * dispatch catalogue, and the transfer of a message a unit says is not its own.
 *
 *   open ──reply──▶ replied                 (or, where the unit reviews replies:)
 *   open ──reply──▶ reviewing ──approve──▶ replied;  reviewing ──return with a note──▶ open
 *   open ──transfer (names the competent unit)──▶ transferring ──accept──▶ open (at the named unit, a new clock)
 *                                                              └─refuse──▶ disputed ──office decides──▶ open
 *   open ──merge into an earlier one──▶ merged        open ──writer withdraws──▶ withdrawn
 */
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import type { WorkingDayCalendar } from '../../lib/calendar.ts';

export const MESSAGE_TYPES = { consult: '咨询', suggest: '建议', complaint: '投诉', help: '求助', thanks: '感谢' } as const;
export type MessageType = keyof typeof MESSAGE_TYPES;

export const CHANNELS = { website: '网上留言', letter: '来信', phone: '来电', visit: '来访', hotline: '12345热线' } as const;
export type Channel = keyof typeof CHANNELS;

/**
 * Fields a message can be about, for the dispatch catalogue: the first level of the message classification published
 * with the 2020 泰迪杯 smart-government data (../shared/data/taidi2020-smart-gov/message_category_taxonomy_att1.csv).
 */
export const CATEGORIES = [
  '城乡建设',
  '环境保护',
  '交通运输',
  '教育文体',
  '劳动和社会保障',
  '卫生计生',
  '商贸旅游',
  '民政',
  '农村农业',
  '国土资源',
  '政法',
  '经济管理',
  '科技与信息产业',
  '党务政务',
  '纪检监察',
] as const;

/**
 * Working days to reply by type, where a unit sets none (issue 13's defaults; no national number exists, so each
 * unit may set its own per type and channel: message_clock_settings).
 */
export const DEFAULT_WORKING_DAYS: Record<MessageType, number> = { consult: 5, suggest: 10, help: 10, complaint: 15, thanks: 10 };

/** A unit named as competent accepts or refuses within 1 working day (Taipei 1999; 国办函〔2025〕66号 on re-dispatch). */
export const TRANSFER_WORKING_DAYS = 1;

/** The national website rules veto a site where any valid message stays unanswered for more than three months. */
export const VETO_MONTHS = 3;

export type MessageState = 'open' | 'reviewing' | 'transferring' | 'disputed' | 'replied' | 'merged' | 'withdrawn';
export const STATE_LABELS: Record<MessageState, string> = {
  open: '办理中',
  reviewing: '答复审核中',
  transferring: '转办中',
  disputed: '待协调',
  replied: '已答复',
  merged: '已并案',
  withdrawn: '已撤回',
};

/** Valid and not yet answered: the clock runs, the writer may withdraw, Open311 says open. */
export const UNANSWERED_STATES: readonly MessageState[] = ['open', 'reviewing', 'transferring', 'disputed'];
export const isUnanswered = (s: MessageState) => UNANSWERED_STATES.includes(s);

export function isType(t: string): t is MessageType {
  return t in MESSAGE_TYPES;
}

export function isChannel(c: string): c is Channel {
  return c in CHANNELS;
}

/** The working days for a message: the unit's setting for its type and channel, for its type, or the default. */
export function replyWorkingDays(type: MessageType, channel: Channel, settings: { type: string; channel: string; working_days: number }[]): number {
  return (
    settings.find((s) => s.type === type && s.channel === channel)?.working_days ??
    settings.find((s) => s.type === type && s.channel === '')?.working_days ??
    DEFAULT_WORKING_DAYS[type]
  );
}

/** The reply's due date, counted like the statute's clocks: the day after `from` is the first working day. */
export function dueOn(from: string, workingDays: number, calendar: WorkingDayCalendar): string {
  return calendar.addWorkingDays(from, workingDays).date;
}

/** The unit that handles a category in an area: the exact entry, else the category's any-area entry, else none. */
export function dispatchUnit(catalogue: { category: string; area: string; unit_id: number }[], category: string, area: string): number | null {
  return catalogue.find((d) => d.category === category && d.area === area)?.unit_id ?? catalogue.find((d) => d.category === category && d.area === '')?.unit_id ?? null;
}

/** "Not ours" must name the competent unit and say why (LS 二(二)): the writer is told which unit now handles it. */
export function assertTransfer(state: MessageState, fromUnit: number, toUnit: number | null, reason: string) {
  if (state !== 'open') throw new ConflictError('MESSAGE_INVALID_TRANSITION', `留言${STATE_LABELS[state]}，不能转办。`);
  const errors: Record<string, string> = {};
  if (!toUnit) errors.toUnitId = '请写明有权处理的单位';
  else if (toUnit === fromUnit) errors.toUnitId = '请选择另一个单位';
  if (!reason.trim()) errors.reason = '请说明不属于本单位职责的理由';
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** A transfer not decided by its day goes to the office: the first unit still owns the message meanwhile. */
export function transferOverdue(m: { state: MessageState; transfer_due_on: string | null }, today: string): boolean {
  return m.state === 'transferring' && !!m.transfer_due_on && today > m.transfer_due_on;
}

/** Three calendar months after receipt, as a date (the veto's line). 31 January + 3 months is 30 April. */
export function vetoLine(receivedOn: string): string {
  const [y, m, d] = receivedOn.split('-').map(Number);
  const month = m - 1 + VETO_MONTHS;
  const year = y + Math.floor(month / 12);
  const mm = (month % 12) + 1;
  const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return `${year}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The five levels of 好差评 (国办发〔2019〕51号), 5 the best. */
export const RATING_LEVELS: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
/** Reasons a writer can tick, the commonest complaints about answers first. */
export const RATING_TAGS = ['答复及时', '答复清楚', '问题已解决', '答复未解决问题', '答复不及时', '答复敷衍、答非所问', '推诿、转来转去'] as const;
/** A 差评 is rectified within 15 working days, with a call-back (local practice; a setting would go per unit). */
export const RECTIFY_WORKING_DAYS = 15;

/** 不满意 and 非常不满意 are 差评: each opens a rectification. */
export function isPoor(level: number): boolean {
  return level <= 2;
}

/**
 * Where the running clock started: receipt, or the day a unit accepted a transfer or the office named it, or the old
 * due date an extension counts on from (the event log holds each).
 */
export function clockStart(
  receivedOn: string,
  events: { kind: string; at: Date; details: Record<string, unknown> }[],
  chinaDay: (d: Date) => string,
): { date: string; what: string } {
  let start = { date: receivedOn, what: '收到留言' };
  for (const e of events) {
    if (e.kind === 'transfer_accepted') start = { date: chinaDay(e.at), what: '接收转办' };
    else if (e.kind === 'dispute_resolved') start = { date: chinaDay(e.at), what: '确定承办单位' };
    else if (e.kind === 'extended' && typeof e.details.from === 'string') start = { date: e.details.from, what: '原答复期限' };
  }
  return start;
}

/** The due date explained like a request's: where it starts, how many working days, what the calendar skipped. */
export function explainReplyDue(start: { date: string; what: string }, dueOn: string, calendar: WorkingDayCalendar): string {
  const days = calendar.workingDaysBetween(start.date, dueOn).days;
  const r = calendar.addWorkingDays(start.date, days);
  const holidays = r.skipped.filter((x) => !x.reason.startsWith('周末'));
  const weekends = r.skipped.length - holidays.length;
  const parts = [`自${start.what}之日（${start.date}）的次日起算 ${days} 个工作日，${dueOn} 前答复`];
  if (weekends) parts.push(`其间跳过周末 ${weekends} 天`);
  if (holidays.length) parts.push(`跳过法定节假日 ${holidays.map((h) => `${h.date}（${h.reason}）`).join('、')}`);
  if (r.makeUpDays.length) parts.push(`调休上班日 ${r.makeUpDays.map((x) => x.date).join('、')} 计为工作日`);
  if (r.provisional) parts.push(`${r.unknownYears.join('、')} 年的节假日安排尚未公布，此日期为暂定`);
  return parts.join('；') + '。';
}
