/**
 * Similar questions for the writing form: answered messages in the public archive whose titles share the question's
 * words, ranked with the search module's engine over an in-memory index of archive titles. The index catches up on
 * each question with the messages published since it last looked (published entries are never taken back), so every
 * node of a cluster sees new answers without a restart.
 */
import type { Queryable } from '../../lib/db.ts';
import { analyse, SearchEngine } from '../search/index.ts';

export interface SimilarMessage {
  caseNo: string;
  title: string;
  unitName: string;
  repliedOn: string | null;
}

/** Titles share at least this many words with the question (fewer for a question of one or two words). */
const MIN_SHARED_WORDS = 2;

function words(text: string): Set<string> {
  return new Set(analyse(text).words.terms.filter((w) => w.length >= 2));
}

export class SimilarMessages {
  private readonly engine = new SearchEngine();
  private readonly entries = new Map<number, SimilarMessage & { words: Set<string> }>();
  private watermark: { at: Date; id: number } | null = null;
  private catchingUp: Promise<void> | null = null;

  /** Loads the archive entries published since the last look, in pages so a first look at a big archive is bounded. */
  private async catchUp(q: Queryable) {
    for (;;) {
      const w = this.watermark;
      const rows = (
        await q.query<{ id: number; case_no: string; public_title: string; unit_name: string; replied_on: string | null; published_at: Date }>(
          `SELECT m.id::int, m.case_no, m.public_title, u.name AS unit_name, m.replied_on::text, m.published_at
             FROM messages m JOIN units u ON u.id = m.unit_id
            WHERE m.published_at IS NOT NULL AND ($1::timestamptz IS NULL OR (m.published_at, m.id) > ($1::timestamptz, $2::bigint))
            ORDER BY m.published_at, m.id LIMIT 5000`,
          [w?.at ?? null, w?.id ?? 0],
        )
      ).rows;
      for (const r of rows) {
        this.engine.add(r.id, r.public_title);
        this.entries.set(r.id, { caseNo: r.case_no, title: r.public_title, unitName: r.unit_name, repliedOn: r.replied_on, words: words(r.public_title) });
      }
      if (rows.length) this.watermark = { at: rows[rows.length - 1].published_at, id: rows[rows.length - 1].id };
      if (rows.length < 5000) return;
    }
  }

  private async fresh(q: Queryable) {
    // Concurrent questions share one catch-up rather than loading the same rows twice.
    this.catchingUp ??= this.catchUp(q).finally(() => (this.catchingUp = null));
    await this.catchingUp;
  }

  /** The archive's keyword search: ids of published messages, best first. */
  async search(q: Queryable, text: string, limit = 500): Promise<number[]> {
    await this.fresh(q);
    return this.engine.search(text, limit).map((h) => h.id);
  }

  async find(q: Queryable, question: string, limit = 3): Promise<SimilarMessage[]> {
    await this.fresh(q);
    const asked = words(question);
    if (!asked.size) return [];
    const need = Math.min(MIN_SHARED_WORDS, asked.size);
    const out: SimilarMessage[] = [];
    for (const hit of this.engine.search(question, 20)) {
      const e = this.entries.get(hit.id);
      if (!e) continue;
      let shared = 0;
      for (const w of asked) if (e.words.has(w)) shared++;
      if (shared >= need) out.push({ caseNo: e.caseNo, title: e.title, unitName: e.unitName, repliedOn: e.repliedOn });
      if (out.length >= limit) break;
    }
    return out;
  }
}
