/** Sends a stored attachment with its own name (RFC 5987) and a safe content type. */
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../../lib/download.ts';
import type { Queryable } from '../../lib/db.ts';
import { NotFoundError } from '../../lib/errors.ts';

export async function sendBlob(q: Queryable, reply: FastifyReply, o: { itemId: number; attachmentId: number; publicOnly: boolean }) {
  const r = await q.query<{ filename: string; mime: string; content: Buffer | Uint8Array; sha256: string; size: number }>(
    `SELECT a.filename, b.mime, b.content, b.sha256, b.size FROM attachments a JOIN blobs b ON b.sha256 = a.blob_sha256
     JOIN item_versions v ON v.id = a.version_id JOIN information_items i ON i.id = v.item_id
     WHERE a.id = $1 AND i.id = $2 ${o.publicOnly ? "AND i.status = 'published' AND v.state IN ('published', 'superseded')" : ''}`,
    [o.attachmentId, o.itemId],
  );
  const f = r.rows[0];
  if (!f) throw new NotFoundError('没有找到这个附件。');
  const inline = /^(application\/pdf|image\/(png|jpeg|gif|webp))$/.test(f.mime);
  return reply
    .header('Content-Type', f.mime)
    .header('Content-Disposition', contentDisposition(f.filename, inline))
    .header('X-Content-Type-Options', 'nosniff')
    .header('ETag', `"${f.sha256}"`)
    .header('Cache-Control', o.publicOnly ? 'public, max-age=86400' : 'no-store')
    .send(Buffer.from(f.content));
}
