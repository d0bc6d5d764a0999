/** Takes a word off the synonym list. */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import type { Actor } from '../../../lib/authz.ts';
import { NotFoundError } from '../../../lib/errors.ts';

export async function removeSynonym(db: DbOrTx, actor: Actor, now: Date, term: string): Promise<void> {
  await inTx(db, async (tx) => {
    const r = await tx.query<{ synonyms: string[] }>('DELETE FROM search_synonyms WHERE term = $1 RETURNING synonyms', [term]);
    if (!r.rows.length) throw new NotFoundError('同义词表中没有这个词。');
    await audit(tx, actor, { at: now, action: 'search.synonym_removed', subjectType: 'search_synonym', subjectId: term, details: { synonyms: r.rows[0].synonyms } });
  });
}
