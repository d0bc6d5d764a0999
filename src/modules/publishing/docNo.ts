/**
 * 发文字号 (document number) parsing. GB/T 9704-2012: 发文机关代字 + 〔年份〕 + 序号 + 号, the year in 六角括号, no
 * leading zeros. Real records use [] () （） 【】 ﹝﹞, spaces, zero-width characters and labels like "发文字号：";
 * they are all normalised to 代字〔年〕序号号. Numbers without a year (政府令第N号) are kept as written.
 */

export interface DocNo {
  /** 发文机关代字, e.g. 国办发. */
  prefix: string;
  year: number | null;
  serial: number;
  /** Canonical form: 国办发〔2019〕5号, or 政府令第219号 when the number has no year. */
  normalized: string;
}

const ZERO_WIDTH = /[\u200b-\u200f\u2060\ufeff]/g;
const OPEN = '[〔[［(（【﹝<＜{｛⟮]';
const CLOSE = '[〕\\]］)）】﹞>＞}｝⟯]';
const LABEL = /^(发文字号|文号|發文字號|文號)\s*[:：]\s*/;

// These patterns backtrack over spaces; parseDocNo refuses inputs over 120 characters before they run.
// eslint-disable-next-line regexp/no-super-linear-backtracking
const WITH_YEAR = new RegExp(`^(.+?)\\s*${OPEN}\\s*((?:19|20)\\d{2})\\s*${CLOSE}\\s*第?\\s*0*(\\d{1,6})\\s*号?$`);
// eslint-disable-next-line regexp/no-super-linear-backtracking
const BARE_YEAR = /^(.*?[^\d\s])\s*((?:19|20)\d{2})\s*年?\s*第?\s*0*(\d{1,6})\s*号?$/;
// eslint-disable-next-line regexp/no-super-linear-backtracking
const NO_YEAR = /^(.+?)\s*第\s*0*(\d{1,6})\s*号$/;

/** Parses a 文号 in any common form; null when it is not recognisable as one. */
export function parseDocNo(raw: string | null | undefined): DocNo | null {
  // A 文号 is short; the patterns below backtrack over their spaces, so a long input is refused before they run.
  if (!raw || raw.length > 120) return null;
  let s = raw.replace(ZERO_WIDTH, '').normalize('NFKC').trim();
  // NFKC turns full-width brackets into ASCII ones but keeps 〔〕; drop a trailing empty bracket pair left by exports.
  s = s
    .replace(LABEL, '')
    .replace(/[〔[(（]\s*[〕\])）]$/, '')
    .trim();
  if (!s) return null;
  let m = WITH_YEAR.exec(s) ?? BARE_YEAR.exec(s);
  if (m) {
    const prefix = m[1].replace(/\s+/g, '');
    if (!prefix || /^\d+$/.test(prefix)) return null;
    const year = Number(m[2]);
    const serial = Number(m[3]);
    return { prefix, year, serial, normalized: `${prefix}〔${year}〕${serial}号` };
  }
  // Misplaced serial as seen in real data: 晋政发〔2014〕号16.
  // eslint-disable-next-line regexp/no-super-linear-backtracking
  m = new RegExp(`^(.+?)\\s*${OPEN}\\s*((?:19|20)\\d{2})\\s*${CLOSE}\\s*号\\s*0*(\\d{1,6})$`).exec(s);
  if (m) {
    const prefix = m[1].replace(/\s+/g, '');
    return { prefix, year: Number(m[2]), serial: Number(m[3]), normalized: `${prefix}〔${m[2]}〕${Number(m[3])}号` };
  }
  m = NO_YEAR.exec(s);
  if (m) {
    const prefix = m[1].replace(/\s+/g, '');
    return { prefix, year: null, serial: Number(m[2]), normalized: `${prefix}第${Number(m[2])}号` };
  }
  return null;
}

/** The canonical form, or the trimmed input when it cannot be parsed (kept as written, never lost). */
export function normalizeDocNo(raw: string): string {
  return parseDocNo(raw)?.normalized ?? raw.replace(ZERO_WIDTH, '').trim();
}
