/**
 * The search index of one app node, kept in step with the database: built from every published item on first use,
 * then brought up to date from the search_changes log (written by a trigger) at most once a second, and at once after
 * this node wrote. A withdrawn item leaves the index with the next query.
 */
import type { Db } from '../../lib/db.ts';
import { SearchEngine } from './engine.ts';
import { parseDocNo } from '../publishing/docNo.ts';

export interface SearchDoc {
  id: number;
  title: string;
  unitId: number;
  unitSlug: string;
  unitName: string;
  publishDate: string;
  docNo: string;
  indexNo: string;
  validity: string;
  section: string;
  text: string;
}

export interface SearchResult extends SearchDoc {
  score: number;
}

const DOC_SQL = `SELECT i.id, v.title, i.unit_id AS "unitId", u.slug AS "unitSlug", u.name AS "unitName", v.publish_date AS "publishDate",
    v.doc_no_normalized AS "docNo", i.index_no AS "indexNo", i.validity, v.section_code AS section, v.body_text AS text
  FROM information_items i JOIN item_versions v ON v.id = i.current_version_id JOIN units u ON u.id = i.unit_id
  WHERE i.status = 'published' AND v.state = 'published' AND v.disclosure = 'proactive'`;

export class SearchService {
  private engine = new SearchEngine();
  private docs = new Map<number, SearchDoc>();
  private byDocNo = new Map<string, Set<number>>();
  private byIndexNo = new Map<string, number>();
  private seq = -1;
  private checkedAt = 0;
  private dirty = true;
  private syncing: Promise<void> | undefined;

  constructor(private readonly db: Db, private readonly maxStalenessMs = 1000) {
    db.onWrite(() => {
      this.dirty = true;
    });
  }

  private put(d: SearchDoc) {
    this.drop(d.id);
    this.docs.set(d.id, d);
    // The title counts twice and the 文号 and 索引号 are searchable as written.
    this.engine.add(d.id, `${d.title}\n${d.title}\n${d.docNo}\n${d.text}`);
    if (d.docNo) (this.byDocNo.get(d.docNo) ?? this.byDocNo.set(d.docNo, new Set()).get(d.docNo)!).add(d.id);
    if (d.indexNo) this.byIndexNo.set(d.indexNo, d.id);
  }

  private drop(id: number) {
    const old = this.docs.get(id);
    if (!old) return;
    this.engine.remove(id);
    this.docs.delete(id);
    this.byDocNo.get(old.docNo)?.delete(id);
    if (this.byIndexNo.get(old.indexNo) === id) this.byIndexNo.delete(old.indexNo);
  }

  /** Brings the index up to date with the database. */
  async sync(): Promise<void> {
    if (!this.dirty && Date.now() - this.checkedAt < this.maxStalenessMs) return;
    this.syncing ??= (async () => {
      this.dirty = false;
      if (this.seq < 0) {
        const max = await this.db.query<{ m: number | null }>('SELECT max(seq)::bigint AS m FROM search_changes');
        const rows = await this.db.query<SearchDoc>(DOC_SQL);
        for (const d of rows.rows) this.put(d);
        this.seq = Number(max.rows[0].m ?? 0);
      } else {
        const changes = await this.db.query<{ seq: number; item_id: number }>('SELECT seq, item_id FROM search_changes WHERE seq > $1 ORDER BY seq LIMIT 10000', [this.seq]);
        const ids = [...new Set(changes.rows.map((c) => Number(c.item_id)))];
        if (ids.length) {
          const fresh = await this.db.query<SearchDoc>(`${DOC_SQL} AND i.id = ANY($1::bigint[])`, [ids]);
          const found = new Map(fresh.rows.map((d) => [Number(d.id), d]));
          for (const id of ids) {
            const d = found.get(id);
            if (d) this.put(d);
            else this.drop(id);
          }
          this.seq = Number(changes.rows[changes.rows.length - 1].seq);
          if (changes.rows.length === 10000) this.dirty = true;
        }
      }
      this.checkedAt = Date.now();
    })().finally(() => {
      this.syncing = undefined;
    });
    await this.syncing;
  }

  /**
   * Results for a question, best first. A query that is a 文号 in any common form puts that document first; items no
   * longer in force rank below current ones but stay findable.
   */
  async search(query: string, opts: { unitId?: number; limit?: number } = {}): Promise<{ total: number; results: SearchResult[] }> {
    await this.sync();
    const q = query.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 200);
    if (!q) return { total: 0, results: [] };
    const scored = new Map<number, number>();
    for (const h of this.engine.search(q, 1000)) scored.set(h.id, h.score);
    const docNo = parseDocNo(q)?.normalized;
    if (docNo) for (const id of this.byDocNo.get(docNo) ?? []) scored.set(id, (scored.get(id) ?? 0) + 1000);
    const indexHit = this.byIndexNo.get(q);
    if (indexHit !== undefined) scored.set(indexHit, (scored.get(indexHit) ?? 0) + 1000);
    const results: SearchResult[] = [];
    for (const [id, score] of scored) {
      const d = this.docs.get(id);
      if (!d || (opts.unitId && d.unitId !== opts.unitId)) continue;
      results.push({ ...d, score: d.validity === 'current' ? score : score * 0.5 });
    }
    results.sort((a, b) => b.score - a.score || b.publishDate.localeCompare(a.publishDate));
    return { total: results.length, results: results.slice(0, opts.limit ?? 1000) };
  }
}
