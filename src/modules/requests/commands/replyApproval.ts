/**
 * Approval of reply letters by the head of the unit's 政府信息公开工作机构, where the unit asks for it (ADR 0015).
 * The officer's reply waits in 答复待负责人审批 with the clock running; the head approves it, and the reply is made
 * (and its letter numbered and dated) on the day of approval, or returns it with an opinion.
 */
import { inTx, type DbOrTx, type Queryable } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import { actorLabel, actorUserId, authorize, can, type Actor } from '../../../lib/authz.ts';
import { ConflictError, ValidationError } from '../../../lib/errors.ts';
import { getUnit } from '../../orgs/index.ts';
import { notifyStaff, notifyUsers } from '../../notifications/index.ts';
import { recordStep, type CaseContext, type CaseRow } from '../caseStore.ts';
import { issueLetter, LETTER_TITLES, letterText } from '../letters.ts';
import { openCase, requiredText, stepDate } from './common.ts';

export async function replyNeedsApproval(q: Queryable, unitId: number): Promise<boolean> {
  return (await q.query<{ on: boolean }>('SELECT reply_approval AS on FROM request_settings WHERE unit_id = $1', [unitId])).rows[0]?.on ?? false;
}

export async function setReplyApproval(db: DbOrTx, actor: Actor, now: Date, input: { unitId: number; on: boolean }) {
  const unit = await getUnit(db, input.unitId);
  if (!unit) throw new ValidationError({ unit: '请选择单位' });
  authorize(actor, 'request.templates', { unitPath: unit.path });
  await inTx(db, async (tx) => {
    await tx.query(
      `INSERT INTO request_settings (unit_id, reply_approval, updated_at, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (unit_id) DO UPDATE SET reply_approval = EXCLUDED.reply_approval, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [unit.id, input.on, now, actorUserId(actor)],
    );
    await audit(tx, actor, { at: now, action: 'request.settings_saved', subjectType: 'unit', subjectId: unit.id, unitId: unit.id, details: { replyApproval: input.on } });
  });
}

/** The reply as the officer proposed it: the details of the last submission. */
export async function pendingReply(q: Queryable, caseId: number): Promise<{ details: Record<string, unknown>; byUserId: number | null; by: string; at: Date } | null> {
  const r = await q.query<{ details: Record<string, unknown>; actor_user_id: number | null; actor_label: string; at: Date }>(
    `SELECT details, actor_user_id, actor_label, at FROM case_events WHERE case_id = $1 AND kind = 'submit_reply' ORDER BY id DESC LIMIT 1`,
    [caseId],
  );
  const e = r.rows[0];
  return e ? { details: e.details, byUserId: e.actor_user_id, by: e.actor_label, at: e.at } : null;
}

/** Called by the decision when the unit asks for approval and the officer is not the head. */
export async function submitReply(tx: Queryable, ctx: CaseContext, actor: Actor, c: CaseRow, details: Record<string, unknown>, onDate: string) {
  const step = await recordStep(tx, ctx, actor, c, 'submit_reply', onDate, details);
  await notifyStaff(tx, ctx.now, {
    unitPath: c.unit_path,
    roles: ['office_admin'],
    kind: 'request.approval',
    title: `${c.case_no} ${c.applicant_name}`,
    link: `/staff/requests/${c.id}`,
    exceptUserId: actorUserId(actor),
  });
  return step;
}

export async function approveReply(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number, input: { onDate?: unknown; opinion?: unknown }) {
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId, 'request.approve_reply');
    if (c.state !== 'awaiting_approval') throw new ConflictError('CASE_INVALID_TRANSITION', '这件申请没有待审批的答复。');
    const pending = (await pendingReply(tx, c.id))!;
    const onDate = stepDate(ctx, c, input.onDate, 'onDate', '审批日期');
    const opinion = typeof input.opinion === 'string' ? input.opinion.trim().slice(0, 500) : '';
    const { outcomeLabel: _l, pendingFileIds, ...decided } = pending.details as Record<string, unknown> & { pendingFileIds?: number[] };
    const details = { ...decided, approvedBy: actorLabel(actor), ...(opinion ? { approvalOpinion: opinion } : {}) };
    const step = await recordStep(tx, ctx, actor, c, 'decide', onDate, details, { outcome: decided.outcome, replied_on: onDate });
    const files = (
      await tx.query<{ id: number; filename: string }>(`SELECT id::int, filename FROM case_files WHERE case_id = $1 AND id = ANY($2::bigint[]) ORDER BY id`, [
        c.id,
        pendingFileIds ?? [],
      ])
    ).rows;
    const letter = await issueLetter(tx, ctx, c, 'reply', onDate, details, { released: files });
    if (files.length) await tx.query('UPDATE case_files SET pending = false, letter_id = $2 WHERE id = ANY($1::bigint[])', [files.map((f) => f.id), letter.id]);
    if (pending.byUserId)
      await notifyUsers(tx, ctx.now, {
        userIds: [pending.byUserId].filter((u) => u !== actorUserId(actor)),
        kind: 'request.approval',
        title: `已批准并发出：${c.case_no}`,
        link: `/staff/requests/${c.id}`,
      });
    return { ...step, letter };
  });
}

export async function returnReply(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number, input: { opinion?: unknown }) {
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId, 'request.approve_reply');
    const opinion = requiredText(input.opinion, 'opinion', '退回时请写明需要修改的地方', 500);
    const pending = await pendingReply(tx, c.id);
    const step = await recordStep(tx, ctx, actor, c, 'return_reply', ctx.today, { opinion });
    if (pending?.byUserId)
      await notifyUsers(tx, ctx.now, { userIds: [pending.byUserId], kind: 'request.reply_returned', title: `${c.case_no}：${opinion}`, link: `/staff/requests/${c.id}` });
    return step;
  });
}

export interface ApprovalView {
  /** The unit asks for approval and this person cannot give it: their decision is a proposal. */
  proposes: boolean;
  canApprove: boolean;
  /** The reply waiting for approval, as its letter would read if approved today. */
  pending?: { title: string; paragraphs: string[]; at: Date; by: string };
}

export async function approvalView(q: Queryable, actor: Actor, c: CaseRow, today: string): Promise<ApprovalView> {
  const canApprove = can(actor, 'request.approve_reply', { unitPath: c.unit_path });
  const proposes = !canApprove && (await replyNeedsApproval(q, c.unit_id));
  if (c.state !== 'awaiting_approval') return { proposes, canApprove };
  const p = (await pendingReply(q, c.id))!;
  return { proposes, canApprove, pending: { title: LETTER_TITLES.reply, paragraphs: letterText('reply', c, p.details, today), at: p.at, by: p.by } };
}
