/**
 * Rows of an untrusted table, for sandbox tasks only (src/lib/untrusted): CSV read as UTF-8, or as GB18030 when it is
 * not valid UTF-8 (what Excel saves on Chinese Windows), fed a chunk at a time; an XLSX's first sheet through the
 * workbook reader the imports use, after the zip is inspected against the limits. Blank rows are skipped.
 */
import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse';
import { AppError } from '../errors.ts';
import { inspectZip } from './zip.ts';
import { readFirstSheet } from './sheet.ts';
import type { SandboxLimits } from './sandbox.ts';

const CHUNK = 1024 * 1024;

export async function* csvRecords(file: Buffer): AsyncGenerator<string[]> {
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

export async function* xlsxRecords(file: Buffer, limits: SandboxLimits, maxRows: number): AsyncGenerator<string[]> {
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
