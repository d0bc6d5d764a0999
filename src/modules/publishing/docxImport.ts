/**
 * DOCX import: the body as sanitised HTML (mammoth) and proposals for 标题, 发文字号, 发文机关 and 成文日期 read from
 * the document's text, for the publisher to confirm. Proposals are guesses from the layout of GB/T 9704 公文; they
 * never fill a field silently.
 */
import mammoth from 'mammoth';
import { sanitizeRichText, type SafeHtml } from '../../lib/html.ts';
import { parseDocNo } from './docNo.ts';
import { runUntrusted } from '../../lib/untrusted/sandbox.ts';

export interface DocxProposals {
  title: string | null;
  docNo: string | null;
  issuingOrgans: string[];
  writtenDate: string | null;
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二〇 → 2020; 十一 → 11; 二十三 → 23; 三十一 → 31. */
function cnNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if ([...s].every((c) => c in CN_DIGITS)) return Number([...s].map((c) => CN_DIGITS[c]).join(''));
  const m = /^([一二三]?)十([一二三四五六七八九]?)$/.exec(s);
  if (m) return (m[1] ? CN_DIGITS[m[1]] : 1) * 10 + (m[2] ? CN_DIGITS[m[2]] : 0);
  return null;
}

const DATE_RE = /([0-9〇零Oo一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月\s*([0-9一二三四五六七八九十]{1,3})\s*日/g;

export function findDates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DATE_RE)) {
    const y = cnNumber(m[1]);
    const mo = cnNumber(m[2]);
    const d = cnNumber(m[3]);
    if (!y || !mo || !d || mo > 12 || d > 31) continue;
    out.push(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  }
  return out;
}

const TITLE_END = /(通知|意见|决定|办法|规定|公告|通告|批复|函|报告|方案|细则|规划|纪要|通报|决议|命令|令|条例|规则|要点|计划|指引|指南|清单|目录|标准)$/;
const ORGAN_END = /(人民政府|办公室|办公厅|委员会|局|厅|委|部|署|院|中心|管委会|政府)$/;

export function proposeMetadata(text: string): DocxProposals {
  const lines = text
    .split(/\n+/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const head = lines.slice(0, 15);
  const docLine = head.find((l) => l.length <= 30 && parseDocNo(l)?.year);
  const docNo = docLine ? parseDocNo(docLine)!.normalized : null;
  // Titles run over one or two lines near the top; join a line that ends mid-title with the next.
  let title: string | null = null;
  for (let i = 0; i < head.length; i++) {
    const l = head[i];
    if (l === docLine || l.length > 80) continue;
    if (TITLE_END.test(l) && (l.includes('关于') || l.length >= 6)) {
      title = l.replace(/\s+/g, '');
      break;
    }
    const joined = `${l}${head[i + 1] ?? ''}`.replace(/\s+/g, '');
    if (l.includes('关于') && TITLE_END.test(joined) && joined.length <= 80) {
      title = joined;
      break;
    }
  }
  const organs = new Set<string>();
  const header = head.find((l) => /文件$/.test(l) && l.length <= 40);
  if (header) organs.add(header.replace(/文件$/, '').trim());
  const dates = findDates(text);
  const writtenDate = dates.length ? dates[dates.length - 1] : null;
  // The signature is the line just before the last date, at the end of the document.
  const tail = lines.slice(-8);
  const dateIdx = tail.findLastIndex((l) => findDates(l).length > 0 && l.length <= 20);
  if (dateIdx > 0) {
    const sig = tail[dateIdx - 1];
    if (sig.length <= 40 && ORGAN_END.test(sig)) sig.split(/\s+/).forEach((s) => ORGAN_END.test(s) && organs.add(s));
  }
  return { title, docNo, issuingOrgans: [...organs], writtenDate };
}

/** Converts a DOCX in this thread: only for the sandbox task (docxImport.task.ts) and tests of trusted files. */
export async function convertDocx(content: Buffer): Promise<{ bodyHtml: SafeHtml; proposals: DocxProposals; messages: string[] }> {
  const [html, raw] = await Promise.all([mammoth.convertToHtml({ buffer: content }), mammoth.extractRawText({ buffer: content })]);
  return {
    bodyHtml: sanitizeRichText(html.value),
    proposals: proposeMetadata(raw.value),
    messages: html.messages.filter((m) => m.type === 'error').map((m) => m.message),
  };
}

/** An uploaded DOCX, converted in the sandbox (a worker with a heap limit and a deadline, after archive inspection). */
export function importDocx(content: Buffer): Promise<{ bodyHtml: SafeHtml; proposals: DocxProposals; messages: string[] }> {
  return runUntrusted(new URL('./docxImport.task.ts', import.meta.url), content);
}
