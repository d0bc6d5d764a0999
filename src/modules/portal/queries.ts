/** Public reads: only published versions of published, 主动公开 items. Nothing here can reach a draft. */
import type { Queryable } from '../../lib/db.ts';
import { SECTIONS } from '../publishing/index.ts';

export interface PublicListFilters {
  unitId?: number;
  /** A section code, or 'proactive' for every 法定主动公开内容 sub-section. */
  section?: string;
  /** 主题分类: a first-level value matches all its second-level values. */
  topic?: string;
  genre?: string;
  year?: number;
  validity?: string;
  kind?: 'information' | 'interpretation';
  /** 发文机关: one of the issuing organs. */
  organ?: string;
}

export interface PublicListRow {
  id: number;
  title: string;
  publish_date: string;
  doc_no_normalized: string;
  index_no: string;
  validity: string;
  unit_slug: string;
  unit_name: string;
  section_code: string;
  kind: string;
  summary: string;
  published_at: Date;
  updated_at: Date;
}

const PROACTIVE_CODES = SECTIONS.filter((s) => s.group === 'proactive').map((s) => s.code);

function whereClause(f: PublicListFilters) {
  const params: unknown[] = [];
  const where = [`v.state = 'published'`, `i.status = 'published'`, `v.disclosure = 'proactive'`];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.unitId) add('i.unit_id = ?', f.unitId);
  if (f.section === 'proactive') add('v.section_code = ANY(?::text[])', PROACTIVE_CODES);
  else if (f.section) add('v.section_code = ?', f.section);
  if (f.topic) {
    if (f.topic.includes('\\')) add('v.topic = ?', f.topic);
    else {
      params.push(f.topic, `${f.topic}\\`);
      where.push(`(v.topic = $${params.length - 1} OR starts_with(v.topic, $${params.length}))`);
    }
  }
  if (f.genre) add('v.genre = ?', f.genre);
  if (f.year) {
    add('v.publish_date >= ?::date', `${f.year}-01-01`);
    add('v.publish_date < ?::date', `${f.year + 1}-01-01`);
  }
  if (f.validity) add('i.validity = ?', f.validity);
  if (f.kind) add('i.kind = ?', f.kind);
  if (f.organ) add('? = ANY(v.issuing_organs)', f.organ);
  return { sql: where.join(' AND '), params };
}

export async function listPublicItems(q: Queryable, f: PublicListFilters, page: number, pageSize: number): Promise<{ rows: PublicListRow[]; total: number }> {
  const w = whereClause(f);
  const from = `FROM item_versions v JOIN information_items i ON i.current_version_id = v.id JOIN units u ON u.id = i.unit_id WHERE ${w.sql}`;
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, w.params)).rows[0].n;
  const rows = (
    await q.query<PublicListRow>(
      `SELECT i.id, v.title, v.publish_date, v.doc_no_normalized, i.index_no, i.validity, u.slug AS unit_slug, u.name AS unit_name,
              v.section_code, i.kind, v.summary, v.published_at, i.updated_at
       ${from} ORDER BY v.publish_date DESC, v.id DESC LIMIT $${w.params.length + 1} OFFSET $${w.params.length + 2}`,
      [...w.params, pageSize, (page - 1) * pageSize],
    )
  ).rows;
  return { rows, total };
}

/** Counts by section for a unit's column navigation. */
export async function sectionCounts(q: Queryable, unitId: number): Promise<Map<string, number>> {
  const r = await q.query<{ section_code: string; n: number }>(
    `SELECT v.section_code, count(*)::int AS n FROM item_versions v JOIN information_items i ON i.current_version_id = v.id
     WHERE v.state = 'published' AND i.status = 'published' AND v.disclosure = 'proactive' AND i.unit_id = $1 GROUP BY v.section_code`,
    [unitId],
  );
  return new Map(r.rows.map((x) => [x.section_code, x.n]));
}

/** Years that have published items, for the year filter. */
export async function publishedYears(q: Queryable, unitId: number): Promise<number[]> {
  const r = await q.query<{ y: number }>(
    `SELECT DISTINCT extract(year FROM v.publish_date)::int AS y FROM item_versions v JOIN information_items i ON i.current_version_id = v.id
     WHERE v.state = 'published' AND i.status = 'published' AND i.unit_id = $1 ORDER BY y DESC`,
    [unitId],
  );
  return r.rows.map((x) => x.y);
}

export async function sitemapItems(q: Queryable, offset: number, limit: number) {
  return (
    await q.query<{ id: number; unit_slug: string; updated_at: Date }>(
      `SELECT i.id, u.slug AS unit_slug, i.updated_at FROM information_items i JOIN units u ON u.id = i.unit_id
       JOIN item_versions v ON v.id = i.current_version_id
       WHERE i.status = 'published' AND v.state = 'published' AND v.disclosure = 'proactive' ORDER BY i.id LIMIT $1 OFFSET $2`,
      [limit, offset],
    )
  ).rows;
}

export async function countPublicItems(q: Queryable): Promise<number> {
  return (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_items WHERE status = 'published'`)).rows[0].n;
}

/**
 * Everything around one version of a public item page in one round trip: attachments, linked interpretations or
 * policies, the list of published versions, and the item that revised or repealed it.
 */
export async function itemPageExtras(q: Queryable, itemId: number, versionId: number, interprets: boolean, validityBy: number | null) {
  const linkJoin = interprets ? 'l.to_item_id = x.id AND l.from_item_id = $1' : 'l.from_item_id = x.id AND l.to_item_id = $1';
  const r = await q.query<{ attachments: unknown; links: unknown; versions: unknown; by: unknown }>(
    `SELECT
       (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'version_id', a.version_id, 'blob_sha256', a.blob_sha256, 'filename', a.filename,
          'position', a.position, 'size', b.size, 'mime', b.mime) ORDER BY a.position, a.id), '[]'::json)
        FROM attachments a JOIN blobs b ON b.sha256 = a.blob_sha256 WHERE a.version_id = $2) AS attachments,
       (SELECT COALESCE(json_agg(json_build_object('id', x.id, 'title', cv.title, 'interpretation_form', cv.interpretation_form,
          'unit_slug', u.slug, 'publish_date', cv.publish_date) ORDER BY x.id), '[]'::json)
        FROM item_links l JOIN information_items x ON ${linkJoin} JOIN units u ON u.id = x.unit_id JOIN item_versions cv ON cv.id = x.current_version_id
        WHERE l.kind = 'interprets' AND x.status = 'published') AS links,
       (SELECT COALESCE(json_agg(json_build_object('version_no', v.version_no, 'published_at', v.published_at, 'change_note', v.change_note)
          ORDER BY v.version_no DESC), '[]'::json)
        FROM item_versions v WHERE v.item_id = $1 AND v.state IN ('published', 'superseded')) AS versions,
       (SELECT json_build_object('id', x.id, 'title', cv.title, 'unit_slug', u.slug) FROM information_items x
        JOIN item_versions cv ON cv.id = x.current_version_id JOIN units u ON u.id = x.unit_id
        WHERE x.id = $3 AND x.status = 'published') AS by`,
    [itemId, versionId, validityBy],
  );
  const row = r.rows[0];
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return {
    attachments: parse<{ id: number; version_id: number; blob_sha256: string; filename: string; position: number; size: number; mime: string }[]>(row.attachments),
    links: parse<{ id: number; title: string; interpretation_form: string | null; unit_slug: string; publish_date: string | null }[]>(row.links),
    versions: parse<{ version_no: number; published_at: string | null; change_note: string }[]>(row.versions).map((v) => ({
      ...v,
      published_at: v.published_at ? new Date(v.published_at) : null,
    })),
    by: parse<{ id: number; title: string; unit_slug: string } | null>(row.by) ?? undefined,
  };
}

export interface Facet {
  value: string;
  count: number;
}

/**
 * The policy library's facets (like the gov.cn 政策文件库): counts by first-level 主题, 发文机关, year and 文种 of the
 * 法规文件 of every unit, within the filters already chosen (each facet without its own filter).
 */
export async function policyFacets(q: Queryable, f: PublicListFilters): Promise<{ topics: Facet[]; organs: Facet[]; years: Facet[]; genres: Facet[] }> {
  const run = async (without: keyof PublicListFilters, expr: string, unnest = false) => {
    const w = whereClause({ ...f, [without]: undefined, section: 'a20_01' });
    const from = `FROM item_versions v JOIN information_items i ON i.current_version_id = v.id${unnest ? ', unnest(v.issuing_organs) AS o(organ)' : ''} WHERE ${w.sql}`;
    return (await q.query<Facet>(`SELECT ${expr} AS value, count(*)::int AS count ${from} GROUP BY 1 HAVING ${expr} <> '' ORDER BY 2 DESC, 1 LIMIT 30`, w.params)).rows;
  };
  return {
    topics: await run('topic', "split_part(v.topic, '\\', 1)"),
    organs: await run('organ', 'o.organ', true),
    years: (await run('year', 'extract(year FROM v.publish_date)::int::text')).sort((a, b) => b.value.localeCompare(a.value)),
    genres: await run('genre', 'v.genre'),
  };
}
