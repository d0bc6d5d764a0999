/**
 * What the writer and the officers hear of a message besides its pages: the writer, by the e-mail or mobile number
 * they gave, gets the case number and query code, a change of the unit or the due date, a merge, and the answer; the
 * officers get new messages, transfers to decide, disputes, due dates and 差评 in their inbox.
 */
import type { Queryable } from '../../lib/db.ts';
import { notifyContact, notifyStaff, splitContact, type ContactSettings, type StaffKind } from '../notifications/index.ts';

const FOLLOW_LINK = { label: '查询办理进度和答复', url: '/hdjl/ly/cx' };
const NO_SMS: ContactSettings = { smsEnabled: false, smsTemplates: {} };

export interface Writer {
  id: number;
  case_no: string;
  contact: string;
}

async function toWriter(
  tx: Queryable,
  now: Date,
  settings: ContactSettings | undefined,
  m: Writer,
  n: { purpose: string; subject: string; body: string; smsParams: Record<string, string> },
) {
  const to = splitContact(m.contact);
  if (!to.email && !to.phone) return;
  await notifyContact(tx, now, settings ?? NO_SMS, to, { ...n, links: [FOLLOW_LINK], subjectType: 'message', subjectId: m.id });
}

export function notifyReceived(tx: Queryable, now: Date, settings: ContactSettings | undefined, m: Writer & { unit_name: string; due_on: string }, queryCode: string) {
  return toWriter(tx, now, settings, m, {
    purpose: 'message.received',
    subject: `留言已收到（${m.case_no}）`,
    body: `您的留言已收到，由${m.unit_name}办理，${m.due_on}前答复。\n留言编号：${m.case_no}\n查询码：${queryCode}\n请妥善保存，凭留言编号和查询码可以在网上查看办理进度和答复。`,
    smsParams: { caseNo: m.case_no, code: queryCode },
  });
}

export function notifyNewOwner(tx: Queryable, now: Date, settings: ContactSettings | undefined, m: Writer, unitName: string, dueOn: string) {
  return toWriter(tx, now, settings, m, {
    purpose: 'message.transferred',
    subject: `留言 ${m.case_no} 改由${unitName}办理`,
    body: `您的留言（${m.case_no}）不属于原单位职责，现由${unitName}办理，${dueOn}前答复。`,
    smsParams: { caseNo: m.case_no, unit: unitName, due: dueOn },
  });
}

export function notifyExtended(tx: Queryable, now: Date, settings: ContactSettings | undefined, m: Writer, dueOn: string, reason: string) {
  return toWriter(tx, now, settings, m, {
    purpose: 'message.extended',
    subject: `留言 ${m.case_no} 的答复期限延长`,
    body: `您的留言（${m.case_no}）的答复期限延长至${dueOn}。理由：${reason}`,
    smsParams: { caseNo: m.case_no, due: dueOn },
  });
}

export function notifyMerged(tx: Queryable, now: Date, settings: ContactSettings | undefined, m: Writer, intoCaseNo: string) {
  return toWriter(tx, now, settings, m, {
    purpose: 'message.merged',
    subject: `留言 ${m.case_no} 已并入同一事项办理`,
    body: `您的留言（${m.case_no}）与留言${intoCaseNo}反映的是同一事项，已合并办理。答复后会告知您，也可以凭您的留言编号和查询码查看。`,
    smsParams: { caseNo: m.case_no, into: intoCaseNo },
  });
}

export function notifyInfoRequested(tx: Queryable, now: Date, settings: ContactSettings | undefined, m: Writer, question: string) {
  return toWriter(tx, now, settings, m, {
    purpose: 'message.info_requested',
    subject: `请补充留言 ${m.case_no} 的情况`,
    body: `承办单位请您补充说明：${question}\n请凭留言编号和查询码在网上查询您的留言，在页面上填写补充说明。`,
    smsParams: { caseNo: m.case_no },
  });
}

export function notifyReplied(tx: Queryable, now: Date, settings: ContactSettings | undefined, m: Writer, unitName: string) {
  return toWriter(tx, now, settings, m, {
    purpose: 'message.replied',
    subject: `留言 ${m.case_no} 已答复`,
    body: `${unitName}已答复您的留言（${m.case_no}）。请凭留言编号和查询码查看答复，并对答复作出评价。`,
    smsParams: { caseNo: m.case_no, unit: unitName },
  });
}

/** The officers of a unit (or, for a dispute, the offices over it) hear of a message that needs them. */
export function notifyOfficers(tx: Queryable, now: Date, m: { id: number; case_no: string; title: string }, unitPath: string, kind: StaffKind, exceptUserId?: number | null) {
  return notifyStaff(tx, now, {
    unitPath,
    roles: kind === 'message.dispute' ? ['office_admin'] : kind === 'message.review' ? ['office_admin', 'reviewer'] : ['message_officer'],
    kind,
    title: `${m.case_no} ${m.title}`,
    link: `/staff/messages/${m.id}`,
    exceptUserId,
  });
}
