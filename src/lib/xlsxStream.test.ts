/** The streamed workbook is read back with exceljs, the reader the rest of the platform uses for uploads. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { sheetName, xlsxStream, type XlsxColumn } from './xlsxStream.ts';

const columns: XlsxColumn[] = [
  { header: '月份', numeric: false },
  { header: '户数', numeric: true },
  { header: '金额（元）', numeric: true },
];

async function* pagesOf(rows: (string | null)[][], size: number) {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function read(rows: (string | null)[][], sheetRows?: number) {
  const bytes = await buffer(xlsxStream('低保月报', columns, rows.length, pagesOf(rows, 2), sheetRows));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

test('cells keep their types: numbers as numbers, text (even one that looks like a formula) as text, empty as empty', async () => {
  const wb = await read([
    ['2024-01', '1203', '1089456.5'],
    ['=HYPERLINK("http://x")', '12 户', ''],
    [' 前后空格 ', null, '-3.5e2'],
    ['A & B <c> "d"\u0001', '007', '1'],
  ]);
  const ws = wb.worksheets[0];
  assert.equal(ws.name, '低保月报');
  assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['月份', '户数', '金额（元）']);
  assert.deepEqual((ws.getRow(2).values as unknown[]).slice(1), ['2024-01', 1203, 1089456.5]);
  assert.equal(ws.getCell('A3').value, '=HYPERLINK("http://x")', 'a formula-looking text stays text');
  assert.equal(ws.getCell('A3').type, ExcelJS.ValueType.String);
  assert.equal(ws.getCell('B3').value, '12 户', 'a number column cell that is not a number is kept as text');
  assert.equal(ws.getCell('C3').value, null);
  assert.equal(ws.getCell('A4').value, ' 前后空格 ', 'leading and trailing spaces are kept');
  assert.equal(ws.getCell('B4').value, null);
  assert.equal(ws.getCell('C4').value, -350);
  assert.equal(ws.getCell('A5').value, 'A & B <c> "d"', 'markup is escaped and characters XML cannot carry are dropped');
  assert.equal(ws.getCell('B5').value, '007', 'a leading zero is not a number to lose');
  assert.equal(ws.rowCount, 5);
});

test('a table longer than a sheet continues on further sheets, each with the header', async () => {
  const rows = Array.from({ length: 7 }, (_, i) => [`第${i + 1}行`, String(i + 1), null]);
  const wb = await read(rows, 4);
  assert.deepEqual(
    wb.worksheets.map((s) => s.name),
    ['低保月报', '低保月报（2）', '低保月报（3）'],
  );
  const seen = wb.worksheets.flatMap((s) => {
    assert.equal(s.getCell('A1').value, '月份');
    return s
      .getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[])[2]);
  });
  assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7], 'every row once, in order');
});

test('an empty table is a workbook with the header only', async () => {
  const wb = await read([]);
  assert.equal(wb.worksheets.length, 1);
  assert.equal(wb.worksheets[0].rowCount, 1);
});

test('sheet names obey Excel: no []:*?/\\ and at most 31 characters', () => {
  assert.equal(sheetName('a/b:c[d]', 1), 'a_b_c_d_');
  assert.equal(sheetName('长'.repeat(40), 2).length, 31);
  assert.equal(sheetName('', 1), 'Sheet1');
});
