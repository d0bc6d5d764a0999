/**
 * Comments: posted on the website by anyone (no account; name and contact optional), or registered by staff from a
 * letter, an e-mail, a 座谈会 or a 听证会; then moderated (published only with the writer's consent, personal data
 * masked) and disposed one by one or in bulk, with the unit's reusable answers.
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { actorUserId, authorize, type Actor } from '../../../lib/authz.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../lib/errors.ts';
import { isValidDate } from '../../../lib/calendar.ts';
import { audit } from '../../../lib/audit.ts';
import { getUnit } from '../../orgs/index.ts';
import { splitClauses } from '../clauses.ts';
import { getConsultation } from '../queries.ts';
import { CHANNELS, DISPOSITIONS, type Disposition } from '../report.ts';
import { assertOpenForComments, consultationStatus } from '../status.ts';
import { openConsultation, recordEvent, type ParticipationContext } from './common.ts';

export const MAX_COMMENT_CHARS = 5000;
const MAX_LINKS = 3;

export interface CommentInput {
  clauseKey: string;
  body: string;
  name: string;
  contact: string;
  consentPublish: boolean;
}

function checkComment(draftHtml: string, input: CommentInput) {
  const errors: Record<string, string> = {};
  const body = input.body.trim();
  if (!body) errors.body = '请填写意见内容';
  else if (body.length > MAX_COMMENT_CHARS) errors.body = `意见内容不超过${MAX_COMMENT_CHARS}个字，较长的意见可以分几次提交`;
  // Link spam: a real comment on a draft rarely needs more than a few addresses.
  else if ((body.match(/https?:\/\//gi) ?? []).length > MAX_LINKS) errors.body = `意见中的网址不能超过${MAX_LINKS}个`;
  if (input.name.trim().length > 50) errors.name = '姓名不超过50个字';
  if (input.contact.trim().length > 100) errors.contact = '联系方式不超过100个字';
  if (input.clauseKey && !splitClauses(draftHtml).some((c) => c.key === input.clauseKey)) errors.clauseKey = '请选择征求意见稿中的条款，或选择“全文”';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { body, name: input.name.trim(), contact: input.contact.trim() };
}

/** A comment from the website: only while open; it waits for moderation before anyone else sees it. */
export async function submitComment(db: DbOrTx, ctx: ParticipationContext, consultationId: number, input: CommentInput): Promise<{ id: number }> {
  return inTx(db, async (tx) => {
    const c = await getConsultation(tx, consultationId, 'share');
    if (!c || c.state === 'draft') throw new NotFoundError('没有这项意见征集。');
    assertOpenForComments(consultationStatus(c, ctx.today));
    const v = checkComment(c.draft_html, input);
    const r = await tx.query<{ id: number }>(
      `INSERT INTO consultation_comments (consultation_id, clause_key, channel, name, contact, consent_publish, body, received_on, created_at)
       VALUES ($1, $2, 'website', $3, $4, $5, $6, $7, $8) RETURNING id::int`,
      [c.id, input.clauseKey, v.name, v.contact, input.consentPublish, v.body, ctx.today, ctx.now],
    );
    await recordEvent(tx, { kind: 'anonymous' }, ctx.now, c, 'comment_received', { commentId: r.rows[0].id, channel: 'website' });
    return r.rows[0];
  });
}

/** A comment received another way, registered by staff with its channel and the day it arrived (within the period). */
export async function registerComment(db: DbOrTx, actor: Actor, ctx: ParticipationContext, consultationId: number, input: CommentInput & { channel: string; receivedOn: string }) {
  return inTx(db, async (tx) => {
    const c = await openConsultation(tx, actor, consultationId);
    if (c.state !== 'published') throw new ConflictError('CONSULTATION_INVALID_TRANSITION', '只有已发布的意见征集可以登记意见。');
    const errors: Record<string, string> = {};
    if (!(input.channel in CHANNELS) || input.channel === 'website') errors.channel = '请选择收到意见的渠道';
    if (!isValidDate(input.receivedOn)) errors.receivedOn = '请填写收到日期';
    else if (input.receivedOn < c.opens_on || input.receivedOn > c.closes_on) errors.receivedOn = `收到日期应在征集期限内（${c.opens_on} 至 ${c.closes_on}）`;
    else if (input.receivedOn > ctx.today) errors.receivedOn = '收到日期不能晚于今天';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const v = checkComment(c.draft_html, input);
    const r = await tx.query<{ id: number }>(
      `INSERT INTO consultation_comments (consultation_id, clause_key, channel, name, contact, consent_publish, body, received_on, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::int`,
      [c.id, input.clauseKey, input.channel, v.name, v.contact, input.consentPublish, v.body, input.receivedOn, actorUserId(actor), ctx.now],
    );
    await recordEvent(tx, actor, ctx.now, c, 'comment_registered', { commentId: r.rows[0].id, channel: input.channel });
    return r.rows[0];
  });
}

async function ownComments(tx: DbOrTx, consultationId: number, ids: number[]) {
  const unique = [...new Set(ids)].filter((n) => Number.isInteger(n) && n > 0);
  if (!unique.length) throw new ValidationError({ ids: '请先勾选意见' });
  const found = (await tx.query<{ id: number }>('SELECT id::int FROM consultation_comments WHERE consultation_id = $1 AND id = ANY($2::bigint[])', [consultationId, unique])).rows;
  if (found.length !== unique.length) throw new ValidationError({ ids: '勾选的意见不属于这项意见征集' });
  return unique;
}

/** Published (shown on the page, with the writer's consent) or hidden; never deleted. */
export async function moderateComments(db: DbOrTx, actor: Actor, now: Date, consultationId: number, ids: number[], to: 'published' | 'hidden') {
  return inTx(db, async (tx) => {
    const c = await openConsultation(tx, actor, consultationId);
    const own = await ownComments(tx, c.id, ids);
    await tx.query('UPDATE consultation_comments SET moderation = $2 WHERE id = ANY($1::bigint[])', [own, to]);
    await recordEvent(tx, actor, now, c, to === 'published' ? 'comments_published' : 'comments_hidden', { ids: own });
    return own.length;
  });
}

/** One disposition and reason for every comment ticked (Decidim's most-asked feature); a reason unless adopted. */
export async function disposeComments(db: DbOrTx, actor: Actor, now: Date, consultationId: number, ids: number[], disposition: string, reason: string) {
  if (!(disposition in DISPOSITIONS)) throw new ValidationError({ disposition: '请选择处理结果：采纳、部分采纳、不采纳或不属于本次征求范围' });
  const why = reason.trim();
  if (disposition !== 'adopted' && !why) throw new ValidationError({ reason: '部分采纳、不采纳或不属于征求范围的，须说明理由' });
  if (why.length > 2000) throw new ValidationError({ reason: '理由不超过2000个字' });
  return inTx(db, async (tx) => {
    const c = await openConsultation(tx, actor, consultationId);
    if (c.feedback_item_id) throw new ConflictError('CONSULTATION_INVALID_TRANSITION', '反馈已经生成，处理结果不能再改；如需更正，请在反馈信息中修订。');
    const own = await ownComments(tx, c.id, ids);
    await tx.query('UPDATE consultation_comments SET disposition = $2, reason = $3, disposed_at = $4, disposed_by = $5 WHERE id = ANY($1::bigint[])', [
      own,
      disposition as Disposition,
      why,
      now,
      actorUserId(actor),
    ]);
    await recordEvent(tx, actor, now, c, 'comments_disposed', { ids: own, disposition, reason: why });
    return own.length;
  });
}

export async function saveAnswerTemplate(db: DbOrTx, actor: Actor, now: Date, unitId: number, disposition: string, text: string) {
  const unit = await getUnit(db, unitId);
  if (!unit) throw new ValidationError({ unitId: '请选择单位' });
  authorize(actor, 'consultation.edit', { unitPath: unit.path });
  const errors: Record<string, string> = {};
  if (!(disposition in DISPOSITIONS)) errors.templateDisposition = '请选择处理结果';
  if (!text.trim()) errors.templateText = '请填写答复内容';
  else if (text.trim().length > 2000) errors.templateText = '答复内容不超过2000个字';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await inTx(db, async (tx) => {
    await tx.query('INSERT INTO consultation_answer_templates (unit_id, disposition, text, created_at) VALUES ($1, $2, $3, $4)', [unit.id, disposition, text.trim(), now]);
    await audit(tx, actor, { at: now, action: 'consultation.template_saved', subjectType: 'unit', subjectId: unit.id, unitId: unit.id, details: { disposition } });
  });
}
