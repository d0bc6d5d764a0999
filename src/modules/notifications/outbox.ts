/**
 * The outbox (发送队列): a message is written in the transaction of the change it reports, so it exists exactly when
 * the change does, and a worker sends it afterwards. A worker claims a batch with a lease (FOR UPDATE SKIP LOCKED:
 * several nodes never claim the same row); a worker that dies mid-send leaves its lease to expire and another sends
 * the message. A failure is retried with growing delays; a refusal that cannot succeed (a 5xx reply, a number the SMS
 * provider rejects) ends the message as failed at once. Every message keeps its attempts, last error and the
 * provider's id, so the delivery record shows what was sent, how and when.
 */
import { inTx, type Db, type DbOrTx } from '../../lib/db.ts';

export interface OutboxLink {
  label: string;
  url: string;
}

export interface OutboxMessage {
  id: number;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
  sms_template: string;
  sms_params: Record<string, string>;
  links: OutboxLink[];
  purpose: string;
  subject_type: string;
  subject_id: string;
  attempts: number;
}

export interface EmailInput {
  to: string;
  subject: string;
  body: string;
  links?: OutboxLink[];
  purpose: string;
  subjectType?: string;
  subjectId?: string | number;
}

export interface SmsInput {
  to: string;
  /** The provider's approved template and its parameters; `body` is what the message says, for the record. */
  template: string;
  params: Record<string, string>;
  body: string;
  purpose: string;
  subjectType?: string;
  subjectId?: string | number;
}

/** A transport's answer: the provider's id for the message. Throws DeliveryError (or any error) when it fails. */
export type Transport = (m: OutboxMessage) => Promise<string>;
export interface Transports {
  email?: Transport;
  sms?: Transport;
}

/** A failure with its kind: `permanent` means sending again cannot help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    public readonly permanent: boolean,
  ) {
    super(message);
  }
}

export const MAX_ATTEMPTS = 8;
const DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 3600_000, 6 * 3600_000, 12 * 3600_000];

/** How long to wait after the n-th failed attempt (1 minute, 5, 15, 1 hour … 12 hours): about a day in all. */
export function retryDelayMs(attempts: number): number {
  return DELAYS_MS[Math.min(Math.max(attempts, 1), DELAYS_MS.length) - 1];
}

export async function enqueueEmail(db: DbOrTx, now: Date, m: EmailInput): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO outbox_messages (channel, recipient, subject, body, links, purpose, subject_type, subject_id, next_attempt_at, created_at)
     VALUES ('email', $1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id::int`,
    [m.to.trim(), m.subject, m.body, JSON.stringify(m.links ?? []), m.purpose, m.subjectType ?? '', String(m.subjectId ?? ''), now],
  );
  return r.rows[0].id;
}

export async function enqueueSms(db: DbOrTx, now: Date, m: SmsInput): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO outbox_messages (channel, recipient, body, sms_template, sms_params, purpose, subject_type, subject_id, next_attempt_at, created_at)
     VALUES ('sms', $1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id::int`,
    [m.to.trim(), m.body, m.template, JSON.stringify(m.params), m.purpose, m.subjectType ?? '', String(m.subjectId ?? ''), now],
  );
  return r.rows[0].id;
}

/**
 * Sends what is due. Returns how many were sent, retried later and failed for good. A channel without a transport
 * (no SMTP configured) leaves its messages waiting, unclaimed.
 */
export async function deliverDue(
  db: Db,
  transports: Transports,
  now: Date,
  opts: { batch?: number; leaseMs?: number } = {},
): Promise<{ sent: number; retried: number; failed: number }> {
  const channels = (['email', 'sms'] as const).filter((c) => transports[c]);
  const out = { sent: 0, retried: 0, failed: 0 };
  if (!channels.length) return out;
  const claimed = await inTx(db, async (tx) =>
    (
      await tx.query<OutboxMessage>(
        `UPDATE outbox_messages SET claimed_until = $2, attempts = attempts + 1
          WHERE id IN (SELECT id FROM outbox_messages
                        WHERE state = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1) AND channel = ANY($4::text[])
                        ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING id::int, channel, recipient, subject, body, sms_template, sms_params, links, purpose, subject_type, subject_id, attempts`,
        [now, new Date(now.getTime() + (opts.leaseMs ?? 120_000)), opts.batch ?? 20, channels],
      )
    ).rows.sort((a, b) => a.id - b.id),
  );
  for (const m of claimed) {
    try {
      const providerId = await transports[m.channel]!(m);
      await db.query(`UPDATE outbox_messages SET state = 'sent', sent_at = $2, provider_id = $3, claimed_until = NULL, last_error = '' WHERE id = $1`, [
        m.id,
        now,
        providerId.slice(0, 500),
      ]);
      out.sent++;
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
      const permanent = (err instanceof DeliveryError && err.permanent) || m.attempts >= MAX_ATTEMPTS;
      await db.query(`UPDATE outbox_messages SET state = $2, last_error = $3, claimed_until = NULL, next_attempt_at = $4 WHERE id = $1`, [
        m.id,
        permanent ? 'failed' : 'pending',
        message,
        new Date(now.getTime() + retryDelayMs(m.attempts)),
      ]);
      if (permanent) out.failed++;
      else out.retried++;
    }
  }
  return out;
}

/** One message on a subject's delivery record. */
export interface DeliveryRecord {
  id: number;
  channel: string;
  recipient: string;
  subject: string;
  purpose: string;
  state: string;
  attempts: number;
  last_error: string;
  created_at: Date;
  sent_at: Date | null;
}

/** The delivery record of one subject (a case, an item): every message, newest first. */
export async function messagesAbout(db: DbOrTx, subjectType: string, subjectId: string | number): Promise<DeliveryRecord[]> {
  return (
    await db.query<DeliveryRecord>(
      `SELECT id::int, channel, recipient, subject, purpose, state, attempts, last_error, created_at, sent_at
         FROM outbox_messages WHERE subject_type = $1 AND subject_id = $2 ORDER BY id DESC`,
      [subjectType, String(subjectId)],
    )
  ).rows;
}
