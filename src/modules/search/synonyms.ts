/** The office's list of everyday words and the official terms documents use instead (同义词表). */
import { normalise } from './text.ts';

export interface SynonymEntry {
  term: string;
  synonyms: string[];
}

export class Synonyms {
  private entries: { term: string; synonyms: string[] }[];

  constructor(rows: SynonymEntry[]) {
    this.entries = rows.map((r) => ({ term: normalise(r.term), synonyms: r.synonyms.map((s) => normalise(s)) })).filter((r) => r.term);
  }

  get size() {
    return this.entries.length;
  }

  /** The official terms to search for as well: those of every listed word the query contains and does not already name. */
  expand(query: string): string[] {
    const q = normalise(query);
    const out = new Set<string>();
    for (const e of this.entries) {
      if (!q.includes(e.term)) continue;
      for (const s of e.synonyms) if (!q.includes(s)) out.add(s);
    }
    return [...out];
  }

  /** Every listed word and official term, for spelling suggestions. */
  words(): string[] {
    return this.entries.flatMap((e) => [e.term, ...e.synonyms]);
  }
}

const SPLIT = /[\s,，、;；]+/;

/** Reads the synonym form; errors are keyed by field, in the user's language. */
export function readSynonymForm(body: Record<string, unknown>): { value: SynonymEntry; errors: Record<string, string>; values: Record<string, string> } {
  const termRaw = typeof body.term === 'string' ? body.term : '';
  const synRaw = typeof body.synonyms === 'string' ? body.synonyms : '';
  const term = termRaw.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const synonyms = [
    ...new Set(
      synRaw
        .replace(/[\u0000-\u001f\u007f]/g, ' ')
        .split(SPLIT)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const errors: Record<string, string> = {};
  if (!term) errors.term = '请填写群众常用的说法，例如“社保”';
  else if (term.length > 20 || SPLIT.test(term)) errors.term = '常用说法须是一个词，不超过20个字，不含空格和标点';
  if (!synonyms.length) errors.synonyms = '请填写至少一个规范说法，例如“社会保险”';
  else if (synonyms.length > 10 || synonyms.some((s) => s.length > 20)) errors.synonyms = '规范说法最多10个，每个不超过20个字';
  else if (synonyms.some((s) => normalise(s) === normalise(term)) && synonyms.length === 1) errors.synonyms = '规范说法不能只是常用说法本身';
  return { value: { term, synonyms }, errors, values: { term: termRaw.slice(0, 100), synonyms: synRaw.slice(0, 500) } };
}
