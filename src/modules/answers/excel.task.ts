/** Sandbox task (src/lib/untrusted): an uploaded knowledge-base workbook, inspected as an archive, then read. */
import { inspectZip } from '../../lib/untrusted/zip.ts';
import type { SandboxLimits } from '../../lib/untrusted/sandbox.ts';
import { readEntriesXlsx } from './excel.ts';

export default async function readUploadedEntries(file: Buffer, _options: unknown, limits: SandboxLimits) {
  await inspectZip(file, limits);
  return readEntriesXlsx(file, { maxRows: limits.maxSheetRows });
}
