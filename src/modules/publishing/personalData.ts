/**
 * Detection of personal data before publication (去标识化, ZJ (二十二); Art. 15 protects 个人隐私). Finds
 * 居民身份证号 (GB 11643 check digit and a real birth date), mobile numbers, bank card numbers (Luhn), e-mail
 * addresses and landline numbers. Pure: text in, findings out. Each finding must later be masked or justified.
 */
import { createHash } from 'node:crypto';

export type PersonalDataKind = 'id_card' | 'mobile' | 'bank_card' | 'email' | 'landline';

export const PERSONAL_DATA_LABELS: Record<PersonalDataKind, string> = {
  id_card: '居民身份证号码',
  mobile: '手机号码',
  bank_card: '银行卡号',
  email: '个人电子邮箱',
  landline: '固定电话号码',
};

export interface Finding {
  kind: PersonalDataKind;
  value: string;
  index: number;
  /** The value masked for display, with a little context. */
  excerpt: string;
  valueHash: string;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function isValidIdCard(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17].toUpperCase();
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/** Masks all but the first and last few characters: 110101********1234. */
export function mask(value: string, kind: PersonalDataKind): string {
  const compact = value;
  if (kind === 'email') {
    const [user, domain] = compact.split('@');
    return `${user.slice(0, 1)}***@${domain}`;
  }
  const keepStart = kind === 'id_card' ? 6 : kind === 'bank_card' ? 4 : 3;
  const keepEnd = 4;
  if (compact.length <= keepStart + keepEnd) return '*'.repeat(compact.length);
  return compact.slice(0, keepStart) + '*'.repeat(compact.length - keepStart - keepEnd) + compact.slice(-keepEnd);
}

const hash = (kind: string, v: string) => createHash('sha256').update(`${kind}:${v}`).digest('hex').slice(0, 32);

// Digit runs not glued to other digits or Latin letters, so parts of longer numbers and codes are not matched.
const PATTERNS: { kind: PersonalDataKind; re: RegExp; check?: (v: string) => boolean }[] = [
  { kind: 'id_card', re: /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, check: isValidIdCard },
  { kind: 'bank_card', re: /(?<![\dA-Za-z])(?:\d{4}[ -]?){3}\d{4,7}(?![\dA-Za-z])/g, check: (v) => /^(62|4|5|3)/.test(v.replace(/\D/g, '')) && luhn(v.replace(/\D/g, '')) },
  { kind: 'mobile', re: /(?<![\dA-Za-z])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![\dA-Za-z])/g },
  // Starts only where a run of local-part characters starts (the look-behind), and every part is bounded, so a long
  // run without '@' is scanned once: the unbounded form was quadratic (40k characters took 12 s).
  { kind: 'email', re: /(?<![\w%+.-])[\w%+.-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z])/g },
  { kind: 'landline', re: /(?<![\dA-Za-z])0\d{2,3}-\d{7,8}(?![\dA-Za-z])/g },
];

export interface DetectOptions {
  /** Addresses and numbers that are the office's own published contacts, not personal data. */
  allow?: string[];
}

/** Finds personal data in text; overlapping matches are reported once, by the first (most specific) kind. */
export function detectPersonalData(text: string, opts: DetectOptions = {}): Finding[] {
  const allow = new Set((opts.allow ?? []).map((s) => s.replace(/[\s-]/g, '').toLowerCase()));
  const taken: [number, number][] = [];
  const out: Finding[] = [];
  for (const p of PATTERNS) {
    for (const m of text.matchAll(p.re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const value = m[0];
      const compact = value.replace(/[\s-]/g, '').replace(/^\+?86(?=1[3-9]\d{9}$)/, '');
      if (p.check && !p.check(value)) continue;
      if (allow.has(compact.toLowerCase())) continue;
      taken.push([start, end]);
      const before = text.slice(Math.max(0, start - 8), start).replace(/\s+/g, ' ');
      const after = text.slice(end, end + 8).replace(/\s+/g, ' ');
      out.push({ kind: p.kind, value, index: start, excerpt: `${before}${mask(compact, p.kind)}${after}`, valueHash: hash(p.kind, compact) });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Replaces every occurrence of the found values in text with their masked form. */
export function maskInText(text: string, findings: { kind: PersonalDataKind; value: string }[]): string {
  let out = text;
  for (const f of findings) out = out.split(f.value).join(mask(f.value.replace(/[\s-]/g, ''), f.kind));
  return out;
}
