/**
 * Sandbox task (src/lib/untrusted): a tabular resource read row by row and handed out in batches, never whole. CSV is
 * read as UTF-8, or as GB18030 when it is not valid UTF-8 (what Excel saves on Chinese Windows); an XLSX's first sheet
 * goes through the workbook reader the imports use. The first batch carries the header; the result is the row count
 * and each column's type (the narrowest every value fits).
 */
import { AppError } from '../../lib/errors.ts';
import { csvRecords, xlsxRecords } from '../../lib/untrusted/records.ts';
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
