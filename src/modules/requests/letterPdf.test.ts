import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractText, getDocumentProxy } from 'unpdf';
import { letterPdf, receiptPdf } from './letterPdf.ts';
import type { Letter } from './letters.ts';

async function pdfText(pdf: Buffer) {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(doc, { mergePages: true });
  return { text: text.replace(/\s+/g, ''), pages: totalPages };
}

const letter: Letter = {
  id: 7,
  kind: 'reply',
  letter_no: '民政局依申〔2026〕2号',
  on_date: '2026-03-05',
  title: '政府信息公开申请答复告知书',
  paragraphs: [
    '王堃：',
    '本机关于2026年3月2日收到您提出的政府信息公开申请（申请编号：YSQ2026000001），申请获取“2025年度城乡低保资金分配表”。',
    '经审查，您申请获取的政府信息属于公开范围，现予以提供：分配表见附件。'.repeat(5),
  ],
};

test('a letter as PDF carries its title, number, every paragraph, the unit and the date, in an embedded Chinese font', async () => {
  const pdf = await letterPdf(letter, '示范市民政局');
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const { text, pages } = await pdfText(pdf);
  assert.equal(pages, 1, 'a letter of this length fits one page, signature included');
  for (const part of [letter.title, letter.letter_no, ...letter.paragraphs, '示范市民政局', '2026年3月5日'])
    assert.ok(text.includes(part.replace(/\s+/g, '')), `missing: ${part.slice(0, 30)}`);
  assert.match(pdf.toString('latin1'), /\/FontFile3/, 'the font is embedded (CFF), so a phone needs no Chinese font');
  assert.ok(pdf.length < 200_000, `only the glyphs used are embedded (${pdf.length} bytes)`);
  assert.equal(await letterPdf(letter, '示范市民政局'), pdf, 'an issued letter never changes: the file is generated once');
  // A long letter runs on; the unit and the date are never split from each other.
  const long = await letterPdf({ ...letter, id: 8, letter_no: '民政局依申〔2026〕3号', paragraphs: [...letter.paragraphs, letter.paragraphs[2].repeat(3)] }, '示范市民政局');
  const doc = await getDocumentProxy(new Uint8Array(long));
  const last = (await extractText(doc, { mergePages: false })).text.at(-1)!.replace(/\s+/g, '');
  assert.equal(doc.numPages, 2);
  assert.ok(last.endsWith('示范市民政局2026年3月5日'), last.slice(-30));
});

test('the receipt of an online application holds the case number and the query code', async () => {
  const pdf = await receiptPdf({ caseNo: 'YSQ2026000009', queryCode: 'K7P2M9QX', unitName: '清河镇人民政府', submittedAt: '2026-03-02 10:00', replyDays: 20 });
  const { text } = await pdfText(pdf);
  assert.ok(text.includes('申请编号：YSQ2026000009'));
  assert.ok(text.includes('查询码：K7P2M9QX'));
  assert.ok(text.includes('自次日起20个工作日内答复'));
});
