/**
 * Search on one app node, kept in step with the database. The index is built from every published item in batches
 * (queries made meanwhile get what is indexed so far, marked partial), then follows the search_changes log (written
 * by a trigger) at most once a second and at once after this node wrote. A withdrawn item leaves the index before
 * the next answer. Texts are not kept in memory: snippets and phrase checks read them from the database.
 */
import type { Db } from '../../lib/db.ts';
import { SearchIndex, type SearchDoc, type SearchResult } from './searchIndex.ts';
import type { FacetCount, FacetKey } from './facets.ts';
import { parseQuery } from './query.ts';
import { Synonyms, type SynonymEntry } from './synonyms.ts';
import { Suggester } from './suggest.ts';
import { snippet, type SnippetPart } from './snippet.ts';
import { normalise } from './text.ts';

export type { SearchDoc, SearchResult };

const DOC_SQL = `SELECT i.id::int AS id, v.title, i.unit_id::int AS "unitId", u.path AS "unitPath", u.slug AS "unitSlug", u.name AS "unitName",
    COALESCE(v.publish_date::text, '') AS "publishDate", v.doc_no_normalized AS "docNo", COALESCE(i.index_no, '') AS "indexNo", i.validity,
    v.section_code AS section, v.topic, v.genre, array_to_string(v.keywords, ' ') || E'\\n' || v.summary || E'\\n' || v.body_text AS text
  FROM information_items i JOIN item_versions v ON v.id = i.current_version_id JOIN units u ON u.id = i.unit_id
  WHERE i.status = 'published' AND v.state = 'published' AND v.disclosure = 'proactive'`;

const BUILD_BATCH = 500;
/** A phrase query checks at most this many candidate documents' texts. */
export const PHRASE_CHECK_LIMIT = 5000;

export interface SearchRequest {
  q: string;
  scopePath?: string;
  filters?: Partial<Record<FacetKey, string>>;
  sort?: 'relevance' | 'date';
  page?: number;
  pageSize?: number;
}

export interface SearchAnswer {
  total: number;
  results: (SearchResult & { snippet: SnippetPart[] })[];
  facets: Record<FacetKey, FacetCount[]>;
  /** Official terms also searched for (from the synonym list). */
  expansions: string[];
  suggestion?: string;
  /** True while the index is still being built at start. */
  partial: boolean;
  /** True when a phrase had more candidate documents than were checked. */
  phraseLimited: boolean;
}

export class SearchService {
  index = new SearchIndex();
  private synonyms = new Synonyms([]);
  private synonymStamp = '';
  private suggester?: Suggester;
  private suggesterAt = { version: -1, synonyms: '', time: 0 };
  private seq = -1;
  private checkedAt = 0;
  private dirty = true;
  private syncing: Promise<void> | undefined;
  private buildRun: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly maxStalenessMs = 1000,
  ) {
    db.onWrite(() => {
      this.dirty = true;
    });
  }

  /** True once the first full build has finished. */
  get ready() {
    return this.seq >= 0;
  }

  /** True while the first full build runs. */
  get building() {
    return this.seq < 0 && this.buildRun !== undefined;
  }

  /** Starts building the index in the background (at server start), so the first citizen does not wait for it. */
  warm(onProgress?: (done: number) => void): Promise<void> {
    this.buildRun ??= this.build(onProgress).finally(() => {
      this.buildRun = undefined;
    });
    return this.buildRun;
  }

  private async build(onProgress?: (done: number) => void) {
    // Everything up to here is in the items read below; a pruned log counts as read up to its horizon.
    const max = await this.db.query<{ m: string | null }>(
      `SELECT GREATEST(COALESCE((SELECT max(seq) FROM search_changes), 0), COALESCE((SELECT pruned_through FROM search_log_horizon WHERE id = 1), 0))::text AS m`,
    );
    let after = 0;
    for (;;) {
      const rows = await this.db.query<SearchDoc & { text: string }>(`${DOC_SQL} AND i.id > $1 ORDER BY i.id LIMIT ${BUILD_BATCH}`, [after]);
      for (const { text, ...d } of rows.rows) this.index.put(d, text);
      onProgress?.(this.index.size);
      if (rows.rows.length < BUILD_BATCH) break;
      after = rows.rows[rows.rows.length - 1].id;
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.index.engine.trim();
    this.seq = Number(max.rows[0].m ?? 0);
    this.dirty = true;
  }

  /** Brings the index up to date with the database. */
  async sync(): Promise<void> {
    if (this.seq < 0) {
      if (this.buildRun) return; // answered from the part built so far
      await this.warm();
    }
    if (!this.dirty && Date.now() - this.checkedAt < this.maxStalenessMs) return;
    this.syncing ??= this.followLog().finally(() => {
      this.syncing = undefined;
    });
    await this.syncing;
  }

  private async followLog() {
    this.dirty = false;
    const stamp = await this.db.query<{ s: string }>(`SELECT count(*)::text || '/' || COALESCE(max(updated_at)::text, '') AS s FROM search_synonyms`);
    if (stamp.rows[0].s !== this.synonymStamp) {
      const rows = await this.db.query<SynonymEntry>('SELECT term, synonyms FROM search_synonyms ORDER BY term');
      this.synonyms = new Synonyms(rows.rows);
      this.synonymStamp = stamp.rows[0].s;
    }
    const horizon = Number((await this.db.query<{ p: string }>('SELECT pruned_through::text AS p FROM search_log_horizon WHERE id = 1')).rows[0]?.p ?? 0);
    if (this.seq < horizon) {
      // Changes this node has not read were pruned (it was away for days): start again from the items themselves.
      this.index = new SearchIndex();
      this.seq = -1;
      this.checkedAt = Date.now();
      void this.warm();
      return;
    }
    const changes = await this.db.query<{ seq: string; item_id: string }>('SELECT seq::text, item_id::text FROM search_changes WHERE seq > $1 ORDER BY seq LIMIT 10000', [
      this.seq,
    ]);
    const ids = [...new Set(changes.rows.map((c) => Number(c.item_id)))];
    if (ids.length) {
      const fresh = await this.db.query<SearchDoc & { text: string }>(`${DOC_SQL} AND i.id = ANY($1::bigint[])`, [ids]);
      const found = new Map(fresh.rows.map((d) => [d.id, d]));
      for (const id of ids) {
        const row = found.get(id);
        if (row) {
          const { text, ...d } = row;
          this.index.put(d, text);
        } else this.index.drop(id);
      }
      this.seq = Number(changes.rows[changes.rows.length - 1].seq);
      if (changes.rows.length === 10000) this.dirty = true;
    }
    this.checkedAt = Date.now();
  }

  async search(req: SearchRequest): Promise<SearchAnswer> {
    await this.sync();
    const partial = !this.ready;
    const parsed = parseQuery(req.q);
    const expansions = this.synonyms.expand(parsed.text);
    let allowed: Set<number> | undefined;
    let phraseLimited = false;
    if (parsed.phrases.length) ({ allowed, limited: phraseLimited } = await this.withPhrases(parsed.phrases));
    const pageSize = req.pageSize ?? 10;
    const page = Math.max(1, req.page ?? 1);
    const answer = this.index.query({
      text: parsed.text,
      expansions,
      scopePath: req.scopePath,
      filters: req.filters,
      sort: req.sort,
      allowed,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    const texts = await this.texts(answer.results.map((r) => r.id));
    const marks = [parsed.text, ...expansions].join(' ');
    return {
      total: answer.total,
      results: answer.results.map((r) => ({ ...r, snippet: snippet(texts.get(r.id) ?? '', marks) })),
      facets: answer.facets,
      expansions,
      suggestion: this.suggest(parsed.text),
      partial,
      phraseLimited,
    };
  }

  /** "您是不是要找": a pinyin or misspelt query turned into words the documents use. */
  suggest(q: string): string | undefined {
    const at = this.suggesterAt;
    const stale = at.version !== this.index.version || at.synonyms !== this.synonymStamp;
    if (!this.suggester || (stale && Date.now() - at.time > 60_000) || at.synonyms !== this.synonymStamp) {
      const vocabulary = new Map(this.index.titleWords);
      for (const w of this.synonyms.words()) vocabulary.set(w, (vocabulary.get(w) ?? 0) + 1);
      this.suggester = new Suggester(vocabulary);
      this.suggesterAt = { version: this.index.version, synonyms: this.synonymStamp, time: Date.now() };
    }
    const engine = this.index.engine;
    const s = this.suggester.suggest(q, (w) => engine.wordDf(w) > 0);
    return s && s !== q.trim() ? s : undefined;
  }

  private async texts(ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const r = await this.db.query<{ id: number; text: string }>(
      'SELECT i.id::int AS id, v.body_text AS text FROM information_items i JOIN item_versions v ON v.id = i.current_version_id WHERE i.id = ANY($1::bigint[])',
      [ids],
    );
    return new Map(r.rows.map((x) => [x.id, x.text]));
  }

  /** Documents that contain every phrase exactly, checked against their stored text. */
  private async withPhrases(phrases: string[]): Promise<{ allowed: Set<number>; limited: boolean }> {
    let candidates: number[] | undefined;
    for (const p of phrases) {
      const c = this.index.engine.phraseCandidates(p);
      candidates = candidates ? candidates.filter((id) => c.has(id)) : [...c];
    }
    const list = (candidates ?? []).sort((a, b) => b - a);
    const limited = list.length > PHRASE_CHECK_LIMIT;
    const allowed = new Set<number>();
    for (let i = 0; i < Math.min(list.length, PHRASE_CHECK_LIMIT); i += 500) {
      const r = await this.db.query<{ id: number; text: string }>(
        `SELECT i.id::int AS id, v.title || E'\\n' || v.doc_no_normalized || E'\\n' || array_to_string(v.keywords, ' ') || E'\\n' || v.summary || E'\\n' || v.body_text AS text
           FROM information_items i JOIN item_versions v ON v.id = i.current_version_id WHERE i.id = ANY($1::bigint[])`,
        [list.slice(i, i + 500)],
      );
      for (const row of r.rows) {
        const text = normalise(row.text).replace(/\s+/g, ' ');
        if (phrases.every((p) => text.includes(p))) allowed.add(row.id);
      }
    }
    return { allowed, limited };
  }
}

/** Drops change-log rows older than `keepDays` and records how far the log now starts (run daily by the server). */
export async function pruneSearchChanges(db: Db, now: Date, keepDays = 7): Promise<number> {
  return db.transaction(async (tx) => {
    const r = await tx.query<{ seq: string }>('DELETE FROM search_changes WHERE at < $1 RETURNING seq::text', [new Date(now.getTime() - keepDays * 86400_000)]);
    if (r.rows.length) {
      const max = Math.max(...r.rows.map((x) => Number(x.seq)));
      await tx.query('UPDATE search_log_horizon SET pruned_through = GREATEST(pruned_through, $1) WHERE id = 1', [max]);
    }
    return r.rows.length;
  });
}
