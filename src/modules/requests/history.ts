/**
 * What an applicant's earlier applications suggest (Art. 35, 36(6)): the same information asked again after a reply
 * (offer 不予重复处理), or a volume or frequency clearly beyond reason (offer to ask for reasons). The officer decides;
 * the platform only points at the cases.
 */
import { bigrams } from '../search/index.ts';

/** Share of character pairs two requests have in common (Jaccard over bigrams), 0–1. */
export function similarity(a: string, b: string): number {
  const x = new Set(bigrams(a));
  const y = new Set(bigrams(b));
  if (!x.size || !y.size) return 0;
  let both = 0;
  for (const g of x) if (y.has(g)) both++;
  return both / (x.size + y.size - both);
}

export const REPEAT_SIMILARITY = 0.6;
/** Applications in 30 days from one applicant above which Art. 35 is worth considering (a local judgement, [U]). */
export const MANY_APPLICATIONS_30_DAYS = 10;

export interface HistoryRow {
  id: number;
  case_no: string;
  info_title: string;
  info_description: string;
  outcome: string | null;
  replied_on: string | null;
  submitted: string;
}

export function historyHints(current: { info_title: string; info_description: string }, history: HistoryRow[], today: string) {
  const text = (r: { info_title: string; info_description: string }) => `${r.info_title} ${r.info_description}`;
  const repeats = history.filter((h) => h.replied_on && similarity(text(current), text(h)) >= REPEAT_SIMILARITY);
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - 30 * 86400_000).toISOString().slice(0, 10);
  const recent = history.filter((h) => h.submitted >= since).length + 1;
  return { repeats, recent, many: recent > MANY_APPLICATIONS_30_DAYS };
}

/** How many applications (this one included) asked for the same information, by any applicant. */
export function sameInformationCount(current: { id: number; info_title: string; info_description: string }, others: { id: number; text: string }[]): number {
  const text = `${current.info_title} ${current.info_description}`;
  return 1 + others.filter((o) => o.id !== current.id && similarity(text, o.text) >= REPEAT_SIMILARITY).length;
}
