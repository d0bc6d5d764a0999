/**
 * The question box: the current public answers ranked for a plain question with the search module's engine over each
 * entry's question and variants (how people ask). The index is rebuilt at most once a minute per node; the ranked ids
 * are then checked against the current public set, so an answer withheld for review never shows.
 */
import type { Queryable } from '../../lib/db.ts';
import { SearchEngine } from '../search/index.ts';
import { currentPublicEntries } from './queries.ts';

const TTL_MS = 60_000;

export class AnswerFinder {
  private built: { db: Queryable; at: number; engine: SearchEngine; rows: Map<number, { id: number; question: string; unit_name: string }> } | null = null;

  private async index(q: Queryable) {
    // Kept per database: one process may serve (or test) more than one.
    if (this.built && this.built.db === q && Date.now() - this.built.at < TTL_MS) return this.built;
    const rows = await currentPublicEntries(q);
    const engine = new SearchEngine();
    for (const r of rows) engine.add(r.id, [r.question, ...r.variants].join('\n'));
    this.built = { db: q, at: Date.now(), engine, rows: new Map(rows.map((r) => [r.id, { id: r.id, question: r.question, unit_name: r.unit_name }])) };
    return this.built;
  }

  /** Forget the index (after a publication or a withdrawal on this node). */
  invalidate() {
    this.built = null;
  }

  async find(q: Queryable, question: string, limit = 5): Promise<{ id: number; question: string; unit_name: string }[]> {
    const text = question.trim();
    if (!text) return [];
    const { engine, rows } = await this.index(q);
    const hits = engine.search(text, limit * 3);
    if (!hits.length) return [];
    // A hit far below the best is noise; the best itself must share something real with the question.
    const best = hits[0].score;
    const current = new Set((await currentPublicEntries(q)).map((r) => r.id));
    return hits
      .filter((h) => h.score >= best * 0.5 && current.has(h.id))
      .slice(0, limit)
      .map((h) => rows.get(h.id)!)
      .filter(Boolean);
  }
}

/** The one finder of this process (its index is kept per database). */
export const answerFinder = new AnswerFinder();
