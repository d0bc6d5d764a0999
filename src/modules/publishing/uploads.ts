/**
 * Upload checks: a file is accepted by what its bytes are, not by its name. The detected type must be on the allow
 * list and agree with the file name's extension (a renamed .exe stays out).
 */
import { fileTypeFromBuffer } from 'file-type';
import mammoth from 'mammoth';
import { AppError } from '../../lib/errors.ts';
import { runUntrusted } from '../../lib/untrusted/sandbox.ts';

const ALLOWED: Record<string, { mime: string; exts: string[] }> = {
  pdf: { mime: 'application/pdf', exts: ['pdf'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', exts: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', exts: ['xlsx'] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', exts: ['pptx'] },
  cfb: { mime: 'application/x-cfb', exts: ['doc', 'xls', 'ppt', 'wps', 'et'] },
  png: { mime: 'image/png', exts: ['png'] },
  jpg: { mime: 'image/jpeg', exts: ['jpg', 'jpeg'] },
  gif: { mime: 'image/gif', exts: ['gif'] },
  webp: { mime: 'image/webp', exts: ['webp'] },
  zip: { mime: 'application/zip', exts: ['zip', 'ofd'] },
  mp4: { mime: 'video/mp4', exts: ['mp4'] },
  // Captions of a video interpretation (WebVTT); text/vtt is what <track> needs.
  vtt: { mime: 'text/vtt; charset=utf-8', exts: ['vtt'] },
  mp3: { mime: 'audio/mpeg', exts: ['mp3'] },
};
const CFB_MIMES: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  wps: 'application/vnd.ms-works',
  et: 'application/vnd.ms-excel',
};
const TEXT_EXTS: Record<string, string> = { txt: 'text/plain; charset=utf-8', csv: 'text/csv; charset=utf-8', vtt: 'text/vtt; charset=utf-8' };

export interface CheckedFile {
  filename: string;
  mime: string;
  ext: string;
}

/** Cleans a file name for storage and download: no path, no control characters, at most 120 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f"<>|?*:]/g, '')
    .trim()
    .slice(-120);
  return clean || 'file';
}

export async function checkUpload(filename: string, content: Buffer, maxBytes: number): Promise<CheckedFile> {
  const name = cleanFilename(filename);
  const ext = (name.match(/\.([A-Za-z0-9]+)$/)?.[1] ?? '').toLowerCase();
  if (content.length === 0) throw new AppError('UPLOAD_REJECTED', 400, `文件“${name}”是空的。`);
  if (content.length > maxBytes) throw new AppError('UPLOAD_REJECTED', 413, `文件“${name}”超过 ${Math.round(maxBytes / 1048576)} MB 的上限。`);
  const detected = await fileTypeFromBuffer(content);
  if (!detected) {
    const textMime = TEXT_EXTS[ext];
    if (textMime && !content.includes(0) && isUtf8(content)) return { filename: name, mime: textMime, ext };
    throw new AppError('UPLOAD_REJECTED', 415, `无法识别文件“${name}”的格式。可上传 PDF、Word、Excel、图片、音视频或 UTF-8 文本。`);
  }
  const rule = ALLOWED[detected.ext];
  if (!rule) throw new AppError('UPLOAD_REJECTED', 415, `不接受“${name}”这种格式（${detected.ext}）的文件。`);
  if (!rule.exts.includes(ext)) throw new AppError('UPLOAD_REJECTED', 415, `文件“${name}”的扩展名与其实际格式（${detected.ext}）不符。`);
  return { filename: name, mime: detected.ext === 'cfb' ? (CFB_MIMES[ext] ?? rule.mime) : rule.mime, ext };
}

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/**
 * Text of a file for personal-data checks and search: DOCX (mammoth), PDF (unpdf, the PDF.js text layer), XLSX
 * (exceljs, every cell of every sheet) and UTF-8 text. Scanned images, legacy .doc/.xls and PDFs without a text layer
 * give no text; the secrecy reviewer still sees them.
 */
export async function extractTextInProcess(file: CheckedFile, content: Buffer): Promise<string> {
  if (file.ext === 'docx') return (await mammoth.extractRawText({ buffer: content })).value;
  if (file.ext === 'txt' || file.ext === 'csv') return content.toString('utf8');
  if (file.ext === 'pdf') {
    const { extractText: pdfText, getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(content));
    const { text } = await pdfText(pdf, { mergePages: true });
    return text;
  }
  if (file.ext === 'xlsx') {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(content as unknown as ArrayBuffer);
    const lines: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        lines.push(
          row.values instanceof Array
            ? row.values
                .slice(1)
                .map((v) => cellText(v))
                .join('\t')
            : '',
        ),
      ),
    );
    return lines.join('\n');
  }
  return '';
}

function cellText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'object') {
    const o = v as { text?: string; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return String(o.result);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v);
}

/** The text of an uploaded file, read in the sandbox (a worker with a heap limit and a deadline). */
export function extractText(file: CheckedFile, content: Buffer): Promise<string> {
  if (!['docx', 'xlsx', 'pdf'].includes(file.ext)) return extractTextInProcess(file, content);
  return runUntrusted(new URL('./extractText.task.ts', import.meta.url), content, { checked: { filename: file.filename, mime: file.mime, ext: file.ext } });
}
