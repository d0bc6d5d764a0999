/** What a citizen typed, made safe and split into free words and "exact phrases". */
import { toSimplifiedText } from '../../lib/script.ts';
import { normalise } from './text.ts';

export const MAX_QUERY = 200;

/** Control characters become spaces; the query is cut at MAX_QUERY characters (tooLong says so). */
export function cleanQuery(raw: unknown): { q: string; tooLong: boolean } {
  const s = typeof raw === 'string' ? raw.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() : '';
  return { q: s.slice(0, MAX_QUERY).trim(), tooLong: s.length > MAX_QUERY };
}

const QUOTED = /["“”「」『』]([^"“”「」『』]+)["“”「」『』]/g;

export interface ParsedQuery {
  /** The query without quotation marks: phrases still count for ranking. */
  text: string;
  /** Quoted phrases in their normal form; a result must contain each of them exactly. */
  phrases: string[];
}

export function parseQuery(q: string): ParsedQuery {
  const phrases = [...q.matchAll(QUOTED)].map((m) => normalise(m[1]).replace(/\s+/g, ' ').trim()).filter((p) => p.length > 0);
  return {
    text: q
      .replace(/["“”「」『』]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
    phrases: [...new Set(phrases)],
  };
}

/**
 * The form a query is logged, counted and shown in: width-normalised, lower case, single spaces, and in Simplified
 * Chinese converted by phrase when it was typed in Traditional (这个怎么办, not 这个怎幺办).
 */
export function logForm(q: string): string {
  return toSimplifiedText(q.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
}
