/**
 * The print edition of an issue: a cover with the table of contents, then each document from a new page under its
 * section's heading, the content pages numbered from 1 at the foot. The page numbers in the contents are those the
 * documents land on, so the issue is laid out twice: once to find where each document falls, then for real with the
 * numbers (the cover's length does not move the content pages, which are numbered on their own).
 */
import { MM, renderPdf } from '../../lib/pdf.ts';
import { issueLabel, printOrder, SECTIONS, type Section } from './rules.ts';

export interface LayoutEntry {
  section: Section;
  seq: number;
  title: string;
  docNo: string;
  issuer: string;
  /** The document's text, one paragraph a line. */
  text: string;
}

export interface IssueLayout {
  pdf: Buffer;
  /** Per entry in print order: its first and last content page. */
  pages: { from: number; to: number }[];
  pageCount: number;
  /** The entries in print order (section by section). */
  order: LayoutEntry[];
}

const paragraphs = (text: string) =>
  text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);

function drawContent(doc: PDFKit.PDFDocument, entries: LayoutEntry[], onEntry: (i: number, firstPage: number) => void) {
  let section: Section | undefined;
  entries.forEach((e, i) => {
    doc.addPage();
    onEntry(i, pageIndex(doc));
    if (e.section !== section) {
      section = e.section;
      doc.font('bold').fontSize(14).text(`【${SECTIONS[e.section]}】`, { align: 'left' }).moveDown(0.8);
    }
    doc.font('bold').fontSize(18).text(e.title, { align: 'center' }).moveDown(0.4);
    if (e.docNo || e.issuer) doc.font('regular').fontSize(12).text([e.issuer, e.docNo].filter(Boolean).join('　'), { align: 'center' });
    doc.moveDown(1);
    doc.font('regular').fontSize(12);
    for (const p of paragraphs(e.text)) doc.text(p, { indent: 24, lineGap: 6, paragraphGap: 4, align: 'justify' });
  });
}

const pageIndex = (doc: PDFKit.PDFDocument) => {
  const r = doc.bufferedPageRange();
  return r.start + r.count - 1;
};

/** Lays out an issue from its rows as read from the database (the preview and the publication alike). */
export function layoutRows(
  gazetteName: string,
  issue: { year: number; number: number; serial: number; publish_date: string },
  rows: (Omit<LayoutEntry, 'docNo' | 'text'> & { doc_no: string; body_text: string })[],
) {
  return layoutIssue(
    gazetteName,
    { year: issue.year, number: issue.number, serial: issue.serial, publishDate: issue.publish_date },
    rows.map((r) => ({ section: r.section, seq: r.seq, title: r.title, docNo: r.doc_no, issuer: r.issuer, text: r.body_text })),
  );
}

/** Lays out an issue; `gazetteName` is the gazette's title (《示范市人民政府公报》 without the marks). */
export async function layoutIssue(gazetteName: string, issue: { year: number; number: number; serial: number; publishDate: string }, entries: LayoutEntry[]): Promise<IssueLayout> {
  const order = printOrder(entries);
  // First pass: where each document starts, counting content pages only.
  const starts: number[] = [];
  let contentPages = 0;
  await renderPdf({ title: gazetteName, bufferPages: true }, (doc) => {
    let first = -1;
    drawContent(doc, order, (i, page) => {
      if (first < 0) first = page;
      starts[i] = page - first + 1;
    });
    contentPages = first < 0 ? 0 : pageIndex(doc) - first + 1;
  });
  const pages = order.map((_, i) => ({ from: starts[i], to: i + 1 < order.length ? starts[i + 1] - 1 : contentPages }));

  const title = `${gazetteName} ${issueLabel(issue)}`;
  let pageCount = 0;
  const pdf = await renderPdf({ title, subject: '政府公报', date: new Date(`${issue.publishDate}T00:00:00+08:00`), bufferPages: true }, (doc) => {
    // The cover and the contents (the first page exists already).
    doc.font('bold').fontSize(28).text(gazetteName, { align: 'center' }).moveDown(0.5);
    doc.font('regular').fontSize(14).text(issueLabel(issue), { align: 'center' });
    doc
      .fontSize(12)
      .text(`${issue.publishDate.slice(0, 4)}年${Number(issue.publishDate.slice(5, 7))}月${Number(issue.publishDate.slice(8, 10))}日出版`, { align: 'center' })
      .moveDown(2);
    doc.font('bold').fontSize(16).text('目　录', { align: 'center' }).moveDown(1);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    let section: Section | undefined;
    order.forEach((e, i) => {
      if (e.section !== section) {
        section = e.section;
        doc.font('bold').fontSize(13).text(`【${SECTIONS[e.section]}】`, left).moveDown(0.3);
      }
      doc.font('regular').fontSize(12);
      const y = doc.y;
      doc.text(e.title, left + 12, y, { width: width - 60 });
      const after = doc.y;
      doc.text(String(pages[i].from), left + width - 40, y, { width: 40, align: 'right' });
      doc.y = Math.max(after, doc.y) + 4;
      doc.x = left;
    });
    const coverPages = pageIndex(doc) + 1;
    drawContent(doc, order, (i) => doc.outline.addItem(order[i].title));
    pageCount = pageIndex(doc) + 1;
    // Page numbers at the foot of the content pages, as printed: "— 5 —".
    for (let p = coverPages; p < pageCount; p++) {
      doc.switchToPage(p);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('regular')
        .fontSize(10)
        .text(`— ${p - coverPages + 1} —`, 0, doc.page.height - 20 * MM, { width: doc.page.width, align: 'center' });
      doc.page.margins.bottom = bottom;
    }
  });
  return { pdf, pages, pageCount, order };
}
