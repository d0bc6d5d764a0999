/**
 * What citizens search for: every first-page search is logged (normal form, personal data masked, no IP or
 * account), so the office sees which questions find nothing and which are asked most, and the public sees popular
 * searches. A query only reaches the public list when enough searches used it, it found something, and the office
 * has not hidden it.
 */
import type { Db, Queryable } from '../../lib/db.ts';
import { detectPersonalData, maskInText } from '../publishing/index.ts';
import { logForm } from './query.ts';

export interface QueryCount {
  query: string;
  searches: number;
  /** Results of the latest search with this query. */
  results: number;
  last: string;
  hidden: boolean;
}

/** The stored form: normalised, personal data masked. */
export function storedForm(q: string): string {
  const form = logForm(q);
  return maskInText(form, detectPersonalData(form));
}

export async function recordSearch(db: Queryable, e: { q: string; unitId?: number; results: number; channel: 'portal' | 'api'; at: Date }) {
  const query = storedForm(e.q);
  if (!query) return;
  await db.query('INSERT INTO search_queries (query, unit_id, results, channel, at) VALUES ($1, $2, $3, $4, $5)', [query, e.unitId ?? null, e.results, e.channel, e.at]);
}

/** Queries since a date, most searched first; `zeroOnly` keeps those whose latest search found nothing. */
export async function queryReport(db: Db, opts: { since: Date; zeroOnly?: boolean; limit?: number }): Promise<QueryCount[]> {
  const r = await db.query<{ query: string; searches: number; results: number; last: string; hidden: boolean }>(
    `SELECT q.query, count(*)::int AS searches,
            (array_agg(q.results ORDER BY q.at DESC, q.id DESC))[1] AS results,
            to_char(max(q.at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS last,
            bool_or(f.query IS NOT NULL) AS hidden
       FROM search_queries q LEFT JOIN search_query_flags f ON f.query = q.query
      WHERE q.at >= $1
      GROUP BY q.query
      ${opts.zeroOnly ? 'HAVING (array_agg(q.results ORDER BY q.at DESC, q.id DESC))[1] = 0' : ''}
      ORDER BY searches DESC, last DESC, q.query
      LIMIT $2`,
    [opts.since, opts.limit ?? 100],
  );
  return r.rows;
}

export const POPULAR_DAYS = 30;

/** The public list: searched at least minSearches times in 30 days, found something, not hidden. */
export async function popularQueries(db: Db, now: Date, minSearches: number, limit = 8): Promise<string[]> {
  const since = new Date(now.getTime() - POPULAR_DAYS * 86400_000);
  const rows = await queryReport(db, { since, limit: limit * 4 });
  return rows
    .filter((r) => !r.hidden && r.results > 0 && r.searches >= minSearches && r.query.length <= 30 && !detectPersonalData(r.query).length && !/[＊*]{3}/.test(r.query))
    .slice(0, limit)
    .map((r) => r.query);
}

/** Keeps popular searches for a while per node: the list is on every search page and changes slowly. */
export class PopularCache {
  private value: string[] = [];
  private at = 0;

  constructor(
    private readonly db: Db,
    private readonly minSearches: number,
    private readonly ttlMs = 10 * 60_000,
  ) {}

  async get(now: Date): Promise<string[]> {
    if (Date.now() - this.at > this.ttlMs) {
      this.value = await popularQueries(this.db, now, this.minSearches);
      this.at = Date.now();
    }
    return this.value;
  }

  clear() {
    this.at = 0;
  }
}
