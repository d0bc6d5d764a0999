/** A letter as a Word document laid out like an official notice: title, number, body, issuing unit and date. */
import { chineseDate } from '../../lib/calendar.ts';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { FastifyReply } from 'fastify';
import type { Letter } from './letters.ts';
import { contentDisposition } from '../../lib/download.ts';

const FONT = { ascii: 'FangSong', eastAsia: '仿宋_GB2312', hAnsi: 'FangSong' };

export async function letterDocx(letter: Letter, unitName: string): Promise<Buffer> {
  const body = (text: string, first: boolean) =>
    new Paragraph({ indent: first ? undefined : { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text, size: 32, font: FONT })] });
  const doc = new Document({
    creator: 'gongkai',
    title: letter.title,
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [new TextRun({ text: letter.title, size: 44, bold: true, font: { ascii: 'SimHei', eastAsia: '方正小标宋简体', hAnsi: 'SimHei' } })],
          }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: letter.letter_no, size: 32, font: FONT })] }),
          ...letter.paragraphs.map((p, i) => body(p, i === 0)),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [new TextRun({ text: unitName, size: 32, font: FONT })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: chineseDate(letter.on_date), size: 32, font: FONT })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Sends a letter as a Word download (both the applicant's and the officer's routes). */
export async function sendLetterDocx(reply: FastifyReply, letter: Letter, unitName: string) {
  return reply
    .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    .header('Content-Disposition', contentDisposition(`${letter.title}.docx`))
    .header('Cache-Control', 'no-store')
    .send(await letterDocx(letter, unitName));
}
