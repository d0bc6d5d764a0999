/**
 * What the offices keep for messages: mailboxes (领导信箱, 部门信箱), the city's dispatch catalogue (派单目录), each
 * unit's reply periods per type and channel, whether its replies are reviewed, and its reply templates. Every change
 * is audited; nothing here touches a message already received.
 */
import { inTx, type DbOrTx, type Queryable } from '../../../lib/db.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { audit } from '../../../lib/audit.ts';
import { NotFoundError, ValidationError } from '../../../lib/errors.ts';
import { getUnit, listUnits } from '../../orgs/index.ts';
import { CATEGORIES, CHANNELS, isType } from '../rules.ts';

async function unitFor(tx: Queryable, actor: Actor, unitId: number, action: 'message.dispatch' | 'message.handle') {
  const unit = await getUnit(tx, unitId);
  if (!unit) throw new ValidationError({ unitId: '请选择单位' });
  authorize(actor, action, { unitPath: unit.path });
  return unit;
}

const record = (tx: Queryable, actor: Actor, action: string, unitId: number | null, details: Record<string, unknown>) =>
  audit(tx, actor, { action: `message_settings.${action}`, subjectType: 'message_settings', subjectId: unitId ?? 0, unitId, details });

export async function addMailbox(db: DbOrTx, actor: Actor, now: Date, input: { unitId: number; kind: string; name: string }) {
  return inTx(db, async (tx) => {
    const unit = await unitFor(tx, actor, input.unitId, 'message.dispatch');
    const errors: Record<string, string> = {};
    if (input.kind !== 'leader' && input.kind !== 'unit') errors.kind = '请选择信箱类别';
    const name = input.name.trim();
    if (!name) errors.name = '请填写信箱名称，如“市长信箱”';
    else if (name.length > 40) errors.name = '名称不超过40个字';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const r = await tx.query<{ id: number }>('INSERT INTO message_mailboxes (unit_id, kind, name, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [
      unit.id,
      input.kind,
      name,
      now,
    ]);
    await record(tx, actor, 'mailbox_added', unit.id, { id: r.rows[0].id, kind: input.kind, name });
  });
}

/** A mailbox is closed, never deleted: the messages written to it keep its name. */
export async function closeMailbox(db: DbOrTx, actor: Actor, id: number) {
  return inTx(db, async (tx) => {
    const b = (await tx.query<{ unit_id: number; name: string }>('SELECT unit_id, name FROM message_mailboxes WHERE id = $1', [id])).rows[0];
    if (!b) throw new NotFoundError('没有这个信箱。');
    await unitFor(tx, actor, b.unit_id, 'message.dispatch');
    await tx.query('UPDATE message_mailboxes SET active = false WHERE id = $1', [id]);
    await record(tx, actor, 'mailbox_closed', b.unit_id, { id, name: b.name });
  });
}

/** The dispatch catalogue is the city's: kept by the office of the top unit. An empty unit removes the entry. */
export async function setDispatch(db: DbOrTx, actor: Actor, now: Date, input: { category: string; area: string; unitId: number | null }) {
  return inTx(db, async (tx) => {
    const root = (await listUnits(tx)).find((u) => u.parent_id === null);
    authorize(actor, 'message.dispatch', { unitPath: root?.path ?? '/' });
    if (!(CATEGORIES as readonly string[]).includes(input.category)) throw new ValidationError({ category: '请选择领域' });
    const area = input.area.trim().slice(0, 100);
    if (!input.unitId) {
      await tx.query('DELETE FROM message_dispatch WHERE category = $1 AND area = $2', [input.category, area]);
      await record(tx, actor, 'dispatch_removed', null, { category: input.category, area });
      return;
    }
    const unit = await getUnit(tx, input.unitId);
    if (!unit) throw new ValidationError({ unitId: '请选择承办单位' });
    await tx.query(
      `INSERT INTO message_dispatch (category, area, unit_id, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (category, area) DO UPDATE SET unit_id = EXCLUDED.unit_id, updated_at = EXCLUDED.updated_at`,
      [input.category, area, unit.id, now],
    );
    await record(tx, actor, 'dispatch_set', unit.id, { category: input.category, area, unit: unit.name });
  });
}

/** A unit's reply period for a type (and channel); empty days go back to the default. */
export async function setClock(db: DbOrTx, actor: Actor, input: { unitId: number; type: string; channel: string; workingDays: number | null }) {
  return inTx(db, async (tx) => {
    const unit = await unitFor(tx, actor, input.unitId, 'message.dispatch');
    if (!isType(input.type)) throw new ValidationError({ type: '请选择留言类型' });
    if (input.channel && !(input.channel in CHANNELS)) throw new ValidationError({ channel: '请选择渠道' });
    if (input.workingDays === null) {
      await tx.query('DELETE FROM message_clock_settings WHERE unit_id = $1 AND type = $2 AND channel = $3', [unit.id, input.type, input.channel]);
    } else {
      if (!Number.isInteger(input.workingDays) || input.workingDays < 1 || input.workingDays > 90) throw new ValidationError({ workingDays: '答复期限为1到90个工作日' });
      await tx.query(
        `INSERT INTO message_clock_settings (unit_id, type, channel, working_days) VALUES ($1, $2, $3, $4)
         ON CONFLICT (unit_id, type, channel) DO UPDATE SET working_days = EXCLUDED.working_days`,
        [unit.id, input.type, input.channel, input.workingDays],
      );
    }
    await record(tx, actor, 'clock_set', unit.id, { type: input.type, channel: input.channel, workingDays: input.workingDays });
  });
}

export async function setReplyReview(db: DbOrTx, actor: Actor, now: Date, unitId: number, review: boolean) {
  return inTx(db, async (tx) => {
    const unit = await unitFor(tx, actor, unitId, 'message.dispatch');
    await tx.query(
      `INSERT INTO message_unit_settings (unit_id, reply_review, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (unit_id) DO UPDATE SET reply_review = EXCLUDED.reply_review, updated_at = EXCLUDED.updated_at`,
      [unit.id, review, now],
    );
    await record(tx, actor, 'reply_review_set', unit.id, { review });
  });
}

/** Adds a reply template, or replaces one (the old text stays in the audit log). */
export async function saveTemplate(db: DbOrTx, actor: Actor, now: Date, input: { id?: number; unitId: number; category: string; name: string; body: string }) {
  return inTx(db, async (tx) => {
    const unit = await unitFor(tx, actor, input.unitId, 'message.handle');
    const errors: Record<string, string> = {};
    if (input.category && !(CATEGORIES as readonly string[]).includes(input.category)) errors.category = '请选择领域';
    const name = input.name.trim();
    if (!name) errors.name = '请填写模板名称';
    const body = input.body.trim();
    if (!body) errors.body = '请填写模板内容';
    else if (body.length > 5000) errors.body = '模板不超过5000个字';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    if (input.id) {
      const old = (await tx.query<{ body: string }>('SELECT body FROM message_reply_templates WHERE id = $1 AND unit_id = $2', [input.id, unit.id])).rows[0];
      if (!old) throw new NotFoundError('没有这个模板。');
      await tx.query('UPDATE message_reply_templates SET category = $2, name = $3, body = $4, updated_at = $5 WHERE id = $1', [
        input.id,
        input.category,
        name.slice(0, 60),
        body,
        now,
      ]);
      await record(tx, actor, 'template_changed', unit.id, { id: input.id, name, before: old.body });
    } else {
      const r = await tx.query<{ id: number }>('INSERT INTO message_reply_templates (unit_id, category, name, body, updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
        unit.id,
        input.category,
        name.slice(0, 60),
        body,
        now,
      ]);
      await record(tx, actor, 'template_added', unit.id, { id: r.rows[0].id, name });
    }
  });
}

export async function retireTemplate(db: DbOrTx, actor: Actor, now: Date, id: number) {
  return inTx(db, async (tx) => {
    const t = (await tx.query<{ unit_id: number; name: string }>('SELECT unit_id, name FROM message_reply_templates WHERE id = $1', [id])).rows[0];
    if (!t) throw new NotFoundError('没有这个模板。');
    await unitFor(tx, actor, t.unit_id, 'message.handle');
    await tx.query('UPDATE message_reply_templates SET active = false, updated_at = $2 WHERE id = $1', [id, now]);
    await record(tx, actor, 'template_retired', t.unit_id, { id, name: t.name });
  });
}
