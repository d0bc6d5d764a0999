/**
 * Ranking of documents for a plain question: BM25 over jieba words plus, at half weight, BM25 over character
 * bigrams. Kept behind this small interface so a PostgreSQL- or OpenSearch-backed engine can replace it (DESIGN.md).
 */
import { Bm25Index } from './bm25.ts';
import { bigrams, tokenize } from './text.ts';

export interface SearchHit {
  id: number;
  score: number;
}

export const BIGRAM_WEIGHT = 0.5;

export class SearchEngine {
  private words = new Bm25Index();
  private grams = new Bm25Index();

  get size() {
    return this.words.size;
  }

  add(id: number, text: string) {
    this.words.add(id, tokenize(text));
    this.grams.add(id, bigrams(text));
  }

  remove(id: number) {
    this.words.remove(id);
    this.grams.remove(id);
  }

  search(query: string, limit = 10): SearchHit[] {
    const scores = new Map<number, number>();
    this.words.score(tokenize(query), scores, 1);
    this.grams.score([...new Set(bigrams(query))], scores, BIGRAM_WEIGHT);
    return topK(scores, limit);
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
