/** Sandbox task (src/lib/untrusted): an uploaded DOCX, inspected as an archive, then converted and read for proposals. */
import { inspectZip } from '../../lib/untrusted/zip.ts';
import type { SandboxLimits } from '../../lib/untrusted/sandbox.ts';
import { convertDocx } from './docxImport.ts';

export default async function importUploadedDocx(file: Buffer, _options: unknown, limits: SandboxLimits) {
  await inspectZip(file, limits);
  return convertDocx(file);
}
