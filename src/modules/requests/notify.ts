/**
 * What the applicant and the officers hear of a case, besides the case page: the applicant gets the case number and
 * query code, each letter, and each change of the due date (a stop included) by the contact they gave; the unit's
 * request officers get a new online application and an online correction in their inbox.
 */
import type { Queryable } from '../../lib/db.ts';
import { notifyContact, notifyStaff, type OutboxLink } from '../notifications/index.ts';
import { RELEASED_LINK_DAYS } from './released.ts';
import type { CaseContext, CaseRow } from './caseStore.ts';
import type { ClockState } from './clock.ts';
import type { CaseEventKind } from './states.ts';

const OFFICERS = ['request_officer', 'office_admin'];
const STATUS_LINK = { label: '查询办理进度、查看文书', url: '/ysqgk/status' };

type Applicant = Pick<CaseRow, 'id' | 'case_no' | 'unit_name' | 'applicant_name' | 'phone' | 'email'>;

/** A message about the case to the applicant, by the contact they gave. */
function toApplicant(tx: Queryable, ctx: CaseContext, c: Applicant, m: { purpose: string; subject: string; body: string; smsParams: Record<string, string>; links: OutboxLink[] }) {
  return notifyContact(
    tx,
    ctx.now,
    ctx.contact ?? { smsEnabled: false, smsTemplates: {} },
    { email: c.email, phone: c.phone },
    { ...m, subjectType: 'request_case', subjectId: c.id },
  );
}

export async function notifyReceived(tx: Queryable, ctx: CaseContext, c: Applicant & { unit_path: string }, queryCode: string, online: boolean) {
  await toApplicant(tx, ctx, c, {
    purpose: 'request.received',
    subject: `政府信息公开申请已收到（${c.case_no}）`,
    body: `${c.applicant_name}：\n${c.unit_name}已收到您的政府信息公开申请。\n申请编号：${c.case_no}\n查询码：${queryCode}\n请妥善保存。凭申请编号和查询码可以在网上查询办理进度，查看和下载答复文书。`,
    smsParams: { caseNo: c.case_no, code: queryCode },
    links: [STATUS_LINK],
  });
  if (online)
    await notifyStaff(tx, ctx.now, {
      unitPath: c.unit_path,
      roles: OFFICERS,
      kind: 'request.received',
      title: `${c.case_no} ${c.applicant_name}`,
      link: `/staff/requests/${c.id}`,
    });
}

const STOP_REASONS: Partial<Record<CaseEventKind, string>> = {
  request_correction: '等待您补正申请，补正后重新计算',
  start_consultation: '正在征求第三方意见，所需时间不计入期限',
  fee_notice: '等待缴纳信息处理费，缴费后继续计算',
};

export async function notifyDueChange(tx: Queryable, ctx: CaseContext, c: CaseRow, kind: CaseEventKind, clock: ClockState | null) {
  // No clock (or a stopped one) while a pause is open: the due date is unknown until the pause ends.
  const stopped = !clock || clock.stopped || !clock.dueOn || kind in STOP_REASONS;
  const what = stopped
    ? `答复期限暂停计算：${STOP_REASONS[kind] ?? '办理期限暂停'}。`
    : `答复期限${kind === 'extend' ? '经批准延长，' : '已重新计算，'}现为 ${clock!.dueOn}${clock!.provisional ? '（暂定：节假日安排尚未公布）' : ''}。`;
  await toApplicant(tx, ctx, c, {
    purpose: 'request.due_changed',
    subject: `申请 ${c.case_no} 的答复期限有变化`,
    body: `${c.applicant_name}：\n您向${c.unit_name}提出的政府信息公开申请（${c.case_no}）${what}`,
    smsParams: { caseNo: c.case_no, due: stopped ? '暂停' : (clock!.dueOn ?? '') },
    links: [STATUS_LINK],
  });
}

export async function notifyLetter(tx: Queryable, ctx: CaseContext, c: Applicant, letter: { title: string; letter_no: string }, fileLinks: OutboxLink[] = []) {
  await toApplicant(tx, ctx, c, {
    purpose: 'request.letter',
    subject: `${letter.title}（${c.case_no}）`,
    body: `${c.applicant_name}：\n${c.unit_name}就您的政府信息公开申请（${c.case_no}）出具了《${letter.title}》（${letter.letter_no}）。请凭申请编号和查询码在网上查看、下载。${fileLinks.length ? `\n随答复提供的政府信息可用下面的链接直接下载（${RELEASED_LINK_DAYS}日内有效；之后请凭查询码在网上下载）。` : ''}`,
    smsParams: { caseNo: c.case_no, title: letter.title },
    links: [STATUS_LINK, ...fileLinks],
  });
}

export async function notifyCorrectionReceived(tx: Queryable, now: Date, c: Pick<CaseRow, 'id' | 'case_no' | 'applicant_name' | 'unit_path'>) {
  await notifyStaff(tx, now, { unitPath: c.unit_path, roles: OFFICERS, kind: 'request.correction', title: `${c.case_no} ${c.applicant_name}`, link: `/staff/requests/${c.id}` });
}

/** Files released at delivery (after the reply): the applicant gets their links. */
export async function notifyReleased(tx: Queryable, ctx: CaseContext, c: Applicant, fileLinks: OutboxLink[]) {
  await toApplicant(tx, ctx, c, {
    purpose: 'request.released',
    subject: `申请 ${c.case_no} 的政府信息已提供`,
    body: `${c.applicant_name}：\n${c.unit_name}已向您提供所申请的政府信息（申请编号 ${c.case_no}）。可用下面的链接下载（${RELEASED_LINK_DAYS}日内有效），也可凭申请编号和查询码在网上查看下载。`,
    smsParams: { caseNo: c.case_no },
    links: [...fileLinks, STATUS_LINK],
  });
}
