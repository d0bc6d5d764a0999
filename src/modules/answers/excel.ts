/**
 * The knowledge base as a workbook: exported with every field a unit keeps, and imported back (a new entry per row,
 * as a draft for review). One column layout both ways, so an export edited in Excel imports again.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

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

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return String(v.result ?? '').trim();
  }
  return String(v).trim();
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
  const rows: { n: number; cells: string[] }[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore',
    });
    const model = reader as unknown as { model?: { sheets: unknown[] } };
    model.model ??= { sheets: [] };
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        if (rows.length > maxRows) return { entries: [], problems: [{ row: 0, message: `超过 ${maxRows} 行，请分批导入` }] };
        rows.push({ n: row.number, cells: COLUMNS.map((_c, i) => text(row.getCell(i + 1).value)) });
      }
      break;
    }
  } catch {
    return { entries: [], problems: [{ row: 0, message: '不是有效的 Excel（.xlsx）文件' }] };
  }
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
