/**
 * Ranking of documents for a plain question: BM25 over jieba words plus, at half weight, BM25 over character
 * bigrams. Kept behind this small interface so a PostgreSQL- or OpenSearch-backed engine can replace it (DESIGN.md).
 */
import { Bm25Index, countTerms, type Scored, type TermCounts } from './bm25.ts';
import { bigrams, normalise, tokenize } from './text.ts';

export interface Analysed {
  words: TermCounts;
  grams: TermCounts;
}

/** The index terms of a document's text: its words and its character bigrams, counted. */
export function analyse(text: string): Analysed {
  const n = normalise(text);
  return { words: countTerms(tokenize(n, true)), grams: countTerms(bigrams(n, true)) };
}

export interface SearchHit {
  id: number;
  score: number;
}

export const BIGRAM_WEIGHT = 0.5;
/** Official terms added for a colloquial word count a little less than the words the citizen typed. */
export const EXPANSION_WEIGHT = 0.7;
const WORDS = 0;
const GRAMS = 1;

export class SearchEngine {
  readonly index = new Bm25Index(2);

  get size() {
    return this.index.size;
  }

  get bytes() {
    return this.index.bytes;
  }

  get terms() {
    return this.index.terms(WORDS) + this.index.terms(GRAMS);
  }

  /** Documents whose words include this one (spelling suggestions ask). */
  wordDf(word: string) {
    return this.index.df(word, WORDS);
  }

  add(id: number, text: string) {
    this.addAnalysed(id, analyse(text));
  }

  /** Adds a document analysed beforehand (the benchmark analyses each distinct text once). */
  addAnalysed(id: number, a: Analysed) {
    this.index.add(id, [a.words, a.grams]);
  }

  remove(id: number) {
    this.index.remove(id);
  }

  trim() {
    this.index.trim();
  }

  /** Every matching document's score; `expansions` are other wordings of the query (synonyms) at a lower weight. */
  scoreAll(query: string, expansions: string[] = []): Scored {
    const n = normalise(query);
    this.index.score(tokenize(n, true), 1, WORDS);
    this.index.score(bigrams(n, true), BIGRAM_WEIGHT, GRAMS);
    for (const e of expansions) {
      this.index.score(tokenize(e), EXPANSION_WEIGHT, WORDS);
      this.index.score(bigrams(e), EXPANSION_WEIGHT * BIGRAM_WEIGHT, GRAMS);
    }
    return this.index.collect();
  }

  search(query: string, limit = 10): SearchHit[] {
    const { ids, scores } = this.scoreAll(query);
    const m = new Map<number, number>();
    ids.forEach((id, i) => m.set(id, scores[i]));
    return topK(m, limit);
  }

  /** Documents that may contain the phrase: all of its words and all of its bigrams occur in them. */
  phraseCandidates(phrase: string): Set<number> {
    const w = tokenize(phrase);
    const g = bigrams(phrase);
    const sets = [...(w.length ? [this.index.containingAll(w, WORDS)] : []), ...(g.length ? [this.index.containingAll(g, GRAMS)] : [])];
    if (!sets.length) return new Set();
    return new Set([...sets[0]].filter((id) => sets.every((s) => s.has(id))));
  }
}

/** The k best entries of a score map, best first (ties broken by id for stable results). */
export function topK(scores: Map<number, number>, k: number): SearchHit[] {
  const out: SearchHit[] = [];
  for (const [id, score] of scores) {
    if (out.length < k) {
      out.push({ id, score });
      if (out.length === k) out.sort(cmp);
    } else if (cmp({ id, score }, out[k - 1]) < 0) {
      out[k - 1] = { id, score };
      out.sort(cmp);
    }
  }
  return out.sort(cmp);
}

const cmp = (a: SearchHit, b: SearchHit) => b.score - a.score || a.id - b.id;
