/**
 * The open-data figures the platform can compute for a self-assessment against GB/T 38664.3 (开放程度评价) and the
 * 开放数林 index's layers: counts, openness, formats and machine readability, data dictionaries, freshness, API
 * availability, conditional-access decisions and demand answers with their timeliness. For the units under `paths`.
 */
import type { Queryable } from '../../lib/db.ts';
import { chinaDate } from '../../lib/clock.ts';
import { isOverdue, type DatasetMetadata, type FieldInfo } from './rules.ts';

const MACHINE_READABLE = new Set(['CSV', 'XLSX', 'XLS', 'JSON', 'GEOJSON', 'XML']);

export interface Assessment {
  today: string;
  datasets: number;
  openness: { open: number; conditional: number; closed: number };
  tabularResources: number;
  rows: number;
  machineReadableShare: number | null;
  describedShare: number | null;
  freshness: number | null;
  apiDatasets: number;
  formats: { format: string; count: number }[];
  applications: { total: number; granted: number; refused: number; open: number; onTimeShare: number | null };
  demands: { total: number; answered: number; onTimeShare: number | null };
}

const share = (n: number, of: number) => (of ? n / of : null);

export async function assess(q: Queryable, paths: string[], today: string): Promise<Assessment> {
  const like = paths.map((p) => `${p}%`);
  const datasets = (
    await q.query<{ id: number; metadata: DatasetMetadata; published_at: Date; resource_ids: string[] }>(
      `SELECT d.id, v.metadata, v.published_at, v.resource_ids::text[]
         FROM datasets d JOIN units u ON u.id = d.unit_id JOIN dataset_versions v ON v.dataset_id = d.id AND v.version_no = d.published_version
        WHERE d.state <> 'withdrawn' AND d.published_version > 0 AND u.path LIKE ANY($1)`,
      [like],
    )
  ).rows;
  const resources = (
    await q.query<{ id: string; format: string; row_count: number | null; fields: FieldInfo[] }>(
      'SELECT id::text, format, row_count, fields FROM dataset_resources WHERE id = ANY($1::uuid[])',
      [datasets.flatMap((d) => d.resource_ids)],
    )
  ).rows;
  const byId = new Map(resources.map((r) => [r.id, r]));
  const openness = { open: 0, conditional: 0, closed: 0 };
  let fresh = 0;
  let api = 0;
  for (const d of datasets) {
    openness[d.metadata.openness]++;
    if (!isOverdue(d.metadata.frequency, chinaDate(d.published_at), today)) fresh++;
    if (d.metadata.openness === 'open' && d.resource_ids.some((id) => byId.get(id)?.row_count != null)) api++;
  }
  const tabular = resources.filter((r) => r.row_count !== null);
  const formats = new Map<string, number>();
  for (const r of resources) formats.set(r.format, (formats.get(r.format) ?? 0) + 1);
  const app = (
    await q.query<{ total: number; granted: number; refused: number; open: number; decided: number; on_time: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE a.state = 'granted')::int AS granted, count(*) FILTER (WHERE a.state = 'refused')::int AS refused,
              count(*) FILTER (WHERE a.state = 'received')::int AS open, count(a.decided_on)::int AS decided,
              count(*) FILTER (WHERE a.decided_on <= a.due_on)::int AS on_time
         FROM data_access_applications a JOIN units u ON u.id = a.unit_id WHERE u.path LIKE ANY($1)`,
      [like],
    )
  ).rows[0];
  const dem = (
    await q.query<{ total: number; answered: number; on_time: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE m.state = 'answered')::int AS answered, count(*) FILTER (WHERE m.answered_on <= m.due_on)::int AS on_time
         FROM data_demands m JOIN units u ON u.id = m.unit_id WHERE u.path LIKE ANY($1)`,
      [like],
    )
  ).rows[0];
  return {
    today,
    datasets: datasets.length,
    openness,
    tabularResources: tabular.length,
    rows: tabular.reduce((s, r) => s + (r.row_count ?? 0), 0),
    machineReadableShare: share(resources.filter((r) => MACHINE_READABLE.has(r.format.toUpperCase())).length, resources.length),
    describedShare: share(tabular.filter((r) => r.fields.some((f) => f.description || f.unit)).length, tabular.length),
    freshness: share(fresh, datasets.length),
    apiDatasets: api,
    formats: [...formats].map(([format, count]) => ({ format, count })).sort((a, b) => b.count - a.count || a.format.localeCompare(b.format)),
    applications: { total: app.total, granted: app.granted, refused: app.refused, open: app.open, onTimeShare: share(app.on_time, app.decided) },
    demands: { total: dem.total, answered: dem.answered, onTimeShare: share(dem.on_time, dem.answered) },
  };
}
