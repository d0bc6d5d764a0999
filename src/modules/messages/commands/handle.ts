/**
 * A message's life: received (online by the writer, or registered by staff), owned by the first unit to receive it,
 * transferred only to a named competent unit that accepts within a working day (else the office decides), merged into
 * an earlier message on the same matter, answered, published in the archive after review, or withdrawn by the writer.
 */
import { inTx, type DbOrTx, type Queryable } from '../../../lib/db.ts';
import { actorUserId, anonymous, authorize, type Actor } from '../../../lib/authz.ts';
import { logRecordEvent, type EventLog } from '../../../lib/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../lib/errors.ts';
import { isValidDate, type WorkingDayCalendar } from '../../../lib/calendar.ts';
import { hashCode, newQueryCode } from '../../../lib/queryCode.ts';
import { getUnit } from '../../orgs/index.ts';
import type { ContactSettings } from '../../notifications/index.ts';
import { notifyExtended, notifyMerged, notifyNewOwner, notifyOfficers, notifyReceived, notifyReplied } from '../notify.ts';
import { detectPersonalData, maskInText } from '../../publishing/index.ts';
import { clockSettings, dispatchCatalogue, getMessage, getMessageByCaseNo, unitSettings, type MessageRow } from '../queries.ts';
import { assertTransfer, dispatchUnit, dueOn, isChannel, isType, replyWorkingDays, STATE_LABELS, TRANSFER_WORKING_DAYS, type Channel, type MessageType } from '../rules.ts';

export interface MessageContext {
  now: Date;
  today: string;
  calendar: WorkingDayCalendar;
  /** How the writer is reached: e-mail always, SMS where configured (src/config.ts); absent in some tests. */
  contact?: ContactSettings;
}

const MESSAGE_LOG: EventLog = { table: 'message_events', column: 'message_id', subjectType: 'message', actionPrefix: 'message' };

/** One entry of the message's event log, and the same in the audit log. */
export function logMessageEvent(tx: Queryable, actor: Actor, now: Date, m: { id: number; unit_id: number }, kind: string, details: Record<string, unknown> = {}) {
  return logRecordEvent(tx, MESSAGE_LOG, actor, now, m, kind, details);
}

async function lockMessage(tx: Queryable, id: number): Promise<MessageRow> {
  const m = await getMessage(tx, id, true);
  if (!m) throw new NotFoundError('没有这条留言。');
  return m;
}

async function dueFor(tx: Queryable, ctx: MessageContext, unitId: number, type: MessageType, channel: Channel, from: string): Promise<string> {
  return dueOn(from, replyWorkingDays(type, channel, await clockSettings(tx, unitId)), ctx.calendar);
}

export interface MessageInput {
  unitId: number;
  /** A leader's or a unit's mailbox written to: its unit receives the message. */
  mailboxId?: number;
  type: string;
  category: string;
  area: string;
  title: string;
  body: string;
  writerName: string;
  contact: string;
  consentPublish: boolean;
}

function checked(input: MessageInput) {
  const errors: Record<string, string> = {};
  if (!isType(input.type)) errors.type = '请选择留言类型';
  const title = input.title.trim();
  if (!title) errors.title = '请填写标题';
  else if (title.length > 100) errors.title = '标题不超过100个字';
  const body = input.body.trim();
  if (!body) errors.body = '请填写留言内容';
  else if (body.length > 5000) errors.body = '留言内容不超过5000个字';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { title, body };
}

/**
 * A new message: owned by the unit written to, or the one the dispatch catalogue names for its category and area,
 * with a case number and a query code (shown once; only its hash is kept) and its due date.
 */
export async function receiveMessage(
  db: DbOrTx,
  actor: Actor,
  ctx: MessageContext,
  input: MessageInput & { channel?: string; receivedOn?: string; workOrderNo?: string },
): Promise<{ id: number; caseNo: string; queryCode: string; created: boolean }> {
  const v = checked(input);
  const channel = input.channel ?? 'website';
  if (!isChannel(channel)) throw new ValidationError({ channel: '请选择收到留言的渠道' });
  const receivedOn = input.receivedOn || ctx.today;
  if (!isValidDate(receivedOn) || receivedOn > ctx.today) throw new ValidationError({ receivedOn: '请填写收到日期（不晚于今天）' });
  return inTx(db, async (tx) => {
    if (input.workOrderNo) {
      // 12345 work orders arrive again on retries: the same number is the same message.
      const same = (await tx.query<{ id: number; case_no: string }>('SELECT id::int, case_no FROM messages WHERE work_order_no = $1', [input.workOrderNo])).rows[0];
      if (same) return { id: same.id, caseNo: same.case_no, queryCode: '', created: false };
    }
    let written = input.unitId;
    if (input.mailboxId) {
      const box = (await tx.query<{ unit_id: number }>('SELECT unit_id FROM message_mailboxes WHERE id = $1 AND active', [input.mailboxId])).rows[0];
      if (!box) throw new ValidationError({ unitId: '这个信箱已关闭，请另选' });
      written = box.unit_id;
    }
    if (actor.kind === 'api' || actor.kind === 'user') {
      // Staff and a unit's systems file into their own units (the one written to); the dispatch catalogue may then
      // route the message anywhere, like one a citizen wrote.
      const asked = await getUnit(tx, written);
      if (!asked) throw new ValidationError({ unitId: '请选择留言的单位' });
      authorize(actor, 'message.handle', { unitPath: asked.path });
    }
    const routed = dispatchUnit(await dispatchCatalogue(tx), input.category.trim(), input.area.trim());
    const unit = await getUnit(tx, routed ?? written);
    if (!unit) throw new ValidationError({ unitId: '请选择留言的单位' });
    const year = Number(receivedOn.slice(0, 4));
    const n = (
      await tx.query<{ last: number }>(
        'INSERT INTO message_counters (year, last) VALUES ($1, 1) ON CONFLICT (year) DO UPDATE SET last = message_counters.last + 1 RETURNING last',
        [year],
      )
    ).rows[0].last;
    const caseNo = `LY${year}${String(n).padStart(6, '0')}`;
    const queryCode = newQueryCode();
    const type = input.type as MessageType;
    const due = await dueFor(tx, ctx, unit.id, type, channel, receivedOn);
    const r = await tx.query<{ id: number }>(
      `INSERT INTO messages (case_no, query_code_hash, mailbox_id, unit_id, type, channel, category, area, title, body, writer_name, contact, consent_publish, work_order_no,
                             received_on, due_on, state, created_by, source_token_id, created_at, updated_at)
       VALUES ($1, $2, $19, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'open', $16, $18, $17, $17) RETURNING id::int`,
      [
        caseNo,
        hashCode(queryCode),
        unit.id,
        type,
        channel,
        input.category.trim(),
        input.area.trim(),
        v.title,
        v.body,
        input.writerName.trim().slice(0, 100),
        input.contact.trim().slice(0, 200),
        input.consentPublish,
        input.workOrderNo || null,
        receivedOn,
        due,
        actorUserId(actor),
        ctx.now,
        actor.kind === 'api' ? actor.tokenId : null,
        input.mailboxId ?? null,
      ],
    );
    const id = r.rows[0].id;
    await logMessageEvent(tx, actor, ctx.now, { id, unit_id: unit.id }, 'received', { channel, dueOn: due, routed: routed !== null });
    const contact = input.contact.trim().slice(0, 200);
    await notifyReceived(tx, ctx.now, ctx.contact, { id, case_no: caseNo, contact, unit_name: unit.name, due_on: due }, queryCode);
    await notifyOfficers(tx, ctx.now, { id, case_no: caseNo, title: v.title }, unit.path, 'message.received', actorUserId(actor));
    return { id: r.rows[0].id, caseNo, queryCode, created: true };
  });
}

/** "Not ours": the owner names the competent unit and why; that unit accepts or refuses within a working day. */
export async function requestTransfer(db: DbOrTx, actor: Actor, ctx: MessageContext, id: number, toUnitId: number, reason: string) {
  return inTx(db, async (tx) => {
    const m = await lockMessage(tx, id);
    authorize(actor, 'message.handle', { unitPath: m.unit_path });
    const to = toUnitId ? await getUnit(tx, toUnitId) : undefined;
    assertTransfer(m.state, m.unit_id, to?.id ?? null, reason);
    const by = ctx.calendar.addWorkingDays(ctx.today, TRANSFER_WORKING_DAYS).date;
    await tx.query(`UPDATE messages SET state = 'transferring', transfer_to = $2, transfer_reason = $3, transfer_due_on = $4, updated_at = $5 WHERE id = $1`, [
      id,
      to!.id,
      reason.trim().slice(0, 1000),
      by,
      ctx.now,
    ]);
    await logMessageEvent(tx, actor, ctx.now, m, 'transfer_requested', { toUnitId: to!.id, toUnit: to!.name, reason: reason.trim(), by });
    await notifyOfficers(tx, ctx.now, m, to!.path, 'message.transfer');
  });
}

/**
 * The named unit decides: accepting makes it the owner with a new clock from today (it learns of the message only
 * now); refusing sends the message to the office to decide. The first unit owns it until then.
 */
export async function decideTransfer(db: DbOrTx, actor: Actor, ctx: MessageContext, id: number, accept: boolean, reason: string) {
  return inTx(db, async (tx) => {
    const m = await lockMessage(tx, id);
    if (m.state !== 'transferring' || !m.transfer_to_path) throw new ConflictError('MESSAGE_INVALID_TRANSITION', '这条留言没有待决定的转办。');
    authorize(actor, 'message.handle', { unitPath: m.transfer_to_path });
    if (!accept && !reason.trim()) throw new ValidationError({ refuseReason: '请说明不接收的理由，由政务公开办协调' });
    if (accept) {
      const due = await dueFor(tx, ctx, m.transfer_to!, m.type, m.channel, ctx.today);
      await tx.query(`UPDATE messages SET unit_id = transfer_to, state = 'open', due_on = $2, transfer_to = NULL, transfer_due_on = NULL, updated_at = $3 WHERE id = $1`, [
        id,
        due,
        ctx.now,
      ]);
      await logMessageEvent(tx, actor, ctx.now, { id, unit_id: m.transfer_to! }, 'transfer_accepted', { fromUnitId: m.unit_id, toUnit: m.transfer_to_name, dueOn: due });
      await notifyNewOwner(tx, ctx.now, ctx.contact, m, m.transfer_to_name!, due);
    } else {
      await tx.query(`UPDATE messages SET state = 'disputed', updated_at = $2 WHERE id = $1`, [id, ctx.now]);
      await logMessageEvent(tx, actor, ctx.now, m, 'transfer_refused', { toUnitId: m.transfer_to, reason: reason.trim() });
      await notifyOfficers(tx, ctx.now, m, m.unit_path, 'message.dispute');
    }
  });
}

/** A refused or undecided transfer: the office names the owner, which gets a new clock from today. */
export async function resolveDispute(db: DbOrTx, actor: Actor, ctx: MessageContext, id: number, unitId: number) {
  return inTx(db, async (tx) => {
    const m = await lockMessage(tx, id);
    const late = m.state === 'transferring' && m.transfer_due_on !== null && ctx.today > m.transfer_due_on;
    if (m.state !== 'disputed' && !late) throw new ConflictError('MESSAGE_INVALID_TRANSITION', '只有有争议或逾期未决定的转办由政务公开办协调。');
    const unit = await getUnit(tx, unitId);
    if (!unit) throw new ValidationError({ unitId: '请选择承办单位' });
    // The office above both units decides (the city's for two city departments), not either of the two.
    authorize(actor, 'message.dispatch', { unitPath: m.unit_path });
    authorize(actor, 'message.dispatch', { unitPath: unit.path });
    if (m.transfer_to_path) authorize(actor, 'message.dispatch', { unitPath: m.transfer_to_path });
    const due = await dueFor(tx, ctx, unit.id, m.type, m.channel, ctx.today);
    await tx.query(`UPDATE messages SET unit_id = $2, state = 'open', due_on = $3, transfer_to = NULL, transfer_due_on = NULL, updated_at = $4 WHERE id = $1`, [
      id,
      unit.id,
      due,
      ctx.now,
    ]);
    await logMessageEvent(tx, actor, ctx.now, { id, unit_id: unit.id }, 'dispute_resolved', { unitId: unit.id, unit: unit.name, dueOn: due });
    await notifyNewOwner(tx, ctx.now, ctx.contact, m, unit.name, due);
    await notifyOfficers(tx, ctx.now, m, unit.path, 'message.received', actorUserId(actor));
  });
}

/** The answer reaches the writer: the message is replied, merged ones with it, and their writers are told. */
async function sendReply(tx: Queryable, ctx: MessageContext, m: MessageRow, text: string) {
  const days = ctx.calendar.workingDaysBetween(m.received_on, ctx.today).days;
  await tx.query(`UPDATE messages SET state = 'replied', reply = $2, replied_on = $3, reply_working_days = $5, review_note = '', updated_at = $4 WHERE id = $1`, [
    m.id,
    text,
    ctx.today,
    ctx.now,
    days,
  ]);
  // Messages merged into this one get the same answer.
  await tx.query(`UPDATE messages SET reply = $2, replied_on = $3, updated_at = $4 WHERE merged_into = $1`, [m.id, text, ctx.today, ctx.now]);
  const merged = (await tx.query<{ id: number; case_no: string; contact: string }>('SELECT id::int, case_no, contact FROM messages WHERE merged_into = $1', [m.id])).rows;
  for (const w of [m, ...merged]) await notifyReplied(tx, ctx.now, ctx.contact, w, m.unit_name);
}

/** The unit's answer: sent at once, or, where the unit reviews replies, held for its reviewer (答复审核). */
export async function replyMessage(db: DbOrTx, actor: Actor, ctx: MessageContext, id: number, reply: string) {
  return inTx(db, async (tx) => {
    const m = await lockMessage(tx, id);
    authorize(actor, 'message.handle', { unitPath: m.unit_path });
    if (m.state !== 'open') throw new ConflictError('MESSAGE_INVALID_TRANSITION', `留言${STATE_LABELS[m.state]}，不能答复。`);
    const text = reply.trim();
    if (!text) throw new ValidationError({ reply: '请填写答复内容' });
    if (text.length > 10_000) throw new ValidationError({ reply: '答复不超过10000个字' });
    // A unit's own system answering through the API has reviewed in that system.
    if (actor.kind === 'user' && (await unitSettings(tx, m.unit_id)).reply_review) {
      await tx.query(`UPDATE messages SET state = 'reviewing', reply = $2, updated_at = $3 WHERE id = $1`, [id, text, ctx.now]);
      await logMessageEvent(tx, actor, ctx.now, m, 'reply_submitted');
      await notifyOfficers(tx, ctx.now, m, m.unit_path, 'message.review', actorUserId(actor));
      return { sent: false };
    }
    await sendReply(tx, ctx, m, text);
    await logMessageEvent(tx, actor, ctx.now, m, 'replied', { onTime: ctx.today <= m.due_on });
    return { sent: true };
  });
}

/** The reviewer sends the reply (possibly edited), or returns it to the officer with a note. */
export async function reviewReply(db: DbOrTx, actor: Actor, ctx: MessageContext, id: number, input: { approve: boolean; reply: string; note: string }) {
  return inTx(db, async (tx) => {
    const m = await lockMessage(tx, id);
    authorize(actor, 'message.review', { unitPath: m.unit_path });
    if (m.state !== 'reviewing') throw new ConflictError('MESSAGE_INVALID_TRANSITION', '这条留言没有待审核的答复。');
    const author = (
      await tx.query<{ actor_user_id: number | null }>(`SELECT actor_user_id FROM message_events WHERE message_id = $1 AND kind = 'reply_submitted' ORDER BY id DESC LIMIT 1`, [id])
    ).rows[0];
    if (author?.actor_user_id && author.actor_user_id === actorUserId(actor)) throw new ConflictError('MESSAGE_SELF_REVIEW', '答复须由起草人以外的人审核。');
    if (input.approve) {
      const text = (input.reply || m.reply).trim();
      if (!text) throw new ValidationError({ reply: '请填写答复内容' });
      await sendReply(tx, ctx, m, text.slice(0, 10_000));
      await logMessageEvent(tx, actor, ctx.now, m, 'replied', { onTime: ctx.today <= m.due_on, reviewed: true, edited: text !== m.reply });
    } else {
      if (!input.note.trim()) throw new ValidationError({ note: '请写明退回修改的意见' });
      await tx.query(`UPDATE messages SET state = 'open', review_note = $2, updated_at = $3 WHERE id = $1`, [id, input.note.trim().slice(0, 1000), ctx.now]);
      await logMessageEvent(tx, actor, ctx.now, m, 'reply_returned', { note: input.note.trim() });
    }
  });
}

/**
 * One extension of the reply period, with a reason the writer sees (issue 13: "one extension with a reason"); the
 * new due date counts the unit's working days again from the old one.
 */
export async function extendMessage(db: DbOrTx, actor: Actor, ctx: MessageContext, id: number, reason: string) {
  return inTx(db, async (tx) => {
    const m = await lockMessage(tx, id);
    authorize(actor, 'message.handle', { unitPath: m.unit_path });
    if (m.state !== 'open') throw new ConflictError('MESSAGE_INVALID_TRANSITION', `留言${STATE_LABELS[m.state]}，不能延期。`);
    if (m.extended) throw new ConflictError('MESSAGE_ALREADY_EXTENDED', '答复期限只能延长一次。');
    if (!reason.trim()) throw new ValidationError({ extendReason: '请说明延期的理由，留言人会看到' });
    const due = await dueFor(tx, ctx, m.unit_id, m.type, m.channel, m.due_on);
    await tx.query('UPDATE messages SET extended = true, extend_reason = $2, due_on = $3, updated_at = $4 WHERE id = $1', [id, reason.trim().slice(0, 500), due, ctx.now]);
    await logMessageEvent(tx, actor, ctx.now, m, 'extended', { from: m.due_on, to: due, reason: reason.trim() });
    await notifyExtended(tx, ctx.now, ctx.contact, m, due, reason.trim());
  });
}

/** A repeated message on the same matter joins the earlier one (并单); its writer is told the case that answers it. */
export async function mergeMessage(db: DbOrTx, actor: Actor, ctx: MessageContext, id: number, intoCaseNo: string) {
  return inTx(db, async (tx) => {
    const m = await lockMessage(tx, id);
    authorize(actor, 'message.handle', { unitPath: m.unit_path });
    const into = await getMessageByCaseNo(tx, intoCaseNo);
    if (!into || into.id === m.id) throw new ValidationError({ intoCaseNo: '请填写另一条留言的编号' });
    authorize(actor, 'message.handle', { unitPath: into.unit_path });
    if (m.state !== 'open' || into.state === 'merged' || into.state === 'withdrawn') throw new ConflictError('MESSAGE_INVALID_TRANSITION', '只能把办理中的留言并入有效的留言。');
    await tx.query(`UPDATE messages SET state = 'merged', merged_into = $2, reply = $3, replied_on = $4, updated_at = $5 WHERE id = $1`, [
      id,
      into.id,
      into.reply,
      into.replied_on,
      ctx.now,
    ]);
    await logMessageEvent(tx, actor, ctx.now, m, 'merged', { into: into.case_no });
    await notifyMerged(tx, ctx.now, ctx.contact, m, into.case_no);
  });
}

/** The writer withdraws with the case number and query code, while it is not yet answered. */
export async function withdrawMessage(db: DbOrTx, ctx: MessageContext, caseNo: string, queryCode: string) {
  return inTx(db, async (tx) => {
    const found = await getMessageByCaseNo(tx, caseNo);
    if (!found || found.query_code_hash !== hashCode(queryCode)) throw new NotFoundError('留言编号或查询码不对。');
    const m = await lockMessage(tx, found.id);
    if (m.state === 'replied' || m.state === 'merged' || m.state === 'withdrawn') throw new ConflictError('MESSAGE_INVALID_TRANSITION', `留言${STATE_LABELS[m.state]}，不能撤回。`);
    await tx.query(`UPDATE messages SET state = 'withdrawn', updated_at = $2 WHERE id = $1`, [m.id, ctx.now]);
    await logMessageEvent(tx, anonymous, ctx.now, m, 'withdrawn');
  });
}

/**
 * Publishes an answered message in the archive, only where the writer agreed, with the text as reviewed by staff and
 * any personal data the detector still finds masked. Never the writer's name or contact.
 */
export async function publishMessage(db: DbOrTx, actor: Actor, ctx: MessageContext, id: number, input: { publicTitle: string; publicBody: string; publicReply: string }) {
  return inTx(db, async (tx) => {
    const m = await lockMessage(tx, id);
    authorize(actor, 'message.handle', { unitPath: m.unit_path });
    if (m.state !== 'replied') throw new ConflictError('MESSAGE_INVALID_TRANSITION', '答复后才能公开。');
    if (!m.consent_publish) throw new ConflictError('MESSAGE_INVALID_TRANSITION', '留言人没有同意公开，不能公开。');
    const mask = (t: string) => maskInText(t.trim(), detectPersonalData(t));
    const title = mask(input.publicTitle || m.title);
    const body = mask(input.publicBody || m.body);
    const reply = mask(input.publicReply || m.reply);
    await tx.query('UPDATE messages SET public_title = $2, public_body = $3, public_reply = $4, published_at = $5, updated_at = $5 WHERE id = $1', [
      id,
      title,
      body,
      reply,
      ctx.now,
    ]);
    await logMessageEvent(tx, actor, ctx.now, m, 'published');
  });
}
