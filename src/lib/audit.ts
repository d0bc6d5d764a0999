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
