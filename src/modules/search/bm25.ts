/**
 * An in-memory inverted index scored with BM25 (Robertson & Zaragoza, k1 = 1.2, b = 0.75). Postings are kept per
 * term, so a query touches only the documents that contain its terms.
 */
export class Bm25Index {
  private postings = new Map<string, Map<number, number>>();
  private lengths = new Map<number, number>();
  private totalLength = 0;

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  get size() {
    return this.lengths.size;
  }

  add(doc: number, terms: string[]) {
    if (this.lengths.has(doc)) this.remove(doc);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) {
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = new Map()));
      p.set(doc, f);
    }
    this.lengths.set(doc, terms.length);
    this.totalLength += terms.length;
  }

  /** Removes a document. Postings are scanned, which is fine for the rare withdrawal. */
  remove(doc: number) {
    const len = this.lengths.get(doc);
    if (len === undefined) return;
    for (const [t, p] of this.postings) if (p.delete(doc) && p.size === 0) this.postings.delete(t);
    this.lengths.delete(doc);
    this.totalLength -= len;
  }

  idf(term: string): number {
    const n = this.postings.get(term)?.size ?? 0;
    return Math.log(1 + (this.lengths.size - n + 0.5) / (n + 0.5));
  }

  /** Adds weight × BM25 of the query terms (each distinct term once) to the scores map. */
  score(terms: string[], into: Map<number, number>, weight = 1): Map<number, number> {
    const avg = this.lengths.size ? this.totalLength / this.lengths.size : 1;
    for (const t of new Set(terms)) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = this.idf(t);
      for (const [doc, f] of p) {
        const dl = this.lengths.get(doc)!;
        const s = (idf * (f * (this.k1 + 1))) / (f + this.k1 * (1 - this.b + (this.b * dl) / avg));
        into.set(doc, (into.get(doc) ?? 0) + weight * s);
      }
    }
    return into;
  }
}
