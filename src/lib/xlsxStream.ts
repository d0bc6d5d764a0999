/**
 * A spreadsheet of any number of rows written as a stream: the sheet XML is produced only as fast as the client
 * takes the compressed bytes, so memory stays flat. exceljs's streaming writer was measured first and buffers the
 * sheet ahead of the compressor (about 50 MB more resident per 200,000 rows, ADR 0028); here yazl does the zip with
 * backpressure end to end and the SpreadsheetML parts (ECMA-376) are the minimal set Excel, WPS and LibreOffice open.
 * A sheet holds at most 1,048,576 rows, so a longer table continues on further sheets, each with the header row.
 */
import { Readable } from 'node:stream';
import yazl from 'yazl';

export interface XlsxColumn {
  header: string;
  /** Numbers are written as numbers (when the cell is one); everything else as text, never as a formula. */
  numeric: boolean;
}

/** Excel's limits: rows per sheet (the header included) and characters per cell. */
export const SHEET_ROWS = 1_048_576;
const CELL_CHARS = 32_767;

const NS = 'http://schemas.openxmlformats.org';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Characters XML 1.0 cannot carry at all are dropped; the rest are escaped.
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const escapeXml = (s: string) => s.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?(?:[eE][+-]?\d{1,3})?$/;

/** A, B, … Z, AA, AB …: the column part of a cell reference (readers other than Excel require references). */
function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cell(ref: string, value: string | null | undefined, numeric: boolean): string {
  if (value === null || value === undefined || value === '') return '';
  if (numeric && NUMBER.test(value) && Number.isFinite(Number(value))) return `<c r="${ref}"><v>${value}</v></c>`;
  const text = value.length > CELL_CHARS ? value.slice(0, CELL_CHARS) : value;
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"><is><t${space}>${escapeXml(text)}</t></is></c>`;
}

function row(n: number, values: (string | null | undefined)[], columns: XlsxColumn[], letters: string[]): string {
  let out = `<row r="${n}">`;
  for (let i = 0; i < columns.length; i++) out += cell(letters[i] + n, values[i], columns[i].numeric);
  return out + '</row>';
}

/** The name a sheet may carry: at most 31 characters, none of []:*?/\ . */
export const sheetName = (name: string, n: number) => (n === 1 ? name : `${name}（${n}）`).replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || `Sheet${n}`;

/**
 * The workbook as a byte stream. `rowCount` says how many rows `pages` will give (it decides how many sheets there
 * are); `pages` yields the rows in order, a page at a time, and is read only as the client reads.
 */
export function xlsxStream(name: string, columns: XlsxColumn[], rowCount: number, pages: AsyncIterable<(string | null | undefined)[][]>, sheetRows = SHEET_ROWS): Readable {
  const perSheet = sheetRows - 1;
  const sheets = Math.max(1, Math.ceil(rowCount / perSheet));
  const zip = new yazl.ZipFile();
  const sheetList = Array.from({ length: sheets }, (_, i) => i + 1);
  zip.addBuffer(
    Buffer.from(
      `${XML}<Types xmlns="${NS}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetList
        .map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
        .join('')}</Types>`,
    ),
    '[Content_Types].xml',
  );
  zip.addBuffer(
    Buffer.from(
      `${XML}<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    '_rels/.rels',
  );
  zip.addBuffer(
    Buffer.from(
      `${XML}<workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets>${sheetList
        .map((n) => `<sheet name="${escapeXml(sheetName(name, n))}" sheetId="${n}" r:id="rId${n}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/workbook.xml',
  );
  zip.addBuffer(
    Buffer.from(
      `${XML}<Relationships xmlns="${NS}/package/2006/relationships">${sheetList
        .map((n) => `<Relationship Id="rId${n}" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/>`)
        .join('')}</Relationships>`,
    ),
    'xl/_rels/workbook.xml.rels',
  );

  // One generator over all the rows; each sheet's stream takes its share of them in turn (yazl reads entries in order).
  const source = pages[Symbol.asyncIterator]();
  let pending: (string | null | undefined)[][] = [];
  let done = false;
  const letters = columns.map((_, i) => columnLetters(i));
  const header = row(
    1,
    columns.map((c) => c.header),
    columns.map(() => ({ header: '', numeric: false })),
    letters,
  );
  const open = `${XML}<worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>`;
  for (const n of sheetList) {
    const last = n === sheets;
    zip.addReadStream(
      Readable.from(
        (async function* () {
          yield open + header;
          let left = perSheet;
          let rowNo = 1;
          while (left > 0 || last) {
            if (!pending.length) {
              if (done) break;
              const next = await source.next();
              if (next.done) {
                done = true;
                break;
              }
              pending = next.value;
            }
            const take = last ? pending.length : Math.min(left, pending.length);
            yield pending
              .slice(0, take)
              .map((values) => row(++rowNo, values, columns, letters))
              .join('');
            pending = pending.slice(take);
            left -= take;
          }
          yield '</sheetData></worksheet>';
        })(),
        { objectMode: false },
      ),
      `xl/worksheets/sheet${n}.xml`,
    );
  }
  zip.end();
  return zip.outputStream as Readable;
}
