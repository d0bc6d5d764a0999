/**
 * 好差评 per message (一事一评): the writer rates the answer once, with the query code; a 差评 opens a rectification
 * with its own clock, which the unit closes with what it did and the result of calling the writer back.
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { anonymous, authorize, type Actor } from '../../../lib/authz.ts';
import { ConflictError, ValidationError } from '../../../lib/errors.ts';
import { hashCode } from '../../../lib/queryCode.ts';
import { getMessage, getMessageByCaseNo } from '../queries.ts';
import { isPoor, RATING_LEVELS, RATING_TAGS, RECTIFY_WORKING_DAYS } from '../rules.ts';
import { logMessageEvent, type MessageContext } from './handle.ts';
import { notifyOfficers } from '../notify.ts';

export async function rateMessage(db: DbOrTx, ctx: MessageContext, caseNo: string, queryCode: string, input: { level: number; tags: string[]; comment: string }) {
  return inTx(db, async (tx) => {
    const found = await getMessageByCaseNo(tx, caseNo);
    if (!found || found.query_code_hash !== hashCode(queryCode)) throw new ValidationError({ queryCode: '留言编号或查询码不对，请核对后重试' });
    const m = (await getMessage(tx, found.id, true))!;
    if (m.state !== 'replied') throw new ConflictError('MESSAGE_INVALID_TRANSITION', '答复后才能评价。');
    if (!(input.level in RATING_LEVELS)) throw new ValidationError({ level: '请选择满意程度' });
    const tags = [...new Set(input.tags)].filter((t) => (RATING_TAGS as readonly string[]).includes(t));
    const due = isPoor(input.level) ? ctx.calendar.addWorkingDays(ctx.today, RECTIFY_WORKING_DAYS).date : null;
    const r = await tx.query(
      `INSERT INTO message_ratings (message_id, level, tags, comment, rated_at, rectify_due_on) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (message_id) DO NOTHING`,
      [m.id, input.level, tags, input.comment.trim().slice(0, 1000), ctx.now, due],
    );
    if (!r.rowCount) throw new ConflictError('MESSAGE_INVALID_TRANSITION', '这条留言已经评价过了，每件事评价一次。');
    await logMessageEvent(tx, anonymous, ctx.now, m, 'rated', { level: input.level, tags, rectifyDueOn: due });
    if (due) await notifyOfficers(tx, ctx.now, m, m.unit_path, 'message.poor_rating');
  });
}

export async function recordRectification(db: DbOrTx, actor: Actor, ctx: MessageContext, id: number, input: { rectification: string; callbackResult: string }) {
  return inTx(db, async (tx) => {
    const m = await getMessage(tx, id, true);
    if (!m) throw new ValidationError({ rectification: '没有这条留言' });
    authorize(actor, 'message.handle', { unitPath: m.unit_path });
    const errors: Record<string, string> = {};
    if (!input.rectification.trim()) errors.rectification = '请写明整改的情况';
    if (!input.callbackResult.trim()) errors.callbackResult = '请记录回访留言人的结果';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const r = await tx.query(
      `UPDATE message_ratings SET rectified_on = $2, rectification = $3, callback_result = $4 WHERE message_id = $1 AND rectify_due_on IS NOT NULL AND rectified_on IS NULL`,
      [id, ctx.today, input.rectification.trim().slice(0, 5000), input.callbackResult.trim().slice(0, 2000)],
    );
    if (!r.rowCount) throw new ConflictError('MESSAGE_INVALID_TRANSITION', '这条留言没有待整改的差评。');
    await logMessageEvent(tx, actor, ctx.now, m, 'rectified');
  });
}
