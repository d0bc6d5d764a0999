/**
 * Sandbox task (src/lib/untrusted): a tabular resource read row by row and handed out in batches, never whole. CSV is
 * read as UTF-8, or as GB18030 when it is not valid UTF-8 (what Excel saves on Chinese Windows); an XLSX's first sheet
 * goes through the workbook reader the imports use. The first batch carries the header; the result is the row count
 * and each column's type (the narrowest every value fits).
 */
import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse';
import { AppError } from '../../lib/errors.ts';
import { inspectZip } from '../../lib/untrusted/zip.ts';
import { readFirstSheet } from '../../lib/untrusted/sheet.ts';
import type { SandboxLimits } from '../../lib/untrusted/sandbox.ts';
import { columnIds, TypeGuesser, type FieldInfo } from './rules.ts';

export interface TableOptions {
  format: 'CSV' | 'XLSX';
  maxRows: number;
  maxColumns: number;
  batchRows: number;
}
export interface TableBatch {
  header?: string[];
  rows: (string | null)[][];
}
export interface TableResult {
  rowCount: number;
  types: FieldInfo['type'][];
}

const CHUNK = 1024 * 1024;

async function* csvRecords(file: Buffer): AsyncGenerator<string[]> {
  const decoder = new TextDecoder(isUtf8(file) ? 'utf-8' : 'gb18030');
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 64 * 1024 });
  // Fed a chunk at a time, waiting when the parser is full, so the decoded text is never in memory whole.
  const feed = (async () => {
    for (let at = 0; at < file.length; at += CHUNK) {
      const text = decoder.decode(file.subarray(at, at + CHUNK), { stream: at + CHUNK < file.length });
      if (!parser.write(text)) await new Promise((r) => parser.once('drain', r));
    }
    parser.end();
  })();
  try {
    for await (const record of parser) yield record as string[];
  } catch (err) {
    throw new AppError('TABLE_UNREADABLE', 422, `CSV 文件无法读取：${(err as Error).message.slice(0, 200)}`, { file: 'CSV 文件格式有误' });
  }
  await feed;
}

async function* xlsxRecords(file: Buffer, limits: SandboxLimits, maxRows: number): AsyncGenerator<string[]> {
  await inspectZip(file, limits);
  const sheet = await readFirstSheet(file, { width: 200, limit: Math.min(maxRows + 1, limits.maxSheetRows) });
  if (!sheet) throw new AppError('TABLE_UNREADABLE', 422, '不是可以读取的 Excel 工作簿。', { file: '不是可以读取的 Excel 工作簿' });
  if (sheet.tooMany) throw new AppError('TABLE_TOO_LARGE', 422, `Excel 工作表超过 ${limits.maxSheetRows} 行，请改为上传 CSV 文件。`, { file: '工作表行数过多，请改为上传 CSV' });
  // The reader pads rows to the width asked; the header's last non-empty cell sets the table's width.
  let width = -1;
  for (const r of sheet.rows) {
    if (width < 0) width = r.cells.findLastIndex((c) => c !== '') + 1;
    if (r.cells.some((c) => c !== '')) yield r.cells.slice(0, Math.max(width, 1));
  }
}

export default async function readTable(file: Buffer, options: TableOptions, limits: SandboxLimits, emit: (b: TableBatch) => Promise<void>): Promise<TableResult> {
  const records = options.format === 'CSV' ? csvRecords(file) : xlsxRecords(file, limits, options.maxRows);
  let header: string[] | null = null;
  let guesser: TypeGuesser | null = null;
  let batch: (string | null)[][] = [];
  let rowCount = 0;
  for await (const record of records) {
    if (!header) {
      if (record.length > options.maxColumns) throw new AppError('TABLE_TOO_WIDE', 422, `表格超过 ${options.maxColumns} 列。`, { file: `表格超过 ${options.maxColumns} 列` });
      header = columnIds(record);
      guesser = new TypeGuesser(header.length);
      continue;
    }
    if (++rowCount > options.maxRows) throw new AppError('TABLE_TOO_LARGE', 422, `表格超过 ${options.maxRows} 行的上限。`, { file: `表格超过 ${options.maxRows} 行` });
    if (record.length > header.length && record.slice(header.length).some((c) => c.trim()))
      throw new AppError('TABLE_UNREADABLE', 422, `第 ${rowCount + 1} 行的列数多于表头。`, { file: `第 ${rowCount + 1} 行的列数多于表头` });
    const row = header.map((_, i) => {
      const v = (record[i] ?? '').trim();
      return v === '' ? null : v;
    });
    guesser!.see(record);
    batch.push(row);
    if (batch.length >= options.batchRows) {
      await emit(rowCount === batch.length ? { header, rows: batch } : { rows: batch });
      batch = [];
    }
  }
  if (!header) throw new AppError('TABLE_EMPTY', 422, '表格是空的：第一行应为列名。', { file: '表格是空的，第一行应为列名' });
  if (batch.length || rowCount === 0) await emit(rowCount === batch.length ? { header, rows: batch } : { rows: batch });
  return { rowCount, types: guesser!.types() };
}
