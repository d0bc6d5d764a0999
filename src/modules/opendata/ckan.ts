/**
 * The catalogue as CKAN presents it (ADR 0025): units are organizations, the 26 areas are groups, keywords are tags,
 * and the Chinese fields CKAN has no place for are extras under the keys documented in docs/exports/opendata.md.
 * `package_search` runs over the published catalogue in memory (a city's catalogue is thousands of datasets, not
 * millions), with CKAN's parameters, defaults and limits.
 */
import type { Queryable } from '../../lib/db.ts';
import type { PageCache } from '../../lib/pageCache.ts';
import { areaNames, publishedDatasets, resourcesByIds, type PublishedDataset, type ResourceRow } from './queries.ts';
import { FREQUENCIES, LICENCES, OPENNESS } from './rules.ts';

export class CkanError extends Error {
  constructor(
    readonly type: 'Validation Error' | 'Not Found Error' | 'Authorization Error' | 'Search Query Error' | 'Search Error',
    readonly status: number,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

export const groupName = (areaCode: string) => `area-${areaCode}`;

export interface Catalogue {
  datasets: PublishedDataset[];
  resources: Map<string, ResourceRow>;
  areas: Map<string, string>;
}

export async function loadCatalogue(q: Queryable): Promise<Catalogue> {
  const datasets = await publishedDatasets(q);
  const resources = await resourcesByIds(
    q,
    datasets.flatMap((d) => d.resource_ids),
  );
  return { datasets, resources: new Map(resources.map((r) => [r.id, r])), areas: new Map((await areaNames(q)).map((a) => [a.code, a.name])) };
}

/**
 * The catalogue once per content version: the CKAN actions, DCAT, data.json, the CSV dump and the list page all read
 * the whole catalogue, and it changes only when something public changes (the page cache's version, ADR 0006).
 */
export function cachedCatalogue(app: { pageCache: PageCache | null; deps: { db: Queryable } }): Promise<Catalogue> {
  return app.pageCache ? app.pageCache.memo('opendata:catalogue', () => loadCatalogue(app.deps.db)) : loadCatalogue(app.deps.db);
}

/** Whether the public may read a dataset's data (有条件开放 needs an application; 不予开放 lists the metadata only). */
export const dataOpen = (d: PublishedDataset) => d.metadata.openness === 'open';

export function resourceDict(base: string, d: PublishedDataset, r: ResourceRow, position: number) {
  const page = `${base}/dataset/${d.name}/resource/${r.id}`;
  const url = !dataOpen(d) ? '' : r.kind === 'link' ? r.url : r.row_count !== null ? `${page}/download.csv` : `${page}/file`;
  return {
    id: r.id,
    package_id: d.uuid,
    name: r.name,
    description: r.description,
    format: r.format,
    url,
    url_type: r.kind === 'file' ? 'upload' : null,
    mimetype: r.row_count !== null ? 'text/csv' : null,
    mimetype_inner: null,
    hash: '',
    size: r.byte_size,
    resource_type: null,
    created: r.created_at.toISOString().slice(0, 19),
    last_modified: null,
    metadata_modified: r.created_at.toISOString().slice(0, 19),
    cache_url: null,
    state: 'active',
    position,
    datastore_active: r.row_count !== null && dataOpen(d),
  };
}

export function organizationDict(base: string, unit: { slug: string; name: string }, packageCount?: number) {
  return {
    id: unit.slug,
    name: unit.slug,
    title: unit.name,
    display_name: unit.name,
    description: '',
    type: 'organization',
    state: 'active',
    is_organization: true,
    approval_status: 'approved',
    image_url: '',
    image_display_url: '',
    created: null,
    ...(packageCount === undefined ? {} : { package_count: packageCount }),
    url: `${base}/sjkf?unit=${unit.slug}`,
  };
}

export function groupDict(base: string, code: string, name: string, packageCount?: number) {
  return {
    id: groupName(code),
    name: groupName(code),
    title: name,
    display_name: name,
    description: `${name}领域的开放数据`,
    type: 'group',
    state: 'active',
    is_organization: false,
    approval_status: 'approved',
    image_url: '',
    image_display_url: '',
    created: null,
    ...(packageCount === undefined ? {} : { package_count: packageCount }),
    url: `${base}/sjkf?area=${code}`,
  };
}

export function packageDict(base: string, c: Catalogue, d: PublishedDataset) {
  const m = d.metadata;
  const licence = LICENCES.find((l) => l.id === m.licenceId) ?? LICENCES[0];
  const resources = d.resource_ids.map((id) => c.resources.get(id)).filter((r): r is ResourceRow => !!r);
  const extras: Record<string, string> = {
    openness: OPENNESS[m.openness],
    openness_reason: m.opennessReason,
    update_frequency: FREQUENCIES[m.frequency].label,
    area: c.areas.get(m.areaCode) ?? '',
    topic: m.topic,
    temporal_start: m.temporalStart,
    temporal_end: m.temporalEnd,
    spatial_text: m.spatial,
    terms_of_use: m.terms,
    contact_phone: m.contactPhone,
    metadata_maintainer: m.maintainer,
    change_note: d.change_note,
    version_no: String(d.version_no),
  };
  return {
    id: d.uuid,
    name: d.name,
    title: m.title,
    notes: m.summary,
    url: `${base}/dataset/${d.name}`,
    version: String(d.version_no),
    type: 'dataset',
    state: 'active',
    private: false,
    author: d.unit_name,
    author_email: null,
    maintainer: m.contactName,
    maintainer_email: m.contactEmail || null,
    license_id: licence.id,
    license_title: licence.title,
    license_url: licence.url,
    isopen: licence.open && m.openness === 'open',
    owner_org: d.unit_slug,
    organization: organizationDict(base, { slug: d.unit_slug, name: d.unit_name }),
    metadata_created: d.first_published_at.toISOString().slice(0, 19),
    metadata_modified: d.published_at.toISOString().slice(0, 19),
    creator_user_id: null,
    num_resources: resources.length,
    resources: resources.map((r, i) => resourceDict(base, d, r, i)),
    num_tags: m.keywords.length,
    tags: m.keywords.map((k) => ({ id: k, name: k, display_name: k, state: 'active', vocabulary_id: null })),
    groups: c.areas.has(m.areaCode) ? [groupDict(base, m.areaCode, c.areas.get(m.areaCode)!)] : [],
    extras: Object.entries(extras)
      .filter(([, v]) => v)
      .map(([key, value]) => ({ key, value })),
    relationships_as_subject: [],
    relationships_as_object: [],
  };
}

type Dict = ReturnType<typeof packageDict>;

/** The value(s) of a dataset for a facet or filter field, as CKAN's search index names the fields. */
function fieldValues(p: Dict, field: string): string[] {
  switch (field) {
    case 'id':
      return [p.id];
    case 'name':
      return [p.name];
    case 'title':
      return [p.title];
    case 'organization':
    case 'owner_org':
      return [p.organization.name];
    case 'groups':
      return p.groups.map((g) => g.name);
    case 'tags':
      return p.tags.map((t) => t.name);
    case 'res_format':
      return [...new Set(p.resources.map((r) => r.format))];
    case 'license_id':
      return [p.license_id];
    // Only public, active datasets are in this catalogue: a filter for anything else finds nothing.
    case 'capacity':
      return ['public'];
    case 'state':
      return ['active'];
    case 'creator_user_id':
      return [];
    case 'openness':
    case 'update_frequency':
      return p.extras.filter((e) => e.key === field).map((e) => e.value);
    default:
      throw new CkanError('Search Error', 409, `Search error: 不支持按“${field.slice(0, 50)}”筛选或分面`);
  }
}

/** `field:value` or `field:"a value"` terms, joined by spaces or AND, optionally in brackets or with "+"; all must hold. */
export function parseFq(fq: string): { field: string; value: string }[] {
  const out: { field: string; value: string }[] = [];
  for (const [raw] of fq.matchAll(/[^\s()"]+(?:"[^"]*")?|"[^"]*"|[()]/g)) {
    const token = raw.replace(/^\+/, '');
    if (token === 'AND' || token === '(' || token === ')') continue;
    const colon = token.indexOf(':');
    const field = colon > 0 ? token.slice(0, colon) : '';
    if (!/^[a-z_]{1,40}$/.test(field)) throw new CkanError('Search Error', 409, `Search error: 无法理解“${raw.slice(0, 50)}”`);
    out.push({ field, value: token.slice(colon + 1).replace(/^"([^"]*)"$/, '$1') });
  }
  return out;
}

const SORTS: Record<string, (a: Dict, b: Dict) => number> = {
  metadata_modified: (a, b) => a.metadata_modified.localeCompare(b.metadata_modified),
  metadata_created: (a, b) => a.metadata_created.localeCompare(b.metadata_created),
  name: (a, b) => a.name.localeCompare(b.name),
  title_string: (a, b) => a.title.localeCompare(b.title, 'zh'),
};

export interface SearchInput {
  q: string;
  fq: string;
  sort: string;
  rows: number;
  start: number;
  facetFields: string[];
  facetLimit: number;
  /** The fields to return of each dataset (all when empty). */
  fl: string[];
  /** Instead of `q`'s terms: only these datasets, by name, with their scores (the portal's word search). */
  only?: Map<string, number>;
}

export function searchPackages(base: string, c: Catalogue, p: SearchInput) {
  const all = c.datasets.map((d) => packageDict(base, c, d));
  if (p.q.includes('{!')) throw new CkanError('Search Error', 409, 'Search error: 不支持 Solr 局部参数');
  // "field:value" terms in q filter as in fq; the rest are words to find.
  const words = p.q
    .trim()
    .split(/\s+/)
    .filter((t) => t && t !== '*:*');
  const fielded = words.filter((w) => /^[a-z_]{1,40}:./.test(w));
  const filters = [...parseFq(p.fq), ...parseFq(fielded.join(' '))];
  const terms = words.filter((w) => !fielded.includes(w));
  const text = (d: Dict) =>
    [d.title, d.notes, d.name, d.author, ...d.tags.map((t) => t.name), ...d.resources.map((r) => `${r.name} ${r.description}`)].join('\n').toLowerCase() +
    '\n' +
    dictionaryText(c, d);
  const scored = all
    .filter((d) => filters.every((f) => fieldValues(d, f.field).includes(f.value)))
    .map((d) => {
      if (p.only) return { d, score: p.only.get(d.name) ?? -1 };
      const t = text(d);
      return { d, score: terms.reduce((s, term) => s + (t.includes(term.toLowerCase()) ? 1 + (d.title.includes(term) ? 1 : 0) : -1000), 0) };
    })
    .filter((x) => x.score >= 0);
  const order = p.sort.split(',').map((s) => s.trim().split(/\s+/));
  for (const [field, dir] of order) {
    if (field !== 'score' && !SORTS[field]) throw new CkanError('Search Error', 409, `Search error: 不能按“${field.slice(0, 50)}”排序`);
    if (dir !== 'asc' && dir !== 'desc') throw new CkanError('Search Error', 409, 'Search error: Missing sort order');
  }
  scored.sort((a, b) => {
    for (const [field, dir] of order) {
      const cmp = field === 'score' ? a.score - b.score : SORTS[field](a.d, b.d);
      if (cmp) return dir === 'asc' ? cmp : -cmp;
    }
    return 0;
  });
  const found = scored.map((x) => x.d);
  const facets: Record<string, Record<string, number>> = {};
  const searchFacets: Record<string, { title: string; items: { name: string; display_name: string; count: number }[] }> = {};
  for (const field of p.facetFields) {
    const counts = new Map<string, number>();
    for (const d of found) for (const v of fieldValues(d, field)) counts.set(v, (counts.get(v) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, p.facetLimit < 0 ? undefined : p.facetLimit);
    facets[field] = Object.fromEntries(top);
    const display = (v: string) =>
      field === 'organization'
        ? (found.find((d) => d.organization.name === v)?.organization.title ?? v)
        : field === 'groups'
          ? (c.areas.get(v.replace(/^area-/, '')) ?? v)
          : field === 'license_id'
            ? (LICENCES.find((l) => l.id === v)?.title ?? v)
            : v;
    searchFacets[field] = {
      title: field,
      // CKAN sorts the items by display name, descending, as Python compares strings (by code point).
      items: top
        .map(([name, count]) => ({ name, display_name: display(name), count }))
        .sort((a, b) => (a.display_name < b.display_name ? 1 : a.display_name > b.display_name ? -1 : 0)),
    };
  }
  const page = found.slice(p.start, p.start + p.rows);
  const results = p.fl.length ? page.map((d) => Object.fromEntries(p.fl.map((f) => [f, (d as Record<string, unknown>)[f]]))) : page;
  return { count: found.length, results, facets, search_facets: searchFacets, sort: p.sort };
}

function dictionaryText(c: Catalogue, d: Dict): string {
  return d.resources
    .flatMap((r) => c.resources.get(r.id)?.fields ?? [])
    .map((f) => `${f.id} ${f.description}`)
    .join('\n')
    .toLowerCase();
}
