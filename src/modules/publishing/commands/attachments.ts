import { createHash } from 'node:crypto';
import { inTx, type DbOrTx, type Queryable } from '../../../lib/db.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { ConflictError, NotFoundError } from '../../../lib/errors.ts';
import { latestVersion, lockItem } from '../queries.ts';
import { recordEvent } from '../events.ts';
import { rescanFindings, unitContactAllowList } from '../findings.ts';
import { checkUpload, extractText, type CheckedFile } from '../uploads.ts';
import { EDITABLE_STATES } from './saveDraft.ts';

/** Stores file content once by its SHA-256 and returns the hash. */
export async function storeBlob(tx: Queryable, content: Buffer, mime: string): Promise<string> {
  const sha = createHash('sha256').update(content).digest('hex');
  await tx.query('INSERT INTO blobs (sha256, size, mime, content) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING', [sha, content.length, mime, content]);
  return sha;
}

async function editableVersion(tx: Queryable, actor: Actor, itemId: number) {
  const item = await lockItem(tx, itemId);
  if (!item) throw new NotFoundError('没有找到这条信息。');
  authorize(actor, 'item.draft', { unitPath: item.unit_path });
  const v = await latestVersion(tx, itemId);
  if (!v || !(EDITABLE_STATES as readonly string[]).includes(v.state)) throw new ConflictError('VERSION_NOT_EDITABLE', '该版本已送审或已发布，不能修改附件。');
  return { item, v };
}

/** Adds files to the draft version of an item, checked by content, and re-scans personal data. */
export async function addAttachments(db: DbOrTx, actor: Actor, now: Date, itemId: number, files: { filename: string; content: Buffer }[], maxBytes: number) {
  const checked: (CheckedFile & { content: Buffer })[] = [];
  for (const f of files) checked.push({ ...(await checkUpload(f.filename, f.content, maxBytes)), content: f.content });
  const texts = await Promise.all(checked.map((c) => extractText(c, c.content).catch(() => '')));
  return inTx(db, async (tx) => {
    const { item, v } = await editableVersion(tx, actor, itemId);
    const pos = await tx.query<{ n: number }>('SELECT COALESCE(max(position), 0)::int AS n FROM attachments WHERE version_id = $1', [v.id]);
    let p = pos.rows[0].n;
    const ids: number[] = [];
    for (let i = 0; i < checked.length; i++) {
      const c = checked[i];
      const sha = await storeBlob(tx, c.content, c.mime);
      const r = await tx.query<{ id: number }>('INSERT INTO attachments (version_id, blob_sha256, filename, position, text_content) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
        v.id,
        sha,
        c.filename,
        ++p,
        texts[i],
      ]);
      ids.push(r.rows[0].id);
      await recordEvent(tx, actor, {
        at: now,
        itemId,
        unitId: item.unit_id,
        versionId: v.id,
        type: 'attachment_added',
        payload: { filename: c.filename, sha256: sha, size: c.content.length },
      });
    }
    const unresolved = await rescanFindings(tx, v.id, await unitContactAllowList(tx, item.unit_id));
    return { ids, unresolved };
  });
}

/** Removes an attachment from a draft version (the stored file stays; published versions keep theirs). */
export async function removeAttachment(db: DbOrTx, actor: Actor, now: Date, itemId: number, attachmentId: number) {
  await inTx(db, async (tx) => {
    const { item, v } = await editableVersion(tx, actor, itemId);
    const r = await tx.query<{ filename: string }>('DELETE FROM attachments WHERE id = $1 AND version_id = $2 RETURNING filename', [attachmentId, v.id]);
    if (!r.rows.length) throw new NotFoundError('没有找到这个附件。');
    await tx.query(`DELETE FROM personal_data_findings WHERE version_id = $1 AND source = $2`, [v.id, `attachment:${attachmentId}`]);
    await recordEvent(tx, actor, { at: now, itemId, unitId: item.unit_id, versionId: v.id, type: 'attachment_removed', payload: { filename: r.rows[0].filename } });
  });
}
