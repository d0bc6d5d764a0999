import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { checkUpload, cleanFilename, extractText } from './uploads.ts';
import { tinyPdf, csv } from '../../../db/seeds/demo/files.ts';
import { detectPersonalData } from './personalData.ts';

const MB = 1024 * 1024;

test('files are recognised by content and must match their extension', async () => {
  const pdf = tinyPdf(['hello']);
  assert.equal((await checkUpload('通知.pdf', pdf, MB)).mime, 'application/pdf');
  await assert.rejects(checkUpload('通知.docx', pdf, MB), (e: { code: string }) => e.code === 'UPLOAD_REJECTED');
  await assert.rejects(checkUpload('a.pdf', Buffer.alloc(0), MB), /空的/);
  await assert.rejects(checkUpload('a.pdf', pdf, 10), /超过/);
  await assert.rejects(checkUpload('a.txt', Buffer.from('abc\xc3\x28 def', 'latin1'), MB), /无法识别/);
  assert.equal((await checkUpload('名单.csv', csv([['姓名'], ['张三']]), MB)).mime, 'text/csv; charset=utf-8');
});

test('file names lose paths and control characters', () => {
  assert.equal(cleanFilename('..\\..\\evil/附件\u0000.pdf'), '附件.pdf');
  assert.equal(cleanFilename('<script>.pdf'), 'script.pdf');
  assert.equal(cleanFilename(''), 'file');
});

test('personal data is found inside PDF, XLSX and DOCX attachments', async () => {
  const pdf = tinyPdf(['Applicant phone 13912345678']);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('名单').addRows([
    ['姓名', '身份证号'],
    ['张三', '11010519491231002X'],
  ]);
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('银行卡 6222021234567890128')] }] }));
  const kinds = async (name: string, b: Buffer) => detectPersonalData(await extractText(await checkUpload(name, b, MB), b)).map((f) => f.kind);
  assert.deepEqual(await kinds('a.pdf', pdf), ['mobile']);
  assert.deepEqual(await kinds('a.xlsx', xlsx), ['id_card']);
  assert.deepEqual(await kinds('a.docx', docx), ['bank_card']);
});
