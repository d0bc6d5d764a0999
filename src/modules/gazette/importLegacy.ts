/**
 * Imports issues of the paper archive as published issues (source 'imported') with their PDFs, in one transaction:
 * every problem is reported and nothing is written unless all of it is good. An entry whose 文号 matches a published
 * item is linked to it (the same document, not keyed twice); the PDF's text layer is kept for the gazette's search.
 */
import { inTx, type DbOrTx } from '../../lib/db.ts';
import { authorize, type Actor } from '../../lib/authz.ts';
import { logRecordEvent } from '../../lib/audit.ts';
import { ValidationError } from '../../lib/errors.ts';
import { checkUpload, extractText, normalizeDocNo, storeBlob } from '../publishing/index.ts';
import { legacyPdfName, type LegacyIssue } from './legacy.ts';
import { gazetteUnit, LOG } from './queries.ts';

export async function importLegacyIssues(db: DbOrTx, actor: Actor, now: Date, issues: LegacyIssue[], pdfs: Map<string, Buffer>, maxBytes: number): Promise<number> {
  const errors: string[] = [];
  const texts = new Map<string, string>();
  // Files first, outside the transaction: each PDF checked by content and read in the sandbox.
  for (const i of issues) {
    const name = legacyPdfName(i);
    const pdf = pdfs.get(name);
    if (!pdf) {
      errors.push(`${i.year}年第${i.number}期：缺少 ${name}`);
      continue;
    }
    try {
      const checked = await checkUpload(name, pdf, maxBytes);
      if (checked.ext !== 'pdf') throw new ValidationError({ file: `${name} 不是 PDF 文件` });
      texts.set(name, (await extractText(checked, pdf)).slice(0, 2_000_000));
    } catch (e) {
      errors.push(`${name}：${e instanceof ValidationError ? Object.values(e.fields).join('；') || e.message : e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (errors.length) throw new ValidationError({ file: errors.join('\n') }, `未导入：${errors.length} 个问题`);
  return inTx(db, async (tx) => {
    const unit = await gazetteUnit(tx);
    if (!unit) throw new ValidationError({ file: '还没有建立单位' });
    authorize(actor, 'gazette.publish', { unitPath: unit.path });
    for (const i of issues) {
      const clash = (await tx.query('SELECT 1 FROM gazette_issues WHERE (year = $1 AND number = $2) OR serial = $3', [i.year, i.number, i.serial])).rows.length;
      if (clash) errors.push(`${i.year}年第${i.number}期（总第${i.serial}期）：期号或总号已经有了`);
    }
    if (errors.length) throw new ValidationError({ file: errors.join('\n') }, `未导入：${errors.length} 个问题`);
    for (const i of issues) {
      const name = legacyPdfName(i);
      const sha = await storeBlob(tx, pdfs.get(name)!, 'application/pdf');
      const id = (
        await tx.query<{ id: number }>(
          `INSERT INTO gazette_issues (year, number, serial, publish_date, state, source, pdf_sha256, page_count, text, published_at, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'published', 'imported', $5, $6, $7, $8, $8, $8) RETURNING id`,
          [i.year, i.number, i.serial, i.publishDate, sha, Math.max(...i.entries.map((e) => e.pageTo)), texts.get(name) ?? '', now],
        )
      ).rows[0].id;
      let linked = 0;
      for (const [seq, e] of i.entries.entries()) {
        const docNo = e.docNo ? normalizeDocNo(e.docNo) : '';
        const item = docNo
          ? (
              await tx.query<{ item_id: number; version_id: number }>(
                `SELECT i.id AS item_id, i.current_version_id AS version_id FROM information_items i JOIN item_versions v ON v.id = i.current_version_id
                  WHERE i.status = 'published' AND v.doc_no_normalized = $1 ORDER BY i.id LIMIT 1`,
                [docNo],
              )
            ).rows[0]
          : undefined;
        if (item) linked++;
        await tx.query(
          'INSERT INTO gazette_entries (issue_id, seq, section, item_id, version_id, title, doc_no, issuer, page_from, page_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
          [id, seq + 1, e.section, item?.item_id ?? null, item?.version_id ?? null, e.title, docNo || e.docNo, e.issuer, e.pageFrom, e.pageTo],
        );
      }
      await logRecordEvent(tx, LOG, actor, now, { id, unit_id: unit.id }, 'imported', { entries: i.entries.length, linked });
    }
    return issues.length;
  });
}
