/**
 * What changed in the catalogue, for subscribers (CKAN #8712, data.gov #1267: users want to hear of updates): an Atom
 * feed of published versions with their change notes, for the whole catalogue, a unit, or one dataset; and the whole
 * catalogue as one CSV, read fresh on each request, so no row cap surprises anyone.
 */
import type { Queryable } from '../../lib/db.ts';
import { escapeXml } from '../../lib/html.ts';
import { csvDocument } from '../../lib/csv.ts';
import type { Catalogue } from './ckan.ts';
import { FREQUENCIES, OPENNESS } from './rules.ts';

export async function versionEntries(q: Queryable, o: { unitSlug?: string; datasetName?: string }) {
  return (
    await q.query<{ name: string; title: string; unit_name: string; version_no: number; change_note: string; published_at: Date }>(
      `SELECT d.name, v.metadata->>'title' AS title, u.name AS unit_name, v.version_no, v.change_note, v.published_at
         FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id JOIN units u ON u.id = d.unit_id
        WHERE d.state <> 'withdrawn' AND ($1::text IS NULL OR u.slug = $1) AND ($2::text IS NULL OR d.name = $2)
        ORDER BY v.published_at DESC, v.dataset_id DESC, v.version_no DESC LIMIT 50`,
      [o.unitSlug ?? null, o.datasetName ?? null],
    )
  ).rows;
}

export function versionFeed(rows: Awaited<ReturnType<typeof versionEntries>>, o: { baseUrl: string; title: string; selfUrl: string; alternateUrl: string }): string {
  const updated = rows[0]?.published_at ?? new Date(0);
  const entries = rows
    .map((r) => {
      const url = `${o.baseUrl}/dataset/${r.name}`;
      return (
        `<entry><id>${escapeXml(`${url}#v${r.version_no}`)}</id><title>${escapeXml(`${r.title}（第${r.version_no}版）`)}</title>` +
        `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/><updated>${r.published_at.toISOString()}</updated>` +
        `<author><name>${escapeXml(r.unit_name)}</name></author><summary>${escapeXml(r.change_note || '更新')}</summary></entry>`
      );
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><id>${escapeXml(o.alternateUrl)}</id><title>${escapeXml(o.title)}</title>` +
    `<link rel="self" type="application/atom+xml" href="${escapeXml(o.selfUrl)}"/><link rel="alternate" type="text/html" href="${escapeXml(o.alternateUrl)}"/>` +
    `<updated>${updated.toISOString()}</updated>${entries}</feed>\n`
  );
}

/** One row per published dataset with its core metadata and addresses. */
export function catalogueCsv(base: string, c: Catalogue): string {
  const rows: unknown[][] = [['标识符', '数据集名称', '摘要', '提供单位', '数据领域', '关键词', '开放属性', '更新频率', '格式', '最近更新', '版本', '页面', '接口']];
  for (const d of c.datasets) {
    const formats = [...new Set(d.resource_ids.map((id) => c.resources.get(id)?.format).filter(Boolean))].join('、');
    rows.push([
      d.name,
      d.metadata.title,
      d.metadata.summary,
      d.unit_name,
      c.areas.get(d.metadata.areaCode) ?? '',
      d.metadata.keywords.join('、'),
      OPENNESS[d.metadata.openness],
      FREQUENCIES[d.metadata.frequency].label,
      formats,
      d.published_at.toISOString().slice(0, 10),
      d.version_no,
      `${base}/dataset/${d.name}`,
      `${base}/api/3/action/package_show?id=${d.name}`,
    ]);
  }
  return csvDocument(rows);
}
