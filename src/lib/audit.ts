/** Writes to the append-only audit log. Called inside the same transaction as the change it records. */
import type { Queryable } from './db.ts';
import { actorLabel, actorUserId, type Actor } from './authz.ts';

export interface AuditEntry {
  /** When it happened by the app's clock; the database's now() otherwise. */
  at?: Date;
  action: string;
  subjectType: string;
  subjectId: string | number;
  unitId?: number | null;
  ip?: string;
  details?: Record<string, unknown>;
}

export async function audit(q: Queryable, actor: Actor, e: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (actor_user_id, actor_label, action, subject_type, subject_id, unit_id, ip, details, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9, now()))`,
    [actorUserId(actor), actorLabel(actor), e.action, e.subjectType, String(e.subjectId), e.unitId ?? null, e.ip ?? '', JSON.stringify(e.details ?? {}), e.at ?? null],
  );
}

/** Where a record type keeps its event log: its own table and key column, and its name in the audit log. */
export interface EventLog {
  table: string;
  column: string;
  /** `subject_type` in the audit log, and the prefix of its actions (`consultation.published`). */
  subjectType: string;
  actionPrefix: string;
}

/**
 * One entry of a record's event log (state machines of one shape: kind, time, actor, details) and the same in the
 * audit log, in the caller's transaction. The table is the owning module's; only the module passes its own.
 */
export async function logRecordEvent(
  q: Queryable,
  log: EventLog,
  actor: Actor,
  now: Date,
  subject: { id: number; unit_id: number },
  kind: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await q.query(`INSERT INTO ${log.table} (${log.column}, kind, at, actor_user_id, actor_label, details) VALUES ($1, $2, $3, $4, $5, $6)`, [
    subject.id,
    kind,
    now,
    actorUserId(actor),
    actorLabel(actor),
    JSON.stringify(details),
  ]);
  await audit(q, actor, { at: now, action: `${log.actionPrefix}.${kind}`, subjectType: log.subjectType, subjectId: subject.id, unitId: subject.unit_id, details });
}

/** A record's event log, oldest first, as `logRecordEvent` wrote it (the log names its own table). */
export async function recordEvents(q: Queryable, log: EventLog, id: number) {
  return (
    await q.query<{ kind: string; at: Date; actor_label: string; details: Record<string, unknown> }>(
      `SELECT kind, at, actor_label, details FROM ${log.table} WHERE ${log.column} = $1 ORDER BY id`,
      [id],
    )
  ).rows;
}
