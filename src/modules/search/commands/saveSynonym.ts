/** Adds or changes one entry of the synonym list; `replacing` names the entry being edited when its word changes. */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import { actorUserId, type Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { readSynonymForm, type SynonymEntry } from '../synonyms.ts';

export async function saveSynonym(db: DbOrTx, actor: Actor, now: Date, body: Record<string, unknown>): Promise<SynonymEntry> {
  const { value, errors } = readSynonymForm(body);
  const replacing = typeof body.replacing === 'string' ? body.replacing.trim() : '';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTx(db, async (tx) => {
    if (replacing && replacing !== value.term) {
      await tx.query('DELETE FROM search_synonyms WHERE term = $1', [replacing]);
    } else if (!replacing) {
      const exists = await tx.query('SELECT 1 FROM search_synonyms WHERE term = $1', [value.term]);
      if (exists.rows.length) throw new ValidationError({ term: `“${value.term}”已在同义词表中，请在列表中修改它` });
    }
    await tx.query(
      `INSERT INTO search_synonyms (term, synonyms, updated_by, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (term) DO UPDATE SET synonyms = EXCLUDED.synonyms, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [value.term, value.synonyms, actorUserId(actor), now],
    );
    await audit(tx, actor, {
      at: now,
      action: 'search.synonym_saved',
      subjectType: 'search_synonym',
      subjectId: value.term,
      details: { synonyms: value.synonyms, replacing: replacing || undefined },
    });
    return value;
  });
}
