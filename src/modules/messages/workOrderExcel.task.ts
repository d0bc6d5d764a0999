/** Sandbox task (src/lib/untrusted): an uploaded 12345 workbook, inspected as an archive, then read row by row. */
import { inspectZip } from '../../lib/untrusted/zip.ts';
import type { SandboxLimits } from '../../lib/untrusted/sandbox.ts';
import { readWorkOrdersXlsx } from './workOrderExcel.ts';

export default async function readUploadedWorkOrders(file: Buffer, _options: unknown, limits: SandboxLimits) {
  await inspectZip(file, limits);
  return readWorkOrdersXlsx(file, { maxRows: limits.maxSheetRows });
}
