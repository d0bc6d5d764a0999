/**
 * Sandbox task: a CSV or XLSX table handed out as raw cells in batches (the header first, on its own), never whole, for
 * imports that check each row themselves. The result is the number of rows after the header.
 */
import { AppError } from '../errors.ts';
import { csvRecords, xlsxRecords } from './records.ts';
import type { SandboxLimits } from './sandbox.ts';

export interface RowsOptions {
  format: 'CSV' | 'XLSX';
  maxRows: number;
  batchRows: number;
}
export type RowsBatch = { header: string[] } | { rows: string[][] };

export default async function readRows(file: Buffer, options: RowsOptions, limits: SandboxLimits, emit: (b: RowsBatch) => Promise<void>): Promise<{ rowCount: number }> {
  const records = options.format === 'CSV' ? csvRecords(file) : xlsxRecords(file, limits, options.maxRows);
  let header = false;
  let rowCount = 0;
  let batch: string[][] = [];
  for await (const record of records) {
    if (!header) {
      header = true;
      await emit({ header: record.map((c) => c.trim()) });
      continue;
    }
    if (++rowCount > options.maxRows) throw new AppError('TABLE_TOO_LARGE', 422, `表格超过 ${options.maxRows} 行的上限。`, { file: `表格超过 ${options.maxRows} 行` });
    batch.push(record);
    if (batch.length >= options.batchRows) {
      await emit({ rows: batch });
      batch = [];
    }
  }
  if (!header) throw new AppError('TABLE_EMPTY', 422, '表格是空的：第一行应为列名。', { file: '表格是空的，第一行应为列名' });
  if (batch.length) await emit({ rows: batch });
  return { rowCount };
}
