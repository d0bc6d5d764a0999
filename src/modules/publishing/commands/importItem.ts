import { z } from 'zod';
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import type { Actor } from '../../../lib/authz.ts';
import { authorize } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { isValidDate } from '../../../lib/calendar.ts';
import { parseOrThrow } from '../../../lib/validation.ts';
import { htmlToText, sanitizeRichText, textToHtml } from '../../../lib/html.ts';
import { getUnit } from '../../orgs/index.ts';
import { normalizeDocNo } from '../docNo.ts';
import { normaliseTopic, SECTION_BY_CODE, GENRES } from '../taxonomy.ts';
import { recordEvent } from '../events.ts';
import { rescanFindings, unitContactAllowList } from '../findings.ts';
import { nextIndexNo } from '../indexNo.ts';

/** "2018年12月04日" or "2018-12-04" → "2018-12-04". */
export function isoDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const m = /(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})/.exec(s);
  if (!m) return null;
  const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isValidDate(d) ? d : null;
}

/** The record form of gov.cn policy pages (../shared/data/govcn-sample60), every field optional but the title. */
export const importRecord = z.object({
  title: z.string().trim().min(1, '缺少标题（title）').max(300, '标题过长'),
  index_no: z.string().trim().max(80).optional().nullable(),
  subject_category: z.string().optional().nullable(),
  issuing_org: z.string().optional().nullable(),
  written_date: z.string().optional().nullable(),
  written_date_iso: z.string().optional().nullable(),
  doc_no: z.string().optional().nullable(),
  publish_date: z.string().optional().nullable(),
  publish_date_iso: z.string().optional().nullable(),
  keywords: z.string().optional().nullable(),
  body_text: z.string().optional().nullable(),
  body_html: z.string().optional().nullable(),
  source_url: z.string().optional().nullable(),
  crawl_time: z.string().optional().nullable(),
  section: z.string().optional().nullable(),
});
export type ImportRecord = z.infer<typeof importRecord>;

function genreOf(title: string): string {
  const g = GENRES.find((x) => x !== '其他' && title.replace(/[（(][^（()）]*[)）]$/, '').endsWith(x.replace('（令）', '')));
  return g ?? '其他';
}

export interface ImportOutcome {
  itemId: number | null;
  status: 'published' | 'draft' | 'skipped';
  reason?: string;
}

/**
 * Imports one record already published elsewhere: it keeps its 索引号 (or gets a new one), dates and every metadata
 * field, and is published at once — unless personal data is found, in which case it stays a draft for review.
 */
export async function importItem(
  db: DbOrTx,
  actor: Actor,
  now: Date,
  unitId: number,
  raw: unknown,
  opts: { section?: string; indexPattern?: string } = {},
): Promise<ImportOutcome> {
  const r = parseOrThrow(importRecord, raw);
  const section = r.section ?? opts.section ?? 'a20_01';
  if (!SECTION_BY_CODE.has(section) || section === 'guide') throw new ValidationError({ section: `未知栏目代码：${section}` });
  const publishDate = isoDate(r.publish_date_iso) ?? isoDate(r.publish_date);
  const writtenDate = isoDate(r.written_date_iso) ?? isoDate(r.written_date);
  if (!publishDate) throw new ValidationError({ publish_date: '缺少有效的发布日期（publish_date）' });
  const bodyHtml = r.body_html ? sanitizeRichText(r.body_html) : textToHtml(r.body_text ?? '');
  const bodyText = r.body_html ? htmlToText(bodyHtml) : (r.body_text ?? '');
  const topic = r.subject_category ? normaliseTopic(r.subject_category) : null;
  const organs = (r.issuing_org ?? '')
    .split(/[，,、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const keywords = (r.keywords ?? '')
    .split(/[，,；;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 20);
  return inTx(db, async (tx) => {
    const unit = await getUnit(tx, unitId);
    if (!unit) throw new ValidationError({ unit: '单位不存在' });
    authorize(actor, 'item.review', { unitPath: unit.path });
    if (r.index_no) {
      const dup = await tx.query('SELECT 1 FROM information_items WHERE index_no = $1', [r.index_no]);
      if (dup.rows.length) return { itemId: null, status: 'skipped' as const, reason: `索引号 ${r.index_no} 已存在` };
    }
    if (r.source_url) {
      const dup = await tx.query('SELECT 1 FROM information_items WHERE source_url = $1', [r.source_url]);
      if (dup.rows.length) return { itemId: null, status: 'skipped' as const, reason: `来源 ${r.source_url} 已导入` };
    }
    const { body_html: _h, body_text: _t, ...meta } = r;
    const item = await tx.query<{ id: number }>(
      `INSERT INTO information_items (unit_id, kind, source_url, source_record, created_at, updated_at) VALUES ($1, 'information', $2, $3, $4, $4) RETURNING id`,
      [unitId, r.source_url ?? '', JSON.stringify(meta), now],
    );
    const itemId = item.rows[0].id;
    const v = await tx.query<{ id: number }>(
      `INSERT INTO item_versions (item_id, version_no, state, title, publisher_name, issuing_organs, doc_no, doc_no_normalized, written_date,
         publish_date, formed_date, topic, genre, keywords, section_code, disclosure, body_html, body_text, created_at, updated_at)
       VALUES ($1, 1, 'draft', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'proactive', $14, $15, $16, $16) RETURNING id`,
      [
        itemId,
        r.title,
        organs[0] ?? unit.name,
        organs,
        r.doc_no ?? '',
        r.doc_no ? normalizeDocNo(r.doc_no) : '',
        writtenDate,
        publishDate,
        writtenDate ?? publishDate,
        topic ?? r.subject_category ?? '',
        genreOf(r.title),
        keywords,
        section,
        bodyHtml,
        bodyText,
        now,
      ],
    );
    const versionId = v.rows[0].id;
    await recordEvent(tx, actor, { at: now, itemId, unitId, versionId, type: 'imported', to: 'draft', payload: { indexNo: r.index_no, sourceUrl: r.source_url } });
    const unresolved = await rescanFindings(tx, versionId, await unitContactAllowList(tx, unitId));
    if (unresolved > 0) return { itemId, status: 'draft' as const, reason: `发现 ${unresolved} 处个人信息，已作为草稿导入，待处理后发布` };
    const indexNo = r.index_no || (await nextIndexNo(tx, { id: unitId, code: unit.code }, Number(publishDate.slice(0, 4)), opts.indexPattern, Number(publishDate.slice(5, 7))));
    await tx.query(`UPDATE item_versions SET state = 'published', published_at = $2 WHERE id = $1`, [versionId, now]);
    await tx.query(`UPDATE information_items SET status = 'published', current_version_id = $2, index_no = $3, first_published_at = $4 WHERE id = $1`, [
      itemId,
      versionId,
      indexNo,
      now,
    ]);
    await recordEvent(tx, actor, {
      at: now,
      itemId,
      unitId,
      versionId,
      type: 'approve',
      from: 'draft',
      to: 'published',
      remarks: '导入已在其他系统公开的信息',
      payload: { indexNo },
    });
    return { itemId, status: 'published' as const };
  });
}
