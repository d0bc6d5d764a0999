/**
 * PDF documents in Chinese: pdfkit with Noto Sans SC (OFL, from @embedpdf/fonts-sc), subset into each file so a phone
 * shows it without fonts of its own. The fonts are read once; each document embeds only the glyphs it uses.
 */
import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;

function loadFonts() {
  if (!fonts) {
    const dir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
    fonts = { regular: fs.readFileSync(path.join(dir, 'NotoSansHans-Regular.otf')), bold: fs.readFileSync(path.join(dir, 'NotoSansHans-Bold.otf')) };
  }
  return fonts;
}

/** 1 mm in PDF points. */
export const MM = 72 / 25.4;

/**
 * An A4 document with the margins of official documents (GB/T 9704: 37 mm top, 35 mm bottom, 28 mm left, 26 mm right)
 * and the fonts registered as 'regular' and 'bold'; `draw` lays it out, the result is the file.
 */
export async function renderPdf(
  meta: { title: string; subject?: string; date?: Date; /** Keep every page open so page numbers can be written at the end. */ bufferPages?: boolean },
  draw: (doc: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  const f = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
    // A given date (the letter's) keeps the document the same each time it is generated.
    info: { Title: meta.title, Subject: meta.subject ?? '', Creator: 'gongkai', Producer: 'gongkai', ...(meta.date ? { CreationDate: meta.date, ModDate: meta.date } : {}) },
    lang: 'zh-CN',
    displayTitle: true,
    pdfVersion: '1.7',
    bufferPages: meta.bufferPages ?? false,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
  doc.font('regular');
  draw(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
