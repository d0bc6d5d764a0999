/**
 * The first sheet of an uploaded workbook, row by row with exceljs's streaming reader, stopping at a limit so a sheet
 * of a million rows is refused after a few thousand and never loaded whole. Used by the imports (catalogues, 12345
 * work orders, the knowledge base) inside their sandbox tasks.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/** A cell as trimmed text: rich text joined, a formula's result, a date as YYYY-MM-DD. */
export function cellText(v: ExcelJS.CellValue): string {
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

/**
 * The first `width` cells of each row of the first sheet, until `limit` rows (then `tooMany`); null when the file is
 * not a workbook exceljs can read.
 */
export async function readFirstSheet(buffer: Buffer, opts: { width: number; limit: number }): Promise<{ rows: { n: number; cells: string[] }[]; tooMany: boolean } | null> {
  const rows: { n: number; cells: string[] }[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore',
    });
    // exceljs names a sheet from xl/workbook.xml and fails when a zip holds that part after the sheet (zip order is
    // free; its own writer sometimes does it). We read the first sheet by position, so an empty model is enough.
    const model = reader as unknown as { model?: { sheets: unknown[] } };
    model.model ??= { sheets: [] };
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        if (rows.length >= opts.limit) return { rows, tooMany: true };
        rows.push({ n: row.number, cells: Array.from({ length: opts.width }, (_, i) => cellText(row.getCell(i + 1).value)) });
      }
      break;
    }
  } catch {
    return null;
  }
  return { rows, tooMany: false };
}
