/**
 * Asking the writer for more (补充说明) and the writer's answer: the unit asks while the message is open, the writer
 * sees the question when following the message and adds their answer with the case number and query code. The clock
 * keeps running (no rule stops it); the answer goes into the event log, where staff read it, and to the officers.
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { anonymous, authorize, type Actor } from '../../../lib/authz.ts';
import { ConflictError, ValidationError } from '../../../lib/errors.ts';
import { hashCode } from '../../../lib/queryCode.ts';
import { getMessage, getMessageByCaseNo } from '../queries.ts';
import { notifyInfoRequested, notifyOfficers } from '../notify.ts';
import { logMessageEvent, type MessageContext } from './handle.ts';

export async function askForInformation(db: DbOrTx, actor: Actor, ctx: MessageContext, id: number, question: string) {
  return inTx(db, async (tx) => {
    await tx.query('SELECT 1 FROM messages WHERE id = $1 FOR UPDATE', [id]);
    const m = await getMessage(tx, id);
    if (!m) throw new ValidationError({ question: '没有这条留言' });
    authorize(actor, 'message.handle', { unitPath: m.unit_path });
    if (m.state !== 'open') throw new ConflictError('MESSAGE_INVALID_TRANSITION', '只有办理中的留言可以请留言人补充说明。');
    const q = question.trim();
    if (!q) throw new ValidationError({ question: '请写明需要留言人补充说明的内容' });
    await tx.query('UPDATE messages SET info_request = $2, updated_at = $3 WHERE id = $1', [id, q.slice(0, 1000), ctx.now]);
    await logMessageEvent(tx, actor, ctx.now, m, 'info_requested', { question: q });
    await notifyInfoRequested(tx, ctx.now, ctx.contact, m, q);
  });
}

export async function addInformation(db: DbOrTx, ctx: MessageContext, caseNo: string, queryCode: string, text: string) {
  return inTx(db, async (tx) => {
    const found = await getMessageByCaseNo(tx, caseNo);
    if (!found || found.query_code_hash !== hashCode(queryCode)) throw new ValidationError({ queryCode: '留言编号或查询码不对，请核对后重试' });
    await tx.query('SELECT 1 FROM messages WHERE id = $1 FOR UPDATE', [found.id]);
    const m = (await getMessage(tx, found.id))!;
    if (!m.info_request) throw new ConflictError('MESSAGE_INVALID_TRANSITION', '承办单位没有请您补充说明。');
    const t = text.trim();
    if (!t) throw new ValidationError({ addition: '请填写补充说明' });
    if (t.length > 5000) throw new ValidationError({ addition: '补充说明不超过5000个字' });
    await tx.query(`UPDATE messages SET info_request = '', updated_at = $2 WHERE id = $1`, [m.id, ctx.now]);
    await logMessageEvent(tx, anonymous, ctx.now, m, 'info_added', { question: m.info_request, text: t });
    await notifyOfficers(tx, ctx.now, m, m.unit_path, 'message.info_added');
  });
}
