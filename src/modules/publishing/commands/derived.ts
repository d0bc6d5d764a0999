/**
 * Writes other modules need on information items, kept here with the module that owns the tables: the derived search
 * fields of a version (recomputed by search-reindex) and an item's filing under a catalogue item (by catalogues).
 */
import type { Queryable } from '../../../lib/db.ts';

export async function updateDerivedText(tx: Queryable, versionId: number | string, fields: { bodyText: string; docNoNormalized: string }) {
  await tx.query('UPDATE item_versions SET body_text = $2, doc_no_normalized = $3 WHERE id = $1', [versionId, fields.bodyText, fields.docNoNormalized]);
}

export async function fileUnderCatalogue(tx: Queryable, itemId: number, area: string | null, key: string | null) {
  await tx.query('UPDATE information_items SET catalogue_area = $2, catalogue_key = $3 WHERE id = $1', [itemId, area, key]);
}
