/**
 * Ranking of documents for a plain question: BM25 over jieba words plus, at half weight, BM25 over character
 * bigrams. Kept behind this small interface so a PostgreSQL- or OpenSearch-backed engine can replace it (DESIGN.md).
 */
import { Bm25Index } from './bm25.ts';
import { bigrams, normalise, tokenize } from './text.ts';

export interface SearchHit {
  id: number;
  score: number;
}

export const BIGRAM_WEIGHT = 0.5;
/** Official terms added for a colloquial word count a little less than the words the citizen typed. */
export const EXPANSION_WEIGHT = 0.7;

export class SearchEngine {
  readonly words = new Bm25Index();
  readonly grams = new Bm25Index();

  get size() {
    return this.words.size;
  }

  get bytes() {
    return this.words.bytes + this.grams.bytes;
  }

  add(id: number, text: string) {
    const n = normalise(text);
    this.words.add(id, tokenize(n, true));
    this.grams.add(id, bigrams(n, true));
  }

  remove(id: number) {
    this.words.remove(id);
    this.grams.remove(id);
  }

  trim() {
    this.words.trim();
    this.grams.trim();
  }

  /** Every matching document's score; `expansions` are other wordings of the query (synonyms) at a lower weight. */
  scoreAll(query: string, expansions: string[] = []): Map<number, number> {
    const scores = new Map<number, number>();
    this.words.score(tokenize(query), scores, 1);
    this.grams.score(bigrams(query), scores, BIGRAM_WEIGHT);
    for (const e of expansions) {
      this.words.score(tokenize(e), scores, EXPANSION_WEIGHT);
      this.grams.score(bigrams(e), scores, EXPANSION_WEIGHT * BIGRAM_WEIGHT);
    }
    return scores;
  }

  search(query: string, limit = 10): SearchHit[] {
    return topK(this.scoreAll(query), limit);
  }

  /** Documents that may contain the phrase: all of its words and all of its bigrams occur in them. */
  phraseCandidates(phrase: string): Set<number> {
    const w = tokenize(phrase);
    const g = bigrams(phrase);
    const sets = [...(w.length ? [this.words.containingAll(w)] : []), ...(g.length ? [this.grams.containingAll(g)] : [])];
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
