/**
 * The rules of 有条件开放 applications and of data demands (需求反馈), as pure functions (ADR 0026).
 *
 *   application:  received ──grant (with conditions and a term)──▶ granted
 *                 received ──refuse (with the reason)──▶ refused
 *                 received ──the applicant withdraws──▶ withdrawn
 *   demand:       open ──answer──▶ answered
 *
 * Both are decided on the platform's working-day calendar, the one the information-request clock counts on: the day
 * of receipt is not counted, the limit is a number of working days set by local rule (src/config.ts).
 */
import { ConflictError, ErrorCodes, ValidationError } from '../../lib/errors.ts';
import type { WorkingDayCalendar } from '../../lib/calendar.ts';
import { isValidDate } from '../../lib/calendar.ts';

/** What an applicant undertakes before conditional data is released (上海市公共数据开放实施细则's 数据利用协议 terms). */
export const COMMITMENTS = {
  purpose_only: '仅将数据用于申请中写明的用途和场景，不用于其他目的',
  no_transfer: '不向第三方提供、转让或公开原始数据',
  security: '按申请中写明的措施保障数据安全，发生泄露等安全事件时立即告知数据提供单位',
  no_reidentify: '不以任何方式识别数据中的个人，不还原已脱敏的信息',
  report_use: '使用成果注明数据来源，并按要求反馈数据使用情况',
  delete_after: '使用期限届满或用途完成后删除数据',
} as const;
export type Commitment = keyof typeof COMMITMENTS;

export type AccessState = 'received' | 'granted' | 'refused' | 'withdrawn';
export const ACCESS_STATE_LABELS: Record<AccessState, string> = { received: '审核中', granted: '同意开放', refused: '不予开放', withdrawn: '已撤回' };
type AccessTransition = 'grant' | 'refuse' | 'withdraw';
const ACCESS_NEXT: Record<AccessTransition, AccessState> = { grant: 'granted', refuse: 'refused', withdraw: 'withdrawn' };

export function nextAccessState(state: AccessState, t: AccessTransition): AccessState {
  if (state !== 'received') throw new ConflictError(ErrorCodes.DATA_ACCESS_DECIDED, `申请已${ACCESS_STATE_LABELS[state]}，不能再${t === 'withdraw' ? '撤回' : '作出决定'}。`);
  return ACCESS_NEXT[t];
}

export interface ApplicationInput {
  applicantName: string;
  organisation: string;
  creditCode: string;
  contact: string;
  purpose: string;
  securityMeasures: string;
  commitments: string[];
}

/** 统一社会信用代码: 18 characters of the GB 32100 alphabet (no I, O, S, V, Z). */
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Every problem at once; the text as it will be stored. */
export function checkApplication(input: ApplicationInput): ApplicationInput & { commitments: Commitment[] } {
  const errors: Record<string, string> = {};
  const v = {
    applicantName: input.applicantName.trim(),
    organisation: input.organisation.trim(),
    creditCode: input.creditCode.trim().toUpperCase(),
    contact: input.contact.trim(),
    purpose: input.purpose.trim(),
    securityMeasures: input.securityMeasures.trim(),
  };
  if (!v.applicantName) errors.applicantName = '请填写申请人姓名或名称';
  else if (v.applicantName.length > 100) errors.applicantName = '申请人不超过100个字';
  if (v.organisation.length > 200) errors.organisation = '单位名称不超过200个字';
  if (v.creditCode && !CREDIT_CODE.test(v.creditCode)) errors.creditCode = '统一社会信用代码为18位，请核对';
  if (!v.contact) errors.contact = '请填写电子邮箱或手机号码，答复和下载方式会发到这里';
  else if (v.contact.length > 200) errors.contact = '联系方式不超过200个字';
  if (v.purpose.length < 20) errors.purpose = '请写明数据的用途和使用场景（至少20个字）';
  else if (v.purpose.length > 3000) errors.purpose = '用途和使用场景不超过3000个字';
  if (v.securityMeasures.length < 10) errors.securityMeasures = '请写明数据安全保障措施（至少10个字）';
  else if (v.securityMeasures.length > 3000) errors.securityMeasures = '安全保障措施不超过3000个字';
  const ticked = new Set(input.commitments);
  const missing = (Object.keys(COMMITMENTS) as Commitment[]).filter((c) => !ticked.has(c));
  if (missing.length) errors.commitments = `请阅读并勾选全部${Object.keys(COMMITMENTS).length}项承诺（还差${missing.length}项）`;
  if (Object.keys(errors).length) throw new ValidationError(errors, '申请未提交，请按提示修改。');
  return { ...v, commitments: Object.keys(COMMITMENTS) as Commitment[] };
}

export interface GrantInput {
  conditions: string;
  grantedUntil: string;
}

/** A grant names its conditions of use and a term that ends after today and within three years. */
export function checkGrant(input: GrantInput, today: string): GrantInput {
  const errors: Record<string, string> = {};
  const conditions = input.conditions.trim();
  if (conditions.length > 3000) errors.conditions = '使用条件不超过3000个字';
  const until = input.grantedUntil.trim();
  const latest = `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`;
  if (!isValidDate(until) || until <= today || until > latest) errors.grantedUntil = `请填写使用期限截止日期（今天之后，不晚于 ${latest}）`;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { conditions, grantedUntil: until };
}

/** A refusal says why, so the applicant can seek a remedy. */
export function checkRefusal(reason: string): string {
  const r = reason.trim();
  if (r.length < 10) throw new ValidationError({ reason: '请写明不予开放的理由和依据（至少10个字）' });
  return r.slice(0, 3000);
}

/** The applicant downloads while the grant holds: granted, and today within its term. */
export function mayDownload(a: { state: AccessState; granted_until: string | null }, today: string): boolean {
  return a.state === 'granted' && !!a.granted_until && today <= a.granted_until;
}

/** The last day to decide or answer: `workingDays` working days after the day of receipt. */
export function dueDate(calendar: WorkingDayCalendar, receivedOn: string, workingDays: number): string {
  return calendar.addWorkingDays(receivedOn, workingDays).date;
}

/** Late: decided (or, while open, still undecided) after the due date. */
export function isLate(dueOn: string, decidedOn: string | null, today: string): boolean {
  return (decidedOn ?? today) > dueOn;
}

export const DEMAND_KINDS = { new_data: '申请开放新的数据', comment: '对数据集的意见建议' } as const;
export type DemandKind = keyof typeof DEMAND_KINDS;
export const DEMAND_STATE_LABELS = { open: '办理中', answered: '已答复' } as const;

export interface DemandInput {
  kind: string;
  title: string;
  body: string;
  writerName: string;
  contact: string;
}

export function checkDemand(input: DemandInput): DemandInput & { kind: DemandKind } {
  const errors: Record<string, string> = {};
  if (!(input.kind in DEMAND_KINDS)) errors.kind = '请选择是申请开放新数据还是对数据集提意见';
  const title = input.title.trim();
  if (!title) errors.title = '请填写标题';
  else if (title.length > 100) errors.title = '标题不超过100个字';
  const body = input.body.trim();
  if (body.length < 10) errors.body = '请写明需要什么数据、用来做什么（至少10个字）';
  else if (body.length > 3000) errors.body = '内容不超过3000个字';
  if (input.contact.trim().length > 200) errors.contact = '联系方式不超过200个字';
  if (Object.keys(errors).length) throw new ValidationError(errors, '未提交，请按提示修改。');
  return { kind: input.kind as DemandKind, title, body, writerName: input.writerName.trim().slice(0, 100), contact: input.contact.trim() };
}

export function checkAnswer(answer: string, isPublic: boolean, privateReason: string): { answer: string; privateReason: string } {
  const errors: Record<string, string> = {};
  const a = answer.trim();
  if (a.length < 10) errors.answer = '请写明答复（至少10个字）';
  else if (a.length > 5000) errors.answer = '答复不超过5000个字';
  const reason = privateReason.trim();
  if (!isPublic && !reason) errors.privateReason = '不公开答复的，请写明理由';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { answer: a, privateReason: isPublic ? '' : reason.slice(0, 500) };
}
