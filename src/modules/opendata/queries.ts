/** Reads of the data catalogue: a dataset's working copy, its published version with resources, the public list. */
import type { Queryable } from '../../lib/db.ts';
import type { DatasetMetadata, DatasetState, FieldInfo } from './rules.ts';

export interface DatasetRow {
  id: number;
  uuid: string;
  name: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  unit_slug: string;
  state: DatasetState;
  metadata: DatasetMetadata;
  resource_ids: string[];
  change_note: string;
  published_version: number;
  withdrawn_reason: string;
  created_at: Date;
  updated_at: Date;
}

export interface ResourceRow {
  id: string;
  dataset_id: number;
  name: string;
  description: string;
  format: string;
  kind: 'file' | 'link';
  url: string;
  blob_sha256: string | null;
  byte_size: number | null;
  row_count: number | null;
  fields: FieldInfo[];
  created_at: Date;
}

const SELECT = `SELECT d.id, d.uuid::text, d.name, d.unit_id, u.name AS unit_name, u.path AS unit_path, u.slug AS unit_slug, d.state, d.metadata,
       d.resource_ids::text[], d.change_note, d.published_version, d.withdrawn_reason, d.created_at, d.updated_at
  FROM datasets d JOIN units u ON u.id = d.unit_id`;

export async function getDataset(q: Queryable, id: number): Promise<DatasetRow | undefined> {
  return (await q.query<DatasetRow>(`${SELECT} WHERE d.id = $1`, [id])).rows[0];
}

export async function datasetsOf(q: Queryable, paths: string[]): Promise<DatasetRow[]> {
  if (!paths.length) return [];
  return (await q.query<DatasetRow>(`${SELECT} WHERE u.path LIKE ANY($1) ORDER BY d.updated_at DESC, d.id DESC LIMIT 1000`, [paths.map((p) => `${p}%`)])).rows;
}

const RESOURCE = `SELECT r.id::text, r.dataset_id, r.name, r.description, r.format, r.kind, r.url, r.blob_sha256, r.byte_size::int, r.row_count, r.fields, r.created_at
  FROM dataset_resources r`;

/** Resources by id, in the order asked. */
export async function resourcesByIds(q: Queryable, ids: string[]): Promise<ResourceRow[]> {
  if (!ids.length) return [];
  const rows = (await q.query<ResourceRow>(`${RESOURCE} WHERE r.id = ANY($1::uuid[])`, [ids])).rows;
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is ResourceRow => !!r);
}

export async function getResource(q: Queryable, id: string): Promise<ResourceRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return (await q.query<ResourceRow>(`${RESOURCE} WHERE r.id = $1::uuid`, [id])).rows[0];
}

export interface PublishedDataset {
  id: number;
  uuid: string;
  name: string;
  unit_id: number;
  unit_name: string;
  unit_slug: string;
  /** The providing unit's place in the tree (a unit's search scope covers the units under it). */
  unit_path: string;
  version_no: number;
  metadata: DatasetMetadata;
  resource_ids: string[];
  change_note: string;
  /** The first publication (CKAN metadata_created) and this version's (metadata_modified). */
  first_published_at: Date;
  published_at: Date;
}

const PUBLISHED = `SELECT d.id, d.uuid::text, d.name, d.unit_id, u.name AS unit_name, u.slug AS unit_slug, u.path AS unit_path, v.version_no, v.metadata, v.resource_ids::text[],
       v.change_note, v.published_at, (SELECT min(f.published_at) FROM dataset_versions f WHERE f.dataset_id = d.id) AS first_published_at
  FROM datasets d JOIN units u ON u.id = d.unit_id JOIN dataset_versions v ON v.dataset_id = d.id AND v.version_no = d.published_version
 WHERE d.state <> 'withdrawn' AND d.published_version > 0`;

/** Every dataset the public may see, its latest published version, newest first. */
export async function publishedDatasets(q: Queryable): Promise<PublishedDataset[]> {
  return (await q.query<PublishedDataset>(`${PUBLISHED} ORDER BY v.published_at DESC, d.id DESC`)).rows;
}

/** A public dataset by its CKAN id or name. */
export async function publishedDataset(q: Queryable, idOrName: string): Promise<PublishedDataset | undefined> {
  return (await q.query<PublishedDataset>(`${PUBLISHED} AND (d.name = $1 OR d.uuid::text = $1)`, [idOrName.slice(0, 100)])).rows[0];
}

/** The published versions of a dataset, newest first (its public history). */
export async function datasetHistory(q: Queryable, datasetId: number) {
  return (
    await q.query<{ version_no: number; change_note: string; published_at: Date }>(
      'SELECT version_no, change_note, published_at FROM dataset_versions WHERE dataset_id = $1 ORDER BY version_no DESC',
      [datasetId],
    )
  ).rows;
}

export async function datasetEvents(q: Queryable, id: number) {
  return (
    await q.query<{ kind: string; at: Date; actor_label: string; details: Record<string, unknown> }>(
      'SELECT kind, at, actor_label, details FROM dataset_events WHERE dataset_id = $1 ORDER BY id',
      [id],
    )
  ).rows;
}

export async function areaNames(q: Queryable): Promise<{ code: string; name: string }[]> {
  return (await q.query<{ code: string; name: string }>('SELECT code, name FROM catalogue_areas ORDER BY sort')).rows;
}

/** A unit's published datasets with their update frequency and last publication, for supervision (数据更新及时率). */
export async function freshnessRecords(q: Queryable, unitId: number) {
  return (
    await q.query<{ id: number; title: string; frequency: DatasetMetadata['frequency']; updated_on: string }>(
      `SELECT d.id, v.metadata->>'title' AS title, v.metadata->>'frequency' AS frequency, (v.published_at AT TIME ZONE 'Asia/Shanghai')::date::text AS updated_on
         FROM datasets d JOIN dataset_versions v ON v.dataset_id = d.id AND v.version_no = d.published_version
        WHERE d.unit_id = $1 AND d.state <> 'withdrawn' AND d.published_version > 0 ORDER BY d.id`,
      [unitId],
    )
  ).rows;
}

export interface CatalogueItemRow {
  unit_name: string;
  unit_slug: string;
  area_code: string;
  area_name: string;
  item_key: string;
  level1: string;
  level2: string | null;
}

/** The items of a unit's published standard catalogues (a read model of the catalogues module), to file datasets under. */
export async function unitCatalogueItems(q: Queryable, unitId: number): Promise<CatalogueItemRow[]> {
  return (
    await q.query<CatalogueItemRow>(
      `SELECT u.name AS unit_name, u.slug AS unit_slug, c.area_code, a.name AS area_name, ci.item_key, ci.level1, ci.level2
         FROM catalogue_items ci JOIN catalogues c ON c.id = ci.catalogue_id JOIN units u ON u.id = c.unit_id JOIN catalogue_areas a ON a.code = c.area_code
        WHERE c.unit_id = $1 AND c.state = 'published' AND NOT c.is_template ORDER BY a.sort, ci.seq`,
      [unitId],
    )
  ).rows;
}
