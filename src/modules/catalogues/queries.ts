/** Reading catalogues, their items, and the information filed under them. */
import type { Queryable } from '../../lib/db.ts';
import { can, type Actor } from '../../lib/authz.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { CatalogueRow } from './excel.ts';
import type { CatalogueState } from './states.ts';
import type { TimeRule } from './timeLimit.ts';

export interface AreaRow {
  code: string;
  name: string;
  confirmed: boolean;
  note: string;
  lead_unit_id: number | null;
  lead_unit_name: string | null;
  /** Units responsible for the area besides the lead unit. */
  responsible: { id: number; name: string }[];
}

export interface CatalogueHead {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  unit_slug: string;
  unit_level: string;
  area_code: string;
  area_name: string;
  is_template: boolean;
  version_no: number;
  state: CatalogueState;
  remarks: string;
  published_at: Date | null;
}

export interface CatalogueItemRow extends CatalogueRow {
  id: number;
  itemKey: string;
}

export async function listAreas(q: Queryable): Promise<AreaRow[]> {
  return (
    await q.query<AreaRow>(
      `SELECT a.code, a.name, a.confirmed, a.note, a.lead_unit_id, u.name AS lead_unit_name,
            COALESCE((SELECT json_agg(json_build_object('id', r.id, 'name', r.name) ORDER BY r.path) FROM catalogue_area_units x JOIN units r ON r.id = x.unit_id WHERE x.area_code = a.code), '[]'::json) AS responsible
       FROM catalogue_areas a LEFT JOIN units u ON u.id = a.lead_unit_id ORDER BY a.sort`,
    )
  ).rows;
}

const HEAD = `SELECT c.id::int, c.unit_id, u.name AS unit_name, u.path AS unit_path, u.slug AS unit_slug, u.level AS unit_level, c.area_code, a.name AS area_name,
    c.is_template, c.version_no, c.state, c.remarks, c.published_at
  FROM catalogues c JOIN units u ON u.id = c.unit_id JOIN catalogue_areas a ON a.code = c.area_code`;

export async function getCatalogue(q: Queryable, id: number, lock = false): Promise<CatalogueHead> {
  if (lock) await q.query('SELECT 1 FROM catalogues WHERE id = $1 FOR UPDATE', [id]);
  const r = (await q.query<CatalogueHead>(`${HEAD} WHERE c.id = $1`, [id])).rows[0];
  if (!r) throw new NotFoundError('没有找到这个目录。');
  return r;
}

/** Every version of a unit's catalogues (and templates), newest first per area. */
export async function unitCatalogues(q: Queryable, unitId: number): Promise<CatalogueHead[]> {
  return (await q.query<CatalogueHead>(`${HEAD} WHERE c.unit_id = $1 ORDER BY a.sort, c.is_template DESC, c.version_no DESC`, [unitId])).rows;
}

export async function templates(q: Queryable): Promise<CatalogueHead[]> {
  return (await q.query<CatalogueHead>(`${HEAD} WHERE c.is_template AND c.state = 'published' ORDER BY a.sort, c.id DESC`)).rows;
}

/** The published catalogues of a unit (one per area), or of every unit. */
export async function publishedCatalogues(q: Queryable, unitId?: number): Promise<CatalogueHead[]> {
  return (
    await q.query<CatalogueHead>(`${HEAD} WHERE c.state = 'published' AND NOT c.is_template ${unitId ? 'AND c.unit_id = $1' : ''} ORDER BY u.path, a.sort`, unitId ? [unitId] : [])
  ).rows;
}

export async function catalogueItems(q: Queryable, catalogueId: number): Promise<CatalogueItemRow[]> {
  const r = await q.query<{
    id: number;
    seq: number;
    item_key: string;
    code: string;
    level1: string;
    level2: string;
    content: string;
    basis: string;
    time_limit: string;
    time_rule: TimeRule;
    publisher: string;
    channels: string[];
    audience_all: boolean;
    audience_specific: boolean;
    mode_proactive: boolean;
    mode_on_request: boolean;
    tier_county: boolean;
    tier_township: boolean;
  }>(
    'SELECT id::int, seq, item_key, code, level1, level2, content, basis, time_limit, time_rule, publisher, channels, audience_all, audience_specific, mode_proactive, mode_on_request, tier_county, tier_township FROM catalogue_items WHERE catalogue_id = $1 ORDER BY seq',
    [catalogueId],
  );
  return r.rows.map((x) => ({
    id: x.id,
    itemKey: x.item_key,
    seq: x.seq,
    code: x.code,
    level1: x.level1,
    level2: x.level2,
    content: x.content,
    basis: x.basis,
    timeLimit: x.time_limit,
    timeRule: x.time_rule,
    publisher: x.publisher,
    channels: x.channels,
    audienceAll: x.audience_all,
    audienceSpecific: x.audience_specific,
    proactive: x.mode_proactive,
    onRequest: x.mode_on_request,
    tierCounty: x.tier_county,
    tierTownship: x.tier_township,
  }));
}

export interface FiledItem {
  id: number;
  title: string;
  catalogue_key: string;
  formed_date: string;
  publish_date: string | null;
  status: string;
}

/** Information items of a unit filed under an area's catalogue items. */
export async function filedItems(q: Queryable, unitId: number, areaCode: string): Promise<FiledItem[]> {
  return (
    await q.query<FiledItem>(
      `SELECT i.id::int, v.title, i.catalogue_key, v.formed_date::text, v.publish_date::text, i.status
       FROM information_items i JOIN item_versions v ON v.id = i.current_version_id
      WHERE i.unit_id = $1 AND i.catalogue_area = $2 AND i.catalogue_key IS NOT NULL AND i.status = 'published' ORDER BY v.publish_date DESC NULLS LAST`,
      [unitId, areaCode],
    )
  ).rows;
}

export const itemKey = (level1: string, level2: string) => `${level1.trim()}｜${level2.trim()}`;

/** Catalogues awaiting the actor's review (报送审核), and the actor's units' catalogues returned for changes. */
export async function catalogueQueueCounts(q: Queryable, actor: Actor): Promise<{ to_review: number; returned: number }> {
  const rows = (
    await q.query<{ state: string; unit_path: string; is_template: boolean }>(
      `SELECT c.state, u.path AS unit_path, c.is_template FROM catalogues c JOIN units u ON u.id = c.unit_id WHERE c.state IN ('submitted', 'returned')`,
    )
  ).rows;
  return {
    to_review: rows.filter((r) => r.state === 'submitted' && !r.is_template && can(actor, 'catalogue.approve', { unitPath: r.unit_path })).length,
    returned: rows.filter((r) => r.state === 'returned' && !r.is_template && can(actor, 'catalogue.edit', { unitPath: r.unit_path })).length,
  };
}
