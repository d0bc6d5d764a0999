/**
 * The question box: the current public answers ranked for a plain question with the search module's engine over each
 * entry's question and variants (how people ask). The index is rebuilt at most once a minute per node; the ranked ids
 * are then checked against the current public set, so an answer withheld for review never shows. The ranking itself
 * is the pure pair `answerIndex` / `rankAnswers`, which `answers-eval` measures on a judged question set.
 */
import type { Queryable } from '../../lib/db.ts';
import { SearchEngine } from '../search/index.ts';
import { currentPublicEntries } from './queries.ts';

const TTL_MS = 60_000;
/** A hit below this share of the best one is noise. */
export const RELATIVE_FLOOR = 0.5;

export function answerIndex(entries: { id: number; question: string; variants: string[] }[]): SearchEngine {
  const engine = new SearchEngine();
  for (const r of entries) engine.add(r.id, [r.question, ...r.variants].join('\n'));
  return engine;
}

/** The ids of the best answers for a question, best first. */
export function rankAnswers(engine: SearchEngine, question: string, limit: number): number[] {
  const text = question.trim();
  if (!text) return [];
  const hits = engine.search(text, limit * 3);
  const best = hits[0]?.score ?? 0;
  return hits
    .filter((h) => h.score >= best * RELATIVE_FLOOR)
    .slice(0, limit)
    .map((h) => h.id);
}

export class AnswerFinder {
  private built: { db: Queryable; at: number; engine: SearchEngine; rows: Map<number, { id: number; question: string; unit_name: string }> } | null = null;

  private async index(q: Queryable) {
    // Kept per database: one process may serve (or test) more than one.
    if (this.built && this.built.db === q && Date.now() - this.built.at < TTL_MS) return this.built;
    const rows = await currentPublicEntries(q);
    this.built = { db: q, at: Date.now(), engine: answerIndex(rows), rows: new Map(rows.map((r) => [r.id, { id: r.id, question: r.question, unit_name: r.unit_name }])) };
    return this.built;
  }

  /** Forget the index (after a publication or a withdrawal on this node). */
  invalidate() {
    this.built = null;
  }

  async find(q: Queryable, question: string, limit = 5): Promise<{ id: number; question: string; unit_name: string }[]> {
    const { engine, rows } = await this.index(q);
    const ranked = rankAnswers(engine, question, limit * 2);
    if (!ranked.length) return [];
    const current = new Set((await currentPublicEntries(q)).map((r) => r.id));
    return ranked
      .filter((id) => current.has(id))
      .slice(0, limit)
      .map((id) => rows.get(id)!)
      .filter(Boolean);
  }
}

/** The one finder of this process (its index is kept per database). */
export const answerFinder = new AnswerFinder();
