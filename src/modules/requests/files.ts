/**
 * Files that come with an application: identity proof (身份证明, Art. 29). Only images and PDF, checked by content;
 * stored once by SHA-256 like attachments, and readable only by staff handling the case.
 */
import type { Queryable } from '../../lib/db.ts';
import { AppError } from '../../lib/errors.ts';
import { checkUpload } from '../publishing/index.ts';
import { storeBlob } from '../publishing/index.ts';

export const IDENTITY_MAX_BYTES = 10 * 1024 * 1024;
const ACCEPTED = new Set(['image/png', 'image/jpeg', 'application/pdf']);

export interface UploadedFile {
  filename: string;
  content: Buffer;
}

/** Checks every file before anything is written, so a bad file leaves no case half-created. */
export async function checkIdentityFiles(files: UploadedFile[]) {
  if (files.length > 4) throw new AppError('UPLOAD_REJECTED', 400, '身份证明材料最多上传4个文件。', { identityFiles: '最多上传4个文件' });
  const out = [];
  for (const f of files) {
    const checked = await checkUpload(f.filename, f.content, IDENTITY_MAX_BYTES).catch((e: AppError) => {
      throw new AppError('UPLOAD_REJECTED', e.status, e.message, { identityFiles: e.message });
    });
    if (!ACCEPTED.has(checked.mime))
      throw new AppError('UPLOAD_REJECTED', 415, `身份证明材料只接受 JPG、PNG 图片或 PDF（“${checked.filename}”不是）。`, { identityFiles: '只接受 JPG、PNG 图片或 PDF' });
    out.push({ ...checked, content: f.content });
  }
  return out;
}

export async function storeCaseFiles(tx: Queryable, caseId: number, kind: 'identity' | 'correction', files: { filename: string; mime: string; content: Buffer }[], now: Date) {
  for (const f of files) {
    const sha = await storeBlob(tx, f.content, f.mime);
    await tx.query('INSERT INTO case_files (case_id, kind, filename, blob_sha256, created_at) VALUES ($1, $2, $3, $4, $5)', [caseId, kind, f.filename, sha, now]);
  }
}

export async function caseFiles(q: Queryable, caseId: number) {
  return (
    await q.query<{ id: number; kind: string; filename: string; size: number }>(
      'SELECT f.id::int, f.kind, f.filename, b.size FROM case_files f JOIN blobs b ON b.sha256 = f.blob_sha256 WHERE f.case_id = $1 ORDER BY f.id',
      [caseId],
    )
  ).rows;
}

export async function caseFile(q: Queryable, caseId: number, fileId: number) {
  return (
    await q.query<{ filename: string; mime: string; content: Buffer | Uint8Array; sha256: string }>(
      'SELECT f.filename, b.mime, b.content, b.sha256 FROM case_files f JOIN blobs b ON b.sha256 = f.blob_sha256 WHERE f.case_id = $1 AND f.id = $2',
      [caseId, fileId],
    )
  ).rows[0];
}
