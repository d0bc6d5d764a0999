/**
 * Page views (浏览次数) of the public column, for the visits report the office keeps (HZ 三(四)) and the count shown
 * on item pages. Counted in memory per path and written as daily sums (one upsert per key per minute), so a busy
 * page costs no database write per view and nothing about the reader is kept: no cookie, no address, no agent.
 * Crawlers that say so are not counted.
 */
import type { Db, Queryable } from '../../lib/db.ts';
import { chinaDate } from '../../lib/clock.ts';

const PATH = /^\/xxgk\/([a-z0-9-]{1,40})(?:\/(?:s\/([a-z0-9_]{1,40})|items\/(\d{1,12})))?\/?$/;
const BOT = /bot|crawl|spider|slurp|bingpreview|headless|curl|wget|python-requests|monitor/i;

/** What a path counts for: the unit (by URL name), and the column or the item; null for pages not counted. */
export function countedPage(url: string): { slug: string; section: string; itemId: number } | null {
  const path = url.split('?')[0];
  const m = PATH.exec(path);
  if (!m) return null;
  return { slug: m[1], section: m[2] ?? '', itemId: m[3] ? Number(m[3]) : 0 };
}

export class ViewCounter {
  private pending = new Map<string, number>();

  constructor(private readonly db: Db) {}

  hit(url: string, userAgent: string | undefined, at: Date): void {
    if (userAgent && BOT.test(userAgent)) return;
    const p = countedPage(url);
    if (!p) return;
    const key = `${chinaDate(at)}|${p.slug}|${p.section}|${p.itemId}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  /** Adds the counts held in memory to the daily sums. Unknown units (a mistyped URL) are dropped. */
  async flush(): Promise<number> {
    if (!this.pending.size) return 0;
    const batch = [...this.pending];
    this.pending.clear();
    const rows = batch.map(([k, n]) => {
      const [day, slug, section, item] = k.split('|');
      return { day, slug, section, item: Number(item), n };
    });
    await this.db.query(
      `INSERT INTO page_views (day, unit_id, section, item_id, views)
       SELECT r.day::date, u.id, r.section, r.item, r.n FROM json_to_recordset($1::json) AS r(day text, slug text, section text, item bigint, n int)
         JOIN units u ON u.slug = r.slug
       ON CONFLICT (day, unit_id, section, item_id) DO UPDATE SET views = page_views.views + EXCLUDED.views`,
      [JSON.stringify(rows)],
    );
    return rows.length;
  }
}

export async function itemViews(q: Queryable, itemId: number): Promise<number> {
  return (await q.query<{ n: number }>('SELECT COALESCE(sum(views), 0)::int AS n FROM page_views WHERE item_id = $1', [itemId])).rows[0].n;
}

export interface VisitRow {
  unit_id: number;
  unit_name: string;
  section: string;
  views: number;
  items: number;
}

/** Views per unit and column between two days (inclusive), item pages counted under their column. */
export async function visitsReport(q: Queryable, paths: string[], from: string, to: string): Promise<VisitRow[]> {
  if (!paths.length) return [];
  return (
    await q.query<VisitRow>(
      `SELECT u.id AS unit_id, u.name AS unit_name, COALESCE(NULLIF(v.section, ''), NULLIF(cv.section_code, ''), '') AS section,
              sum(v.views)::int AS views, count(DISTINCT NULLIF(v.item_id, 0))::int AS items
         FROM page_views v JOIN units u ON u.id = v.unit_id
         LEFT JOIN information_items i ON i.id = v.item_id LEFT JOIN item_versions cv ON cv.id = i.current_version_id
        WHERE v.day BETWEEN $2 AND $3 AND u.path LIKE ANY ($1::text[])
        GROUP BY u.id, u.name, u.path, 3 ORDER BY u.path, views DESC`,
      [paths.map((p) => `${p}%`), from, to],
    )
  ).rows;
}
