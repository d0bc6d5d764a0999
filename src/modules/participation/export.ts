/**
 * All comments of a consultation as CSV and XLSX, for synthesis and for the record (Decidim #1565, #13248 ask for
 * exports with documented columns). The columns are documented in docs/exports/consultation-comments.md; this
 * staff export holds contacts and so is never public.
 */
import ExcelJS from 'exceljs';
import { csvDocument } from '../../lib/csv.ts';
import type { Clause } from './clauses.ts';
import type { DuplicateReport } from './duplicates.ts';
import type { CommentRow } from './queries.ts';
import { CHANNELS, DISPOSITIONS } from './report.ts';

export const COMMENT_COLUMNS = ['编号', '条款', '渠道', '收到日期', '反馈人', '联系方式', '同意公开', '公开状态', '意见内容', '重复于', '处理结果', '理由'];

const MODERATION = { pending: '待审核', published: '已审核', hidden: '不公开' } as const;

export function commentRows(clauses: Clause[], comments: CommentRow[], dup: DuplicateReport): (string | number)[][] {
  const copyOf = new Map<number, number>();
  for (const g of dup.groups) for (const id of g.ids.slice(1)) copyOf.set(id, g.first);
  const label = (k: string) => (k ? (clauses.find((c) => c.key === k)?.label ?? k) : '全文');
  return comments.map((m) => [
    m.id,
    label(m.clause_key),
    CHANNELS[m.channel],
    m.received_on,
    m.name,
    m.contact,
    m.consent_publish ? '是' : '否',
    MODERATION[m.moderation],
    m.body,
    copyOf.get(m.id) ?? '',
    m.disposition ? DISPOSITIONS[m.disposition] : '',
    m.reason,
  ]);
}

export function commentsCsv(rows: (string | number)[][]): string {
  return csvDocument([COMMENT_COLUMNS, ...rows]);
}

export async function commentsXlsx(title: string, rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  const ws = wb.addWorksheet('意见', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, COMMENT_COLUMNS.length);
  ws.getCell(1, 1).value = `${title} 收到的意见`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.addRow(COMMENT_COLUMNS).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  COMMENT_COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c === '意见内容' || c === '理由' ? 50 : 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
