/** Reads of messages: one by id or case number, a unit's inbox, the public archive, the event log. */
import type { Queryable } from '../../lib/db.ts';
import type { Channel, MessageState, MessageType } from './rules.ts';

export interface MessageRow {
  id: number;
  case_no: string;
  query_code_hash: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  unit_code: string;
  unit_slug: string;
  /** The mailbox written to (市长信箱), if any. */
  mailbox_name: string | null;
  type: MessageType;
  channel: Channel;
  category: string;
  area: string;
  title: string;
  body: string;
  writer_name: string;
  contact: string;
  consent_publish: boolean;
  received_on: string;
  due_on: string;
  extended: boolean;
  extend_reason: string;
  reply_working_days: number | null;
  source_token_id: number | null;
  work_order_no: string | null;
  created_at: Date;
  updated_at: Date;
  state: MessageState;
  transfer_to: number | null;
  transfer_to_name: string | null;
  transfer_to_path: string | null;
  transfer_reason: string;
  transfer_due_on: string | null;
  merged_into: number | null;
  reply: string;
  review_note: string;
  info_request: string;
  replied_on: string | null;
  public_title: string;
  public_body: string;
  public_reply: string;
  published_at: Date | null;
}

const SELECT = `SELECT m.id::int, m.case_no, m.query_code_hash, m.unit_id, u.name AS unit_name, u.path AS unit_path, u.code AS unit_code, u.slug AS unit_slug, mb.name AS mailbox_name, m.type, m.channel, m.category, m.area,
       m.title, m.body, m.writer_name, m.contact, m.consent_publish, m.received_on::text, m.due_on::text, m.extended, m.extend_reason, m.reply_working_days,
       m.source_token_id, m.work_order_no, m.created_at, m.updated_at, m.state, m.transfer_to,
       t.name AS transfer_to_name, t.path AS transfer_to_path, m.transfer_reason, m.transfer_due_on::text, m.merged_into::int, m.reply, m.review_note, m.info_request, m.replied_on::text,
       m.public_title, m.public_body, m.public_reply, m.published_at
  FROM messages m JOIN units u ON u.id = m.unit_id LEFT JOIN units t ON t.id = m.transfer_to LEFT JOIN message_mailboxes mb ON mb.id = m.mailbox_id`;

export async function getMessage(q: Queryable, id: number, lock = false): Promise<MessageRow | undefined> {
  if (lock) await q.query('SELECT 1 FROM messages WHERE id = $1 FOR UPDATE', [id]);
  return (await q.query<MessageRow>(`${SELECT} WHERE m.id = $1`, [id])).rows[0];
}

export async function getMessageByCaseNo(q: Queryable, caseNo: string): Promise<MessageRow | undefined> {
  return (await q.query<MessageRow>(`${SELECT} WHERE m.case_no = $1`, [caseNo.trim().toUpperCase()])).rows[0];
}

/** A unit's inbox: messages it owns, and those another unit names it competent for (to accept or refuse). */
export async function inbox(q: Queryable, paths: string[]): Promise<MessageRow[]> {
  if (!paths.length) return [];
  const like = paths.map((p) => `${p}%`);
  return (await q.query<MessageRow>(`${SELECT} WHERE u.path LIKE ANY($1) OR t.path LIKE ANY($1) ORDER BY m.due_on, m.id LIMIT 1000`, [like])).rows;
}

export interface ArchiveFilter {
  unitId?: number;
  category?: string;
  type?: string;
  /** Only these messages, in this order (a keyword search's answer). */
  ids?: number[];
}

/** A page of the public archive, newest first (or in the keyword search's order), and whether more follow. */
export async function publicArchive(q: Queryable, f: ArchiveFilter = {}, limit = 20, offset = 0): Promise<{ rows: MessageRow[]; more: boolean }> {
  const rows = (
    await q.query<MessageRow>(
      `${SELECT} WHERE m.published_at IS NOT NULL AND ($1::int IS NULL OR m.unit_id = $1) AND ($2::text IS NULL OR m.category = $2) AND ($3::text IS NULL OR m.type = $3)
         AND ($4::bigint[] IS NULL OR m.id = ANY($4))
       ORDER BY ${f.ids ? 'array_position($4, m.id)' : 'm.published_at DESC, m.id DESC'} LIMIT $5 OFFSET $6`,
      [f.unitId ?? null, f.category || null, f.type || null, f.ids ?? null, limit + 1, offset],
    )
  ).rows;
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * Messages a token filed or its units own, changed after a point (updated_at, id): the feed through which a 12345
 * system takes back transfers and replies.
 */
export async function messagesChangedSince(q: Queryable, who: { tokenId: number; unitPath: string }, after: { at: Date; id: number }, limit: number): Promise<MessageRow[]> {
  return (
    await q.query<MessageRow>(
      `${SELECT} WHERE (m.source_token_id = $1 OR u.path LIKE $2) AND (m.updated_at, m.id) > ($3::timestamptz, $4::bigint) ORDER BY m.updated_at, m.id LIMIT $5`,
      [who.tokenId, `${who.unitPath}%`, after.at, after.id, limit],
    )
  ).rows;
}

export interface ServiceRequestFilter {
  caseNos?: string[];
  type?: string;
  /** Closed or open, as Open311 counts them. */
  open?: boolean;
  from: string;
  to: string;
  /** A token sees what it filed or its units own, published or not; without one, only the published archive. */
  who?: { tokenId: number; unitPath: string };
  limit: number;
}

/** Messages as Open311 lists them: received in [from, to], newest first. */
export async function serviceRequests(q: Queryable, f: ServiceRequestFilter): Promise<MessageRow[]> {
  return (
    await q.query<MessageRow>(
      `${SELECT} WHERE m.received_on BETWEEN $1 AND $2 AND ($3::text[] IS NULL OR m.case_no = ANY($3)) AND ($4::text IS NULL OR m.type = $4)
         AND ($5::boolean IS NULL OR (m.state IN ('open', 'reviewing', 'transferring', 'disputed')) = $5)
         AND (m.published_at IS NOT NULL OR m.source_token_id = $6 OR ($7::text IS NOT NULL AND u.path LIKE $7))
       ORDER BY m.received_on DESC, m.id DESC LIMIT $8`,
      [f.from, f.to, f.caseNos ?? null, f.type ?? null, f.open ?? null, f.who?.tokenId ?? 0, f.who ? `${f.who.unitPath}%` : null, f.limit],
    )
  ).rows;
}

export async function messageEvents(q: Queryable, id: number): Promise<{ kind: string; at: Date; actor_label: string; details: Record<string, unknown> }[]> {
  return (
    await q.query<{ kind: string; at: Date; actor_label: string; details: Record<string, unknown> }>(
      'SELECT kind, at, actor_label, details FROM message_events WHERE message_id = $1 ORDER BY id',
      [id],
    )
  ).rows;
}

export async function dispatchCatalogue(q: Queryable) {
  return (await q.query<{ category: string; area: string; unit_id: number }>('SELECT category, area, unit_id FROM message_dispatch ORDER BY category, area')).rows;
}

export async function clockSettings(q: Queryable, unitId: number) {
  return (await q.query<{ type: string; channel: string; working_days: number }>('SELECT type, channel, working_days FROM message_clock_settings WHERE unit_id = $1', [unitId]))
    .rows;
}

export interface RatingRow {
  level: number;
  tags: string[];
  comment: string;
  rated_at: Date;
  rectify_due_on: string | null;
  rectified_on: string | null;
  rectification: string;
  callback_result: string;
}

export async function messageRating(q: Queryable, id: number): Promise<RatingRow | undefined> {
  return (
    await q.query<RatingRow>(
      'SELECT level, tags, comment, rated_at, rectify_due_on::text, rectified_on::text, rectification, callback_result FROM message_ratings WHERE message_id = $1',
      [id],
    )
  ).rows[0];
}

/** A unit's messages for supervision: due dates, replies and open rectifications. */
export async function supervisionRecords(q: Queryable, unitId: number) {
  return (
    await q.query<{
      id: number;
      case_no: string;
      title: string;
      state: string;
      received_on: string;
      due_on: string;
      replied_on: string | null;
      rectify_due_on: string | null;
      rectified_on: string | null;
    }>(
      `SELECT m.id::int, m.case_no, m.title, m.state, m.received_on::text, m.due_on::text, m.replied_on::text, r.rectify_due_on::text, r.rectified_on::text
         FROM messages m LEFT JOIN message_ratings r ON r.message_id = m.id
        WHERE m.unit_id = $1 AND m.state IN ('open', 'reviewing', 'transferring', 'disputed', 'replied') ORDER BY m.id`,
      [unitId],
    )
  ).rows;
}

export async function unitSettings(q: Queryable, unitId: number): Promise<{ reply_review: boolean }> {
  return (await q.query<{ reply_review: boolean }>('SELECT reply_review FROM message_unit_settings WHERE unit_id = $1', [unitId])).rows[0] ?? { reply_review: false };
}

export interface TemplateRow {
  id: number;
  unit_id: number;
  category: string;
  name: string;
  body: string;
}

/** A unit's active reply templates; with a category, those for it and those for any category. */
export async function replyTemplates(q: Queryable, unitId: number, category?: string): Promise<TemplateRow[]> {
  return (
    await q.query<TemplateRow>(
      `SELECT id, unit_id, category, name, body FROM message_reply_templates WHERE unit_id = $1 AND active AND ($2::text IS NULL OR category IN ('', $2)) ORDER BY category, name, id`,
      [unitId, category ?? null],
    )
  ).rows;
}

export async function mailboxes(q: Queryable, activeOnly = true) {
  return (
    await q.query<{ id: number; unit_id: number; unit_name: string; kind: 'leader' | 'unit'; name: string; active: boolean }>(
      `SELECT b.id, b.unit_id, u.name AS unit_name, b.kind, b.name, b.active FROM message_mailboxes b JOIN units u ON u.id = b.unit_id
        WHERE ($1::boolean = false OR b.active) ORDER BY b.kind, u.path, b.id`,
      [activeOnly],
    )
  ).rows;
}
