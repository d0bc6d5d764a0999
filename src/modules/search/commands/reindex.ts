/**
 * Rebuilds search from the published records: the derived search fields (text of the body, normalised 文号) are
 * recomputed with the current code, and every published item is logged as changed so each running node reloads it.
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import type { Actor } from '../../../lib/authz.ts';
import { htmlToText } from '../../../lib/html.ts';
import { normalizeDocNo } from '../../publishing/index.ts';
import { updateDerivedText } from '../../publishing/index.ts';

const BATCH = 500;

export async function reindexSearch(db: DbOrTx, actor: Actor, now: Date, onBatch?: (done: number, total: number) => void): Promise<{ items: number; updated: number }> {
  const total = Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM information_items WHERE status = 'published'`)).rows[0].n);
  let after = 0;
  let items = 0;
  let updated = 0;
  for (;;) {
    const rows = await db.query<{ id: string; version_id: string; doc_no: string; doc_no_normalized: string; body_html: string; body_text: string }>(
      `SELECT i.id::text, v.id::text AS version_id, v.doc_no, v.doc_no_normalized, v.body_html, v.body_text
         FROM information_items i JOIN item_versions v ON v.id = i.current_version_id
        WHERE i.status = 'published' AND i.id > $1 ORDER BY i.id LIMIT ${BATCH}`,
      [after],
    );
    if (!rows.rows.length) break;
    await inTx(db, async (tx) => {
      for (const r of rows.rows) {
        const text = htmlToText(r.body_html);
        const docNo = r.doc_no ? normalizeDocNo(r.doc_no) : '';
        if (text !== r.body_text || docNo !== r.doc_no_normalized) {
          await updateDerivedText(tx, r.version_id, { bodyText: text, docNoNormalized: docNo });
          updated++;
        }
      }
      await tx.query('INSERT INTO search_changes (item_id) SELECT unnest($1::bigint[])', [rows.rows.map((r) => r.id)]);
    });
    items += rows.rows.length;
    after = Number(rows.rows[rows.rows.length - 1].id);
    onBatch?.(items, total);
  }
  await audit(db, actor, { at: now, action: 'search.reindex', subjectType: 'search', subjectId: 'all', details: { items, updated } });
  return { items, updated };
}
