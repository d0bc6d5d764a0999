/**
 * The information released to an applicant (答复所附政府信息): files of any type the platform accepts, checked by
 * content; text formats are searched for personal data (the applicant may receive only their own or what may be
 * disclosed), and a file with findings is released only once the officer confirms it was checked or redacted. A file
 * is marked 部分公开 when it is the disclosable part of a partial release. The applicant downloads released files
 * from the case page, or through a signed link in the e-mail that expires.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../lib/db.ts';
import { AppError, ValidationError } from '../../lib/errors.ts';
import { checkUpload, detectPersonalData, extractText, PERSONAL_DATA_LABELS, storeBlob } from '../publishing/index.ts';
import type { UploadedFile } from './files.ts';

export const RELEASED_MAX_FILES = 10;
/** Days a link in an e-mail keeps working; after that the case page (with the query code) still has the files. */
export const RELEASED_LINK_DAYS = 30;

export interface CheckedRelease {
  filename: string;
  mime: string;
  content: Buffer;
  personalData: string;
}

export async function checkReleasedFiles(files: UploadedFile[], maxBytes: number, personalDataChecked: boolean): Promise<CheckedRelease[]> {
  if (files.length > RELEASED_MAX_FILES) throw new ValidationError({ released: `一次最多提供${RELEASED_MAX_FILES}个文件` });
  const out: CheckedRelease[] = [];
  const problems: string[] = [];
  for (const f of files) {
    const checked = await checkUpload(f.filename, f.content, maxBytes).catch((e: AppError) => {
      throw new AppError('UPLOAD_REJECTED', e.status, e.message, { released: e.message });
    });
    const text = await extractText(checked, f.content).catch(() => '');
    const counts = new Map<string, number>();
    for (const finding of detectPersonalData(text)) counts.set(PERSONAL_DATA_LABELS[finding.kind], (counts.get(PERSONAL_DATA_LABELS[finding.kind]) ?? 0) + 1);
    const found = [...counts].map(([k, n]) => `${k} ${n} 处`).join('、');
    if (found) problems.push(`“${checked.filename}”中有${found}`);
    out.push({ filename: checked.filename, mime: checked.mime, content: f.content, personalData: found ? `发现${found}，经办人确认已核对` : '' });
  }
  if (problems.length && !personalDataChecked)
    throw new ValidationError(
      { released: `${problems.join('；')}。请删去或遮盖不应提供的个人信息后重新上传；如内容可以提供（如申请人本人的信息），勾选“已核对个人信息”。` },
      '附件中可能含有个人信息，尚未提供。',
    );
  return out;
}

export async function storeReleasedFiles(tx: Queryable, caseId: number, files: CheckedRelease[], o: { partial: boolean; letterId: number | null; now: Date; pending?: boolean }) {
  const stored: { id: number; filename: string }[] = [];
  for (const f of files) {
    const sha = await storeBlob(tx, f.content, f.mime);
    const r = await tx.query<{ id: number }>(
      'INSERT INTO case_files (case_id, kind, filename, blob_sha256, partial, personal_data, letter_id, created_at, pending) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::int',
      [caseId, 'released', f.filename, sha, o.partial, f.personalData, o.letterId, o.now, o.pending ?? false],
    );
    stored.push({ id: r.rows[0].id, filename: f.filename });
  }
  return stored;
}

/** The files released in a case; staff also see those proposed with a reply not yet approved (pending). */
export async function releasedFiles(q: Queryable, caseId: number, o: { withPending?: boolean } = {}) {
  return (
    await q.query<{ id: number; filename: string; size: number; partial: boolean; personal_data: string; created_at: Date; pending: boolean }>(
      `SELECT f.id::int, f.filename, b.size, f.partial, f.personal_data, f.created_at, f.pending FROM case_files f JOIN blobs b ON b.sha256 = f.blob_sha256
        WHERE f.case_id = $1 AND f.kind = 'released' AND ($2 OR NOT f.pending) ORDER BY f.id`,
      [caseId, o.withPending ?? false],
    )
  ).rows;
}

const sign = (secret: string, fileId: number, expires: number) => createHmac('sha256', secret).update(`released:${fileId}:${expires}`).digest('base64url');

/** A link to one released file that works without the query code until it expires. */
export function releasedFileLink(secret: string, fileId: number, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + RELEASED_LINK_DAYS * 86400;
  return `/ysqgk/files/${fileId}/${expires}/${sign(secret, fileId, expires)}`;
}

/** The e-mail's download links of stored released files (none without a signing secret). */
export function releasedLinks(secret: string | undefined, files: { id: number; filename: string }[], now: Date): { label: string; url: string }[] {
  return secret ? files.map((f) => ({ label: `下载 ${f.filename}`, url: releasedFileLink(secret, f.id, now) })) : [];
}

export function verifyReleasedLink(secret: string, fileId: number, expires: number, signature: string, now: Date): 'ok' | 'expired' | 'invalid' {
  const want = Buffer.from(sign(secret, fileId, expires));
  const got = Buffer.from(signature);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return 'invalid';
  return expires * 1000 < now.getTime() ? 'expired' : 'ok';
}
