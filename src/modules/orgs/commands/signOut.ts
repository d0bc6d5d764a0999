import { inTx, type DbOrTx } from '../../../lib/db.ts';
import type { Actor } from '../../../lib/authz.ts';
import { audit } from '../../../lib/audit.ts';

/** Ends this session, or with everywhere=true every session of the user (e.g. after a lost phone). */
export async function signOut(db: DbOrTx, actor: Actor, now: Date, everywhere = false): Promise<number> {
  if (actor.kind !== 'user') return 0;
  return inTx(db, async (tx) => {
    const r = everywhere
      ? await tx.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [actor.id, now])
      : await tx.query('UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [actor.sessionId, now]);
    await audit(tx, actor, { action: everywhere ? 'auth.logout_everywhere' : 'auth.logout', subjectType: 'user', subjectId: actor.id, details: { sessions: r.rowCount } });
    return r.rowCount;
  });
}
