/** Drafting, opening and withdrawing a consultation. The draft is fixed once open: comments point at its clauses. */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { authorize, actorUserId, type Actor } from '../../../lib/authz.ts';
import { ConflictError, ValidationError } from '../../../lib/errors.ts';
import { sanitizeRichText } from '../../../lib/html.ts';
import { getUnit } from '../../orgs/index.ts';
import { CHANNELS } from '../report.ts';
import { assertPeriod, feedbackDueOn } from '../status.ts';
import { openConsultation, recordEvent, type ParticipationContext } from './common.ts';

export interface ConsultationInput {
  unitId: number;
  title: string;
  draftHtml: string;
  explanationHtml: string;
  legalBasis: string;
  channels: string[];
  contact: string;
  opensOn: string;
  closesOn: string;
  shortenedReason: string;
  publishComments: boolean;
}

function checked(input: ConsultationInput) {
  const errors: Record<string, string> = {};
  const title = input.title.trim();
  if (!title) errors.title = '请填写标题';
  else if (title.length > 200) errors.title = '标题不超过200个字';
  if (!input.draftHtml.trim()) errors.draftHtml = '请填写或导入征求意见稿';
  const channels = [...new Set(input.channels)].filter((c) => c in CHANNELS);
  if (!channels.length) errors.channels = '请至少选择一种征求意见的渠道';
  if (!input.contact.trim()) errors.contact = '请填写联系人和联系方式（信函地址、电子邮箱或电话）';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  assertPeriod(input);
  return {
    title,
    draft: sanitizeRichText(input.draftHtml, 'draftHtml'),
    explanation: sanitizeRichText(input.explanationHtml, 'explanationHtml'),
    channels,
  };
}

export async function saveConsultation(db: DbOrTx, actor: Actor, now: Date, input: ConsultationInput, id?: number): Promise<number> {
  const v = checked(input);
  // The same ten editable fields, in the order of the column lists below ($2 … $11).
  const fields = [
    v.title,
    v.draft,
    v.explanation,
    input.legalBasis.trim(),
    v.channels,
    input.contact.trim(),
    input.opensOn,
    input.closesOn,
    input.shortenedReason.trim(),
    input.publishComments,
  ];
  return inTx(db, async (tx) => {
    if (id) {
      const c = await openConsultation(tx, actor, id);
      if (c.state !== 'draft') throw new ConflictError('CONSULTATION_INVALID_TRANSITION', '意见征集已经发布，征求意见稿不能再修改；如需修改，请撤回后重新发布。');
      await tx.query(
        `UPDATE consultations SET title = $2, draft_html = $3, explanation_html = $4, legal_basis = $5, channels = $6, contact = $7, opens_on = $8, closes_on = $9,
                shortened_reason = $10, publish_comments = $11, updated_at = $12 WHERE id = $1`,
        [id, ...fields, now],
      );
      await recordEvent(tx, actor, now, c, 'edited');
      return id;
    }
    const unit = await getUnit(tx, input.unitId);
    if (!unit) throw new ValidationError({ unitId: '请选择单位' });
    authorize(actor, 'consultation.edit', { unitPath: unit.path });
    const r = await tx.query<{ id: number }>(
      `INSERT INTO consultations (unit_id, title, draft_html, explanation_html, legal_basis, channels, contact, opens_on, closes_on, shortened_reason, publish_comments, state, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'draft', $12, $13, $13) RETURNING id::int`,
      [unit.id, ...fields, actorUserId(actor), now],
    );
    await recordEvent(tx, actor, now, { id: r.rows[0].id, unit_id: unit.id }, 'created', { title: v.title });
    return r.rows[0].id;
  });
}

/** Opens the consultation to the public on its dates; the feedback's due date is fixed from the closing date. */
export async function publishConsultation(db: DbOrTx, actor: Actor, ctx: ParticipationContext, id: number) {
  return inTx(db, async (tx) => {
    const c = await openConsultation(tx, actor, id, 'consultation.publish');
    if (c.state !== 'draft') throw new ConflictError('CONSULTATION_INVALID_TRANSITION', '这项意见征集已经发布。');
    assertPeriod({ opensOn: c.opens_on, closesOn: c.closes_on, shortenedReason: c.shortened_reason });
    if (c.closes_on < ctx.today) throw new ValidationError({ closesOn: '截止日期已过，请修改征集期限后再发布' });
    const due = feedbackDueOn(c.closes_on, ctx.calendar, ctx.feedbackWorkingDays);
    await tx.query(`UPDATE consultations SET state = 'published', feedback_due_on = $2, updated_at = $3 WHERE id = $1`, [id, due, ctx.now]);
    await recordEvent(tx, actor, ctx.now, c, 'published', { opensOn: c.opens_on, closesOn: c.closes_on, feedbackDueOn: due });
  });
}

/** Withdrawn, never deleted: the page stays with the reason, and comments already received are kept. */
export async function withdrawConsultation(db: DbOrTx, actor: Actor, now: Date, id: number, reason: string) {
  return inTx(db, async (tx) => {
    const c = await openConsultation(tx, actor, id, 'consultation.publish');
    if (c.state !== 'published') throw new ConflictError('CONSULTATION_INVALID_TRANSITION', '只有已发布的意见征集可以撤回。');
    const why = reason.trim();
    if (!why) throw new ValidationError({ withdrawReason: '请写明撤回的原因，原因将在页面上公开' });
    await tx.query(`UPDATE consultations SET state = 'withdrawn', withdrawn_reason = $2, updated_at = $3 WHERE id = $1`, [id, why.slice(0, 500), now]);
    await recordEvent(tx, actor, now, c, 'withdrawn', { reason: why });
  });
}
