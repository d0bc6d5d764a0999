/** Keeps a version's personal-data findings in step with its body and attachments. */
import type { Queryable } from '../../lib/db.ts';
import { detectPersonalData } from './personalData.ts';

/**
 * Re-scans body and attachments. Findings already resolved stay (with their resolution) while the value is still
 * there; new values are added unresolved; unresolved findings whose value is gone are dropped (drafts only).
 */
export async function rescanFindings(tx: Queryable, versionId: number, allow: string[]): Promise<number> {
  const v = (await tx.query<{ body_text: string }>('SELECT body_text FROM item_versions WHERE id = $1', [versionId])).rows[0];
  const atts = (await tx.query<{ id: number; text_content: string }>('SELECT id, text_content FROM attachments WHERE version_id = $1', [versionId])).rows;
  const found = [
    ...detectPersonalData(v.body_text, { allow }).map((f) => ({ ...f, source: 'body' })),
    ...atts.flatMap((a) => detectPersonalData(a.text_content, { allow }).map((f) => ({ ...f, source: `attachment:${a.id}` }))),
  ];
  const existing = (
    await tx.query<{ id: number; source: string; value_hash: string; resolution: string | null }>(
      'SELECT id, source, value_hash, resolution FROM personal_data_findings WHERE version_id = $1',
      [versionId],
    )
  ).rows;
  const key = (s: string, h: string) => `${s}|${h}`;
  const have = new Set(existing.map((e) => key(e.source, e.value_hash)));
  const now = new Set(found.map((f) => key(f.source, f.valueHash)));
  for (const e of existing) if (!e.resolution && !now.has(key(e.source, e.value_hash))) await tx.query('DELETE FROM personal_data_findings WHERE id = $1', [e.id]);
  const added = new Set<string>();
  for (const f of found) {
    const k = key(f.source, f.valueHash);
    if (have.has(k) || added.has(k)) continue;
    added.add(k);
    await tx.query('INSERT INTO personal_data_findings (version_id, source, kind, value_hash, excerpt) VALUES ($1, $2, $3, $4, $5)', [
      versionId,
      f.source,
      f.kind,
      f.valueHash,
      f.excerpt,
    ]);
  }
  const r = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM personal_data_findings WHERE version_id = $1 AND resolution IS NULL', [versionId]);
  return r.rows[0].n;
}

/** The unit's own published contacts, which are not personal data. */
export async function unitContactAllowList(tx: Queryable, unitId: number): Promise<string[]> {
  const u = (await tx.query<{ phone: string; fax: string; email: string }>('SELECT phone, fax, email FROM units WHERE id = $1', [unitId])).rows[0];
  return [u?.phone, u?.fax, u?.email].filter((s): s is string => !!s);
}
