/**
 * The question box: the current public answers ranked for a plain question with the search module's engine over each
 * entry's question and variants (how people ask). The index is rebuilt at most once a minute per node; the ranked ids
 * are then checked against the current public set, so an answer withheld for review never shows. The ranking itself
 * is the pure pair `answerIndex` / `rankAnswers`, which `answers-eval` measures on a judged question set.
 */
import type { Queryable } from '../../lib/db.ts';
import { SearchEngine } from '../search/index.ts';
import { currentPublicEntries, currentPublicIds, type CurrentEntry } from './queries.ts';

const TTL_MS = 60_000;
/** A hit below this share of the best one is noise. */
export const RELATIVE_FLOOR = 0.5;

/** What an entry is found by: its question and how people ask it. */
const entryText = (r: { question: string; variants: string[] }) => [r.question, ...r.variants].join('\n');

export function answerIndex(entries: { id: number; question: string; variants: string[] }[]): SearchEngine {
  const engine = new SearchEngine();
  for (const r of entries) engine.add(r.id, entryText(r));
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

/**
 * A ranking index over records loaded from the database, rebuilt at most once a minute and kept per database (one
 * process may serve, or test, more than one). Used by the question box for answers and for concerns.
 */
export class CachedIndex<R extends { id: number }> {
  private built: { db: Queryable; at: number; engine: SearchEngine; rows: Map<number, R> } | null = null;
  constructor(
    private readonly load: (q: Queryable) => Promise<R[]>,
    private readonly text: (r: R) => string,
  ) {}

  async get(q: Queryable) {
    if (this.built && this.built.db === q && Date.now() - this.built.at < TTL_MS) return this.built;
    const rows = await this.load(q);
    const engine = new SearchEngine();
    for (const r of rows) engine.add(r.id, this.text(r));
    this.built = { db: q, at: Date.now(), engine, rows: new Map(rows.map((r) => [r.id, r])) };
    return this.built;
  }

  /** Forget the index (after a publication or a withdrawal on this node). */
  invalidate() {
    this.built = null;
  }

  /** The best records for a question, best first. */
  async rank(q: Queryable, question: string, limit: number): Promise<R[]> {
    const { engine, rows } = await this.get(q);
    return rankAnswers(engine, question, limit)
      .map((id) => rows.get(id))
      .filter((r): r is R => !!r);
  }
}

export class AnswerFinder {
  private readonly index = new CachedIndex<CurrentEntry>((q) => currentPublicEntries(q), entryText);

  invalidate() {
    this.index.invalidate();
  }

  async find(q: Queryable, question: string, limit = 5): Promise<{ id: number; question: string; unit_name: string }[]> {
    const ranked = await this.index.rank(q, question, limit * 2);
    if (!ranked.length) return [];
    // Only the ranked few are checked: a source may have changed since the index was built.
    const current = await currentPublicIds(
      q,
      ranked.map((r) => r.id),
    );
    return ranked
      .filter((r) => current.has(r.id))
      .slice(0, limit)
      .map((r) => ({ id: r.id, question: r.question, unit_name: r.unit_name }));
  }
}

/** The one finder of this process (its index is kept per database). */
export const answerFinder = new AnswerFinder();
