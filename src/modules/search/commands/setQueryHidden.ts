/** Keeps a query off (or puts it back on) the public list of popular searches. */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import { actorUserId, type Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';

export async function setQueryHidden(db: DbOrTx, actor: Actor, now: Date, query: string, hidden: boolean, reason = ''): Promise<void> {
  const q = query.trim();
  if (!q || q.length > 200) throw new ValidationError({ query: '请选择要处理的搜索词' });
  await inTx(db, async (tx) => {
    if (hidden) {
      await tx.query(
        `INSERT INTO search_query_flags (query, reason, updated_by, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (query) DO UPDATE SET reason = EXCLUDED.reason, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [q, reason.slice(0, 200), actorUserId(actor), now],
      );
    } else await tx.query('DELETE FROM search_query_flags WHERE query = $1', [q]);
    await audit(tx, actor, {
      at: now,
      action: hidden ? 'search.query_hidden' : 'search.query_shown',
      subjectType: 'search_query',
      subjectId: q,
      details: reason ? { reason } : {},
    });
  });
}
