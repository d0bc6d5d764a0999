import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { authorize, actorUserId, type Actor } from '../../../lib/authz.ts';
import { ConflictError, NotFoundError } from '../../../lib/errors.ts';
import { latestVersion, lockItem } from '../queries.ts';
import { recordEvent } from '../events.ts';
import { chinaDate } from '../../../lib/clock.ts';

/**
 * Starts a revision of a published item: a new draft version copied from the published one (metadata, body,
 * attachments, resolved personal-data findings). The public keeps seeing the published version until the new one
 * is approved; then the old one stays viewable as a past version.
 */
export async function startRevision(db: DbOrTx, actor: Actor, now: Date, itemId: number): Promise<{ versionId: number; versionNo: number }> {
  return inTx(db, async (tx) => {
    const item = await lockItem(tx, itemId);
    if (!item) throw new NotFoundError('没有找到这条信息。');
    authorize(actor, 'item.draft', { unitPath: item.unit_path });
    if (item.status !== 'published') throw new ConflictError('TRANSITION_NOT_ALLOWED', '只有已发布的信息可以修订。');
    const latest = (await latestVersion(tx, itemId))!;
    if (latest.id !== item.current_version_id) throw new ConflictError('TRANSITION_NOT_ALLOWED', `已有一个修订版本（第 ${latest.version_no} 版）正在处理中。`);
    const no = latest.version_no + 1;
    const r = await tx.query<{ id: number }>(
      `INSERT INTO item_versions (item_id, version_no, state, title, publisher_name, issuing_organs, doc_no, doc_no_normalized,
         written_date, publish_date, effective_date, expiry_date, formed_date, topic, genre, audience, keywords, summary,
         section_code, disclosure, withheld_ground, interpretation_form, body_html, body_text, change_note, created_by, created_at, updated_at)
       SELECT item_id, $2, 'draft', title, publisher_name, issuing_organs, doc_no, doc_no_normalized, written_date, NULL,
         effective_date, expiry_date, $4::date, topic, genre, audience, keywords, summary, section_code, disclosure, withheld_ground,
         interpretation_form, body_html, body_text, '', $3, $5, $5
       FROM item_versions WHERE id = $1 RETURNING id`,
      [latest.id, no, actorUserId(actor), chinaDate(now), now],
    );
    const versionId = r.rows[0].id;
    const atts = await tx.query<{ id: number; blob_sha256: string; filename: string; position: number; text_content: string }>(
      'SELECT id, blob_sha256, filename, position, text_content FROM attachments WHERE version_id = $1 ORDER BY id',
      [latest.id],
    );
    const idMap = new Map<number, number>();
    for (const a of atts.rows) {
      const n = await tx.query<{ id: number }>('INSERT INTO attachments (version_id, blob_sha256, filename, position, text_content) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
        versionId,
        a.blob_sha256,
        a.filename,
        a.position,
        a.text_content,
      ]);
      idMap.set(a.id, n.rows[0].id);
    }
    // Resolutions carry over, so a justified penalty notice need not be justified again for a typo fix.
    await tx.query(
      `INSERT INTO personal_data_findings (version_id, source, kind, value_hash, excerpt, resolution, justification, resolved_by, resolved_at)
       SELECT $2, source, kind, value_hash, excerpt, resolution, justification, resolved_by, resolved_at FROM personal_data_findings
       WHERE version_id = $1 AND resolution IS NOT NULL AND source = 'body'`,
      [latest.id, versionId],
    );
    for (const [oldId, newId] of idMap) {
      await tx.query(
        `INSERT INTO personal_data_findings (version_id, source, kind, value_hash, excerpt, resolution, justification, resolved_by, resolved_at)
         SELECT $2, $4, kind, value_hash, excerpt, resolution, justification, resolved_by, resolved_at FROM personal_data_findings
         WHERE version_id = $1 AND resolution IS NOT NULL AND source = $3`,
        [latest.id, versionId, `attachment:${oldId}`, `attachment:${newId}`],
      );
    }
    await recordEvent(tx, actor, { at: now, itemId, unitId: item.unit_id, versionId, type: 'revision_started', to: 'draft', payload: { versionNo: no } });
    return { versionId, versionNo: no };
  });
}
