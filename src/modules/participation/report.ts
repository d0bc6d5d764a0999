/**
 * The adoption report (意见采纳情况说明): what LS 三(一) asks to publish — the views received, how many were adopted,
 * the reasons for those not adopted — in the form Chinese sites publish by hand (序号 / 反馈人 / 意见内容 / 是否采纳 /
 * 理由, 金寨县), counted from the per-comment dispositions. Names are masked (朱**), personal data in the text is
 * masked, and a comment whose writer did not agree to publication is summarised by its clause only.
 */
import ExcelJS from 'exceljs';
import { escapeHtml } from '../../lib/html.ts';
import { chineseDate } from '../../lib/calendar.ts';
import { detectPersonalData, maskInText } from '../publishing/index.ts';
import type { Clause } from './clauses.ts';
import type { DuplicateReport } from './duplicates.ts';

export const DISPOSITIONS = {
  adopted: '采纳',
  partly_adopted: '部分采纳',
  not_adopted: '不采纳',
  out_of_scope: '不属于本次征求范围',
} as const;
export type Disposition = keyof typeof DISPOSITIONS;

export const CHANNELS = { website: '网站', letter: '信函', email: '电子邮件', meeting: '座谈会', hearing: '听证会' } as const;
export type Channel = keyof typeof CHANNELS;

export interface ReportComment {
  id: number;
  clause_key: string;
  channel: Channel;
  name: string;
  body: string;
  consent_publish: boolean;
  disposition: Disposition | null;
  reason: string;
}

export interface AdoptionReport {
  total: number;
  unique: number;
  copies: number;
  byDisposition: Record<Disposition, number>;
  byChannel: Record<Channel, number>;
  byClause: { label: string; count: number; adopted: number }[];
  notAdopted: { label: string; body: string; reason: string; copies: number }[];
  rows: { seq: number; commenter: string; clause: string; body: string; disposition: string; reason: string }[];
}

/** 张三 → 张**, a single character → *, nothing → 匿名. */
export function maskName(name: string): string {
  const n = name.trim();
  if (!n) return '匿名';
  const chars = [...n];
  return chars.length === 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 2))}`;
}

export function maskText(text: string): string {
  return maskInText(text, detectPersonalData(text));
}

/** Comments still without a disposition or, where not adopted, without a reason: the feedback waits for them. */
export function incompleteDispositions(comments: Pick<ReportComment, 'id' | 'disposition' | 'reason'>[]): number[] {
  return comments.filter((c) => !c.disposition || (c.disposition !== 'adopted' && !c.reason.trim())).map((c) => c.id);
}

export function adoptionReport(clauses: Clause[], comments: ReportComment[], dup: DuplicateReport): AdoptionReport {
  const label = (key: string) => (key ? (clauses.find((c) => c.key === key)?.label ?? '全文') : '全文');
  const byDisposition = Object.fromEntries(Object.keys(DISPOSITIONS).map((k) => [k, 0])) as Record<Disposition, number>;
  const byChannel = Object.fromEntries(Object.keys(CHANNELS).map((k) => [k, 0])) as Record<Channel, number>;
  const clauseCounts = new Map<string, { label: string; count: number; adopted: number }>();
  for (const c of comments) {
    if (c.disposition) byDisposition[c.disposition]++;
    byChannel[c.channel]++;
    const l = label(c.clause_key);
    const e = clauseCounts.get(l) ?? { label: l, count: 0, adopted: 0 };
    e.count++;
    if (c.disposition === 'adopted' || c.disposition === 'partly_adopted') e.adopted++;
    clauseCounts.set(l, e);
  }
  // Clauses in the order of the draft, the whole text first.
  const order = ['全文', ...clauses.map((c) => c.label)];
  const byClause = [...clauseCounts.values()].sort((a, b) => order.indexOf(a.label) - order.indexOf(b.label));
  const copiesOf = new Map(dup.groups.map((g) => [g.first, g.ids.length - 1]));
  const repeated = new Set(dup.groups.flatMap((g) => g.ids.slice(1)));
  const shown = (c: ReportComment) => (c.consent_publish ? maskText(c.body) : `（对${label(c.clause_key)}提出的意见，意见人未同意公开原文）`);
  const notAdopted = comments
    .filter((c) => c.disposition === 'not_adopted' && !repeated.has(c.id))
    .map((c) => ({ label: label(c.clause_key), body: shown(c), reason: c.reason, copies: copiesOf.get(c.id) ?? 0 }));
  const rows = comments.map((c, i) => ({
    seq: i + 1,
    commenter: maskName(c.name),
    clause: label(c.clause_key),
    body: shown(c),
    disposition: c.disposition ? DISPOSITIONS[c.disposition] : '',
    reason: c.reason,
  }));
  return { total: comments.length, unique: dup.unique, copies: dup.copies, byDisposition, byChannel, byClause, notAdopted, rows };
}

/** The way back from the feedback item to the consultation (its draft and the published comments). */
const backLink = (c: { id?: number; title: string }) => (c.id ? `<p>征求意见稿及公开的意见：<a href="/hdjl/yjzj/${c.id}">${escapeHtml(c.title)}</a></p>` : '');

/**
 * Above these sizes the body would be unreadable (and past an item body's limit): the full table goes into an attached
 * workbook and the body lists the most repeated non-adopted views (bench/participation.ts: 100,000 comments).
 */
export const MAX_INLINE_ROWS = 500;
export const MAX_LISTED_VIEWS = 200;
export const TABLE_FILENAME = '意见采纳情况表.xlsx';

/** The table as an XLSX attachment, for a consultation too large to print it in the body. */
export async function adoptionTableXlsx(title: string, r: AdoptionReport): Promise<Buffer> {
  // In memory, not streamed: exceljs's streaming writer puts [Content_Types].xml last, and the upload check (by the
  // bytes, file-type) then takes a large workbook for a plain zip and refuses it.
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  const ws = wb.addWorksheet('意见采纳情况表', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, 6);
  ws.getCell(1, 1).value = `《${title}》意见采纳情况表`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.addRow(['序号', '反馈人', '条款', '意见内容', '是否采纳', '理由']).font = { bold: true };
  for (const x of r.rows) ws.addRow([x.seq, x.commenter, x.clause, x.body, x.disposition, x.reason]);
  [8, 10, 10, 60, 12, 40].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The report as the body of an information item: a summary, the views by clause, the reasons, the full table. */
export function reportHtml(c: { id?: number; title: string; opensOn: string; closesOn: string; unitName: string }, r: AdoptionReport): string {
  const adopted = r.byDisposition.adopted + r.byDisposition.partly_adopted;
  const channels = (Object.keys(CHANNELS) as Channel[]).filter((k) => r.byChannel[k]).map((k) => `${CHANNELS[k]}${r.byChannel[k]}条`);
  const parts = [
    `<p>${escapeHtml(c.unitName)}于${chineseDate(c.opensOn)}至${chineseDate(c.closesOn)}就《${escapeHtml(c.title)}》公开征求意见，共收到意见${r.total}条（${channels.join('，') || '无'}），其中内容相同或基本相同的${r.copies}条，不同意见${r.unique}条。</p>`,
    `<p>经研究，采纳${r.byDisposition.adopted}条，部分采纳${r.byDisposition.partly_adopted}条，不采纳${r.byDisposition.not_adopted}条，不属于本次征求意见范围${r.byDisposition.out_of_scope}条；采纳和部分采纳共${adopted}条。</p>`,
  ];
  if (r.byClause.length) {
    parts.push('<h2>一、意见分布</h2>');
    parts.push(
      `<table><tbody><tr><th>条款</th><th>意见数</th><th>采纳或部分采纳</th></tr>${r.byClause.map((x) => `<tr><td>${escapeHtml(x.label)}</td><td>${x.count}</td><td>${x.adopted}</td></tr>`).join('')}</tbody></table>`,
    );
  }
  if (r.notAdopted.length) {
    // A large consultation lists its most repeated views here and the rest in the attached table.
    const listed = r.notAdopted.length > MAX_LISTED_VIEWS ? [...r.notAdopted].sort((a, b) => b.copies - a.copies).slice(0, MAX_LISTED_VIEWS) : r.notAdopted;
    parts.push('<h2>二、未采纳的意见及理由</h2>');
    parts.push(
      `<ol>${listed.map((x) => `<li><p>${escapeHtml(x.label)}：${escapeHtml(x.body)}${x.copies ? `（另有${x.copies}条相同意见）` : ''}</p><p>理由：${escapeHtml(x.reason)}</p></li>`).join('')}</ol>`,
    );
    if (listed.length < r.notAdopted.length)
      parts.push(`<p>以上为相同意见最多的${listed.length}条；其余${r.notAdopted.length - listed.length}条未采纳的意见及理由见附件《${TABLE_FILENAME}》。</p>`);
  }
  const heading = `${r.notAdopted.length ? '三' : r.byClause.length ? '二' : '一'}、意见采纳情况表`;
  if (r.rows.length > MAX_INLINE_ROWS) {
    parts.push(`<h2>${heading}</h2>`, `<p>共${r.rows.length}条意见的序号、反馈人、条款、意见内容、是否采纳及理由，见附件《${TABLE_FILENAME}》。</p>`);
    return parts.join('') + backLink(c);
  }
  parts.push(`<h2>${heading}</h2>`);
  parts.push(
    `<table><tbody><tr><th>序号</th><th>反馈人</th><th>条款</th><th>意见内容</th><th>是否采纳</th><th>理由</th></tr>${r.rows
      .map(
        (x) =>
          `<tr><td>${x.seq}</td><td>${escapeHtml(x.commenter)}</td><td>${escapeHtml(x.clause)}</td><td>${escapeHtml(x.body)}</td><td>${escapeHtml(x.disposition)}</td><td>${escapeHtml(x.reason)}</td></tr>`,
      )
      .join('')}</tbody></table>`,
  );
  return parts.join('') + backLink(c);
}
