/**
 * The knowledge base as a workbook: exported with every field a unit keeps, and imported back (a new entry per row,
 * as a draft for review). One column layout both ways, so an export edited in Excel imports again.
 */
import ExcelJS from 'exceljs';
import { readFirstSheet } from '../../lib/untrusted/sheet.ts';

export const COLUMNS = ['单位', '问题', '其他问法', '答案', '答复类别', '复核日期', '依据'] as const;
export const CLASS_LABELS: Record<string, string> = { instant: '即时', short: '短时', timed: '限时' };
const CLASS_BY_LABEL = new Map<string, string>(Object.entries(CLASS_LABELS).map(([k, v]): [string, string] => [v, k]));

export interface SheetEntry {
  row: number;
  unit: string;
  question: string;
  variants: string[];
  answer: string;
  answerClass: string;
  reviewBy: string;
  sources: string[];
}

export async function entriesXlsx(
  rows: { unit: string; question: string; variants: string[]; answer: string; answerClass: string; reviewBy: string; sources: string[] }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('常见问题');
  ws.addRow([...COLUMNS]);
  for (const r of rows) ws.addRow([r.unit, r.question, r.variants.join('\n'), r.answer, CLASS_LABELS[r.answerClass] ?? r.answerClass, r.reviewBy, r.sources.join('\n')]);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = i === 3 ? 60 : 20));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readEntriesXlsx(buffer: Buffer, opts: { maxRows?: number } = {}): Promise<{ entries: SheetEntry[]; problems: { row: number; message: string }[] }> {
  const maxRows = opts.maxRows ?? 5000;
  const sheet = await readFirstSheet(buffer, { width: COLUMNS.length, limit: maxRows + 1 });
  if (!sheet) return { entries: [], problems: [{ row: 0, message: '不是有效的 Excel（.xlsx）文件' }] };
  if (sheet.tooMany) return { entries: [], problems: [{ row: 0, message: `超过 ${maxRows} 行，请分批导入` }] };
  const rows = sheet.rows;
  const head = rows.findIndex((r) => r.cells[1].replace(/\s/g, '') === '问题');
  if (head < 0) return { entries: [], problems: [{ row: 0, message: '找不到表头：第二列应为“问题”，格式见导出的文件' }] };
  const entries: SheetEntry[] = [];
  const problems: { row: number; message: string }[] = [];
  for (const { n, cells } of rows.slice(head + 1)) {
    if (cells.every((c) => !c)) continue;
    const [unit, question, variants, answer, klass, reviewBy, sources] = cells;
    const answerClass = CLASS_BY_LABEL.get(klass) ?? klass;
    if (!(answerClass in CLASS_LABELS)) problems.push({ row: n, message: `答复类别“${klass}”不对，应为即时、短时或限时` });
    else entries.push({ row: n, unit, question, variants: variants.split('\n'), answer, answerClass, reviewBy, sources: sources.split('\n') });
  }
  if (!entries.length && !problems.length) problems.push({ row: 0, message: '表中没有问答' });
  return { entries, problems };
}
