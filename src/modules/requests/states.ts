/**
 * The life of an information request case (依申请公开), as a state machine with an event log (regulations.md §1.7.1).
 *
 *   submitted ──confirm (Art. 31 receipt date)──▶ handling
 *   handling ──request_correction (once, ≤ 7 working days)──▶ awaiting_correction ──receive_correction──▶ handling
 *                                                               └──close_no_correction (period over)──▶ replied
 *   handling ──start_consultation──▶ consulting ──end_consultation──▶ handling
 *   handling ──fee_notice──▶ awaiting_fee ──fee_paid──▶ handling;  awaiting_fee ──close_unpaid──▶ replied
 *   handling ──extend (once)──▶ handling;  any open state ──assign / transfer──▶ same state
 *   handling ──decide (an outcome of table 三)──▶ replied ──deliver──▶ delivered ──archive──▶ archived
 *   handling ──submit_reply──▶ awaiting_approval ──decide (the head approves)──▶ replied;  ──return_reply──▶ handling
 *   any open state ──withdraw_by_applicant──▶ replied (其他处理-3)
 */
import { CORRECTION_NOTICE_WORKING_DAYS } from './clock.ts';
import { ConflictError } from '../../lib/errors.ts';

export const CASE_STATES = ['submitted', 'handling', 'awaiting_correction', 'consulting', 'awaiting_fee', 'awaiting_approval', 'replied', 'delivered', 'archived'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  submitted: '待确认收到',
  handling: '办理中',
  awaiting_correction: '待补正',
  consulting: '征求意见中',
  awaiting_fee: '待缴费',
  awaiting_approval: '答复待负责人审批',
  replied: '已答复',
  delivered: '已送达',
  archived: '已归档',
};

/** An open case: received and not yet answered (or closed). */
export const OPEN_STATES: CaseState[] = ['submitted', 'handling', 'awaiting_correction', 'consulting', 'awaiting_fee', 'awaiting_approval'];
/** An open case with a due date that can pass: confirmed and not waiting for the applicant's correction. */
export const DUE_STATES: CaseState[] = ['handling', 'consulting', 'awaiting_fee', 'awaiting_approval'];
/** Cases whose clock runs and that wait on the unit itself: due-soon reminders go to these. */
export const RUNNING_STATES: CaseState[] = ['handling', 'awaiting_approval'];
/** The same sets as SQL lists, for queries: `c.state IN ${sqlStates(OPEN_STATES)}`. Written from the constants only. */
export const sqlStates = (states: readonly CaseState[]) => `(${states.map((s) => `'${s}'`).join(', ')})`;

export type CaseEventKind =
  | 'submit'
  | 'register'
  | 'confirm'
  | 'request_correction'
  | 'applicant_correction'
  | 'receive_correction'
  | 'close_no_correction'
  | 'start_consultation'
  | 'end_consultation'
  | 'fee_notice'
  | 'fee_paid'
  | 'close_unpaid'
  | 'extend'
  | 'assign'
  | 'transfer'
  | 'submit_reply'
  | 'return_reply'
  | 'decide'
  | 'deliver'
  | 'archive'
  | 'withdraw_by_applicant'
  | 'publish_proactively'
  | 'review_or_litigation';

interface Step {
  from: CaseState[];
  to: CaseState | null;
  label: string;
}

/** null `to`: the state stays as it is. */
export const STEPS: Record<CaseEventKind, Step> = {
  submit: { from: [], to: 'submitted', label: '在线提交申请' },
  register: { from: [], to: 'handling', label: '登记申请' },
  confirm: { from: ['submitted'], to: 'handling', label: '确认收到申请' },
  request_correction: { from: ['handling'], to: 'awaiting_correction', label: '发出补正告知' },
  applicant_correction: { from: ['awaiting_correction'], to: null, label: '申请人在线提交补正' },
  receive_correction: { from: ['awaiting_correction'], to: 'handling', label: '收到补正' },
  close_no_correction: { from: ['awaiting_correction'], to: 'replied', label: '逾期未补正，不再处理' },
  start_consultation: { from: ['handling'], to: 'consulting', label: '征求意见' },
  end_consultation: { from: ['consulting'], to: 'handling', label: '收到意见（或期满）' },
  fee_notice: { from: ['handling'], to: 'awaiting_fee', label: '发出收费通知' },
  fee_paid: { from: ['awaiting_fee'], to: 'handling', label: '已缴费' },
  close_unpaid: { from: ['awaiting_fee'], to: 'replied', label: '逾期未缴费，不再处理' },
  extend: { from: [...DUE_STATES], to: null, label: '延长答复期限' },
  assign: { from: [...OPEN_STATES], to: null, label: '指定承办人' },
  transfer: { from: [...OPEN_STATES], to: null, label: '转交其他单位办理' },
  // Where the unit asks for it, the reply goes to the head of its office first (ADR 0015); the clock keeps running.
  submit_reply: { from: ['handling'], to: 'awaiting_approval', label: '提交答复待负责人审批' },
  return_reply: { from: ['awaiting_approval'], to: 'handling', label: '负责人退回答复' },
  decide: { from: ['handling', 'awaiting_approval'], to: 'replied', label: '作出答复' },
  deliver: { from: ['replied'], to: 'delivered', label: '送达' },
  archive: { from: ['delivered'], to: 'archived', label: '归档' },
  withdraw_by_applicant: { from: [...OPEN_STATES], to: 'replied', label: '申请人撤回申请' },
  publish_proactively: { from: ['replied', 'delivered', 'archived'], to: null, label: '依申请转主动公开' },
  review_or_litigation: { from: ['replied', 'delivered', 'archived'], to: null, label: '记录行政复议或诉讼' },
};

/** The state after the event, or a ConflictError saying why the step is not possible now. */
export function nextState(state: CaseState | null, kind: CaseEventKind): CaseState {
  const step = STEPS[kind];
  if (state === null) {
    if (step.from.length) throw new ConflictError('CASE_INVALID_TRANSITION', `案件尚未建立，不能“${step.label}”。`);
    return step.to!;
  }
  if (!step.from.includes(state)) {
    throw new ConflictError('CASE_INVALID_TRANSITION', `案件当前为“${CASE_STATE_LABELS[state]}”，不能“${step.label}”。`);
  }
  return step.to ?? state;
}

/** One line about what a step recorded, for the case's history. */
export function eventSummary(kind: string, d: Record<string, unknown>): string {
  switch (kind) {
    case 'register':
    case 'confirm':
      return `收到申请之日 ${String(d.receivedOn ?? '')}${d.how ? `（${String(d.how)}）` : ''}`;
    case 'request_correction':
      return `补正期限至 ${String(d.deadline)}${d.late ? `（告知晚于${CORRECTION_NOTICE_WORKING_DAYS}个工作日）` : ''}`;
    case 'start_consultation':
      return `${String(d.partyName)}，应于 ${String(d.answerBy)} 前提出意见`;
    case 'end_consultation':
      return ({ agree: '同意公开', disagree: '不同意公开', none: '期满未提出意见' } as Record<string, string>)[String(d.opinion)] ?? '';
    case 'extend':
      return `延长 ${String(d.workingDays)} 个工作日：${String(d.reason)}`;
    case 'fee_notice':
      return `${String(d.amount)} 元，缴费期限至 ${String(d.payBy)}`;
    case 'transfer':
      return `由${String(d.fromUnitName)}转交${String(d.toUnitName)}：${String(d.reason)}`;
    case 'assign':
      return String(d.officerName ?? '');
    case 'submit_reply':
      return String(d.outcomeLabel ?? '');
    case 'return_reply':
      return `退回意见：${String(d.opinion ?? '')}`;
    default:
      return '';
  }
}

/**
 * While a pause is open the reply clock does not run, and the due date shown before it is no longer true: pages say
 * so and say when the clock starts again, instead of a date that will move.
 */
export const PAUSE_TEXTS: Partial<Record<CaseState, string>> = {
  awaiting_correction: '计时暂停：等待申请人补正，自收到补正之日起重新计算（条例第三十条）',
  consulting: '计时暂停：征求第三方或其他机关意见，所需时间不计入答复期限（条例第三十二条、第三十四条）',
  awaiting_fee: '计时暂停：等待缴纳信息处理费，缴费后继续计算',
};
