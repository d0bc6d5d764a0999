/** Writes one workflow event (the item's own log) and the matching audit entry, in the caller's transaction. */
import type { Queryable } from '../../lib/db.ts';
import { actorLabel, actorUserId, type Actor } from '../../lib/authz.ts';
import { audit } from '../../lib/audit.ts';

export async function recordEvent(
  tx: Queryable,
  actor: Actor,
  e: {
    at: Date;
    itemId: number;
    unitId: number;
    versionId: number | null;
    type: string;
    from?: string | null;
    to?: string | null;
    remarks?: string;
    payload?: Record<string, unknown>;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO item_events (item_id, version_id, type, from_state, to_state, actor_user_id, actor_label, remarks, payload, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [e.itemId, e.versionId, e.type, e.from ?? null, e.to ?? null, actorUserId(actor), actorLabel(actor), e.remarks ?? '', JSON.stringify(e.payload ?? {}), e.at],
  );
  await audit(tx, actor, {
    at: e.at,
    action: `item.${e.type}`,
    subjectType: 'information_item',
    subjectId: e.itemId,
    unitId: e.unitId,
    details: { versionId: e.versionId, from: e.from, to: e.to, ...(e.payload ?? {}) },
  });
}
