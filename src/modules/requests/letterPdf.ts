/**
 * A letter as PDF, for phones: the same layout as the Word file (title, number, body with two-character indent,
 * issuing unit and date at the right). Letters never change once issued (a correction is a new letter), so a
 * generated file is kept in a small cache by letter and unit name.
 */
import { chineseDate } from '../../lib/calendar.ts';
import type { FastifyReply } from 'fastify';
import { renderPdf } from '../../lib/pdf.ts';
import { contentDisposition } from '../../lib/download.ts';
import type { Letter } from './letters.ts';

const BODY = 16;
// Noto's own line height at 16 pt is about 23 pt; 6 more gives the 22 lines a page of GB/T 9704 holds.
const LINE_GAP = 5;
const CACHE_SIZE = 64;
const cache = new Map<string, Buffer>();

export async function letterPdf(letter: Letter, unitName: string): Promise<Buffer> {
  const key = `${letter.id}\u0000${letter.letter_no}\u0000${unitName}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const pdf = await renderPdf({ title: letter.title, subject: letter.letter_no, date: new Date(`${letter.on_date}T00:00:00+08:00`) }, (doc) => {
    doc.font('bold').fontSize(22).text(letter.title, { align: 'center' });
    doc.moveDown(0.5);
    doc.font('regular').fontSize(BODY).text(letter.letter_no, { align: 'center' });
    doc.moveDown(1);
    letter.paragraphs.forEach((p, i) => doc.text(p, { indent: i === 0 ? 0 : BODY * 2, lineGap: LINE_GAP, align: 'justify' }));
    // The issuing unit and the date stay together, on the page of the last paragraph when they fit.
    const signature = (doc.currentLineHeight(true) + LINE_GAP) * 4;
    if (doc.y + signature > doc.page.height - doc.page.margins.bottom) doc.addPage();
    else doc.moveDown(2);
    doc.text(unitName, { align: 'right', lineGap: LINE_GAP });
    doc.text(chineseDate(letter.on_date), { align: 'right' });
  });
  cache.set(key, pdf);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return pdf;
}

/** Sends a letter as a PDF download (both the applicant's and the officer's routes). */
export async function sendLetterPdf(reply: FastifyReply, letter: Letter, unitName: string) {
  return reply
    .type('application/pdf')
    .header('Content-Disposition', contentDisposition(`${letter.title}.pdf`))
    .header('Cache-Control', 'no-store')
    .send(await letterPdf(letter, unitName));
}

/** The applicant's receipt of an online application: case number and query code, printable or kept on a phone. */
export async function receiptPdf(r: { caseNo: string; queryCode: string; unitName: string; submittedAt: string; replyDays: number }): Promise<Buffer> {
  return renderPdf({ title: '政府信息公开申请提交回执', subject: r.caseNo }, (doc) => {
    doc.font('bold').fontSize(22).text('政府信息公开申请提交回执', { align: 'center' });
    doc.moveDown(1);
    doc.font('regular').fontSize(BODY);
    for (const [label, value] of [
      ['申请编号', r.caseNo],
      ['查询码', r.queryCode],
      ['受理机关', r.unitName],
      ['提交时间', r.submittedAt],
    ])
      doc.text(`${label}：${value}`, { lineGap: LINE_GAP });
    doc.moveDown(1);
    doc.text(
      `${r.unitName}将与您确认收到申请，确认之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条），自次日起${r.replyDays}个工作日内答复。请凭申请编号和查询码在网站“依申请公开”栏目查询办理进度、下载答复书。查询码请妥善保存，不要告诉他人。`,
      { indent: BODY * 2, lineGap: LINE_GAP, align: 'justify' },
    );
  });
}
