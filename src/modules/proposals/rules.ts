/**
 * The rules of 建议提案办理 as pure functions (ADR 0021): the kinds, the reply period, the result classes, the
 * proposer's feedback, and the publication decision (全文公开 / 摘要公开 / 不公开, the last two with their text).
 *
 *   assigned ──reply──▶ replied ──decide publication──▶ (full | summary → an item drafted in 建议提案办理结果) | none
 *   assigned ──withdraw with a reason (并案、撤回)──▶ withdrawn
 */
import { ValidationError } from '../../lib/errors.ts';

export const KINDS = { suggestion: '人大代表建议', proposal: '政协委员提案' } as const;
export type Kind = keyof typeof KINDS;

/** 办理结果分类 as most local rules grade answers (A/B/C). */
export const RESULTS = { A: '所提问题已解决或采纳', B: '正在解决或列入计划解决', C: '因条件限制或其他原因留作参考' } as const;
export type Result = keyof typeof RESULTS;

export const FEEDBACK = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' } as const;
export type Feedback = keyof typeof FEEDBACK;

export const PUBLICATION = { full: '全文公开', summary: '摘要公开', none: '不公开' } as const;
export type Publication = keyof typeof PUBLICATION;

/**
 * Months from assignment to reply. Local 建议/提案 rules commonly give three months (the national 办法 for NPC
 * deputies' suggestions does too); regulations.md does not verify a local number, so the clerk may change the date.
 */
export const DEFAULT_REPLY_MONTHS = 3;

export function defaultReplyDue(assignedOn: string): string {
  const [y, m, d] = assignedOn.split('-').map(Number);
  const month = m - 1 + DEFAULT_REPLY_MONTHS;
  const year = y + Math.floor(month / 12);
  const mm = (month % 12) + 1;
  const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return `${year}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** 全文公开 needs nothing more; 摘要公开 needs the summary; 不公开 needs the reason (LS 二(二): full text where of public interest). */
export function checkPublication(p: string, reason: string, summary: string): { publication: Publication; reason: string; summary: string } {
  if (!(p in PUBLICATION)) throw new ValidationError({ publication: '请选择公开方式' });
  const errors: Record<string, string> = {};
  if (p === 'none' && !reason.trim()) errors.publicationReason = '不公开的，请写明理由（如涉及国家秘密、个人隐私）';
  if (p === 'summary' && !summary.trim()) errors.summary = '摘要公开的，请填写公开的摘要';
  if (p === 'summary' && !reason.trim()) errors.publicationReason = '摘要公开的，请写明不全文公开的理由';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { publication: p as Publication, reason: reason.trim(), summary: summary.trim() };
}

export interface SummaryRow {
  kind: Kind;
  state: string;
  replied_on: string | null;
  reply_due_on: string;
  publication: string;
  published: boolean;
}

/** The yearly summary: counts per kind, answered on time, and the published share (published ÷ answered). */
export function yearSummary(rows: SummaryRow[]) {
  const of = (k: Kind) => {
    const mine = rows.filter((r) => r.kind === k && r.state !== 'withdrawn');
    const replied = mine.filter((r) => r.replied_on);
    const published = replied.filter((r) => r.published);
    return {
      assigned: mine.length,
      replied: replied.length,
      onTime: replied.filter((r) => r.replied_on! <= r.reply_due_on).length,
      full: replied.filter((r) => r.publication === 'full').length,
      summary: replied.filter((r) => r.publication === 'summary').length,
      none: replied.filter((r) => r.publication === 'none').length,
      undecided: replied.filter((r) => !r.publication).length,
      published: published.length,
      publishedShare: replied.length ? published.length / replied.length : null,
    };
  };
  return { suggestion: of('suggestion'), proposal: of('proposal') };
}
export type YearSummary = ReturnType<typeof yearSummary>;

/** One sentence for the annual report's 其他需要报告的事项 (regulations.md §2.6: how the results were disclosed). */
export function reportSentence(year: number, s: YearSummary): string {
  const part = (label: string, x: YearSummary['suggestion']) =>
    x.assigned ? `承办${label}${x.assigned}件，已答复${x.replied}件，公开答复${x.published}件（全文公开${x.full}件、摘要公开${x.summary}件），不公开${x.none}件` : '';
  const parts = [part('人大代表建议', s.suggestion), part('政协委员提案', s.proposal)].filter(Boolean);
  return parts.length ? `${year}年${parts.join('；')}。` : '';
}
