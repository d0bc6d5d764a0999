/** Sandbox task (src/lib/untrusted): an uploaded catalogue workbook, inspected as an archive, then read row by row. */
import { inspectZip } from '../../lib/untrusted/zip.ts';
import type { SandboxLimits } from '../../lib/untrusted/sandbox.ts';
import { readCatalogueXlsx } from './excel.ts';

export default async function readUploadedCatalogue(file: Buffer, _options: unknown, limits: SandboxLimits) {
  await inspectZip(file, limits);
  return readCatalogueXlsx(file, { maxRows: limits.maxSheetRows });
}
