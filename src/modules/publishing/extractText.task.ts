/** Sandbox task (src/lib/untrusted): the text of an uploaded attachment, for personal-data checks. */
import { inspectZip } from '../../lib/untrusted/zip.ts';
import type { SandboxLimits } from '../../lib/untrusted/sandbox.ts';
import { extractTextInProcess, type CheckedFile } from './uploads.ts';

/** Text beyond this many characters is not read (a statute runs to a few hundred thousand). */
const MAX_TEXT = 5_000_000;

export default async function extractUploadedText(file: Buffer, options: { checked: CheckedFile }, limits: SandboxLimits) {
  if (['docx', 'xlsx', 'pptx'].includes(options.checked.ext)) await inspectZip(file, limits);
  return (await extractTextInProcess(options.checked, file)).slice(0, MAX_TEXT);
}
