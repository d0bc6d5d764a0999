/**
 * Public pages of the data catalogue (数据开放): the list with filters and counts at /sjkf, a dataset at
 * /dataset/<name> and a resource at /dataset/<name>/resource/<id> (CKAN's URL layout, which CKAN clients read to find
 * the API), with preview, filters and downloads of any size streamed page by page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { sendPublicPage } from '../../lib/render.ts';
import { chinaDate } from '../../lib/clock.ts';
import { searchRows } from './datastore.ts';
import { sendTable, type TableFormat } from './downloads.ts';
import { rankDatasets } from './hints.ts';
import { areaNames, datasetHistory, getResource, publishedDataset, resourcesByIds, unitCatalogueItems, type PublishedDataset, type ResourceRow } from './queries.ts';
import { catalogueItemValue } from '../../lib/anchors.ts';
import { dataOpen, groupName, cachedCatalogue, searchPackages } from './ckan.ts';
import { catalogueQuads, toJsonLd, toTurtle } from './dcat.ts';
import { dataJson } from './datajson.ts';
import { catalogueCsv, versionEntries, versionFeed } from './feeds.ts';
import { getUnitBySlug } from '../orgs/index.ts';
import { FREQUENCIES, isOverdue, OPENNESS } from './rules.ts';
import { DatasetListPage, DatasetPage, ResourcePage, type ListFilters } from './views/publicPages.tsx';
import { UnitDirectoryPage } from './views/directoryPage.tsx';

const PAGE_SIZE = 20;
const PREVIEW_ROWS = 20;

export function registerOpendataPublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  const base = deps.config.baseUrl;
  const today = () => chinaDate(deps.clock.now());

  app.get('/sjkf', async (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => {
      const query = request.query as Record<string, string | undefined>;
      const f: ListFilters = {
        q: String(query.q ?? '')
          .trim()
          .slice(0, 100),
        area: query.area?.slice(0, 4),
        unit: query.unit?.slice(0, 60),
        format: query.format?.slice(0, 10),
        openness: query.openness && query.openness in OPENNESS ? query.openness : undefined,
        frequency: query.frequency && query.frequency in FREQUENCIES ? query.frequency : undefined,
      };
      const page = Math.max(1, Math.min(1000, Number(query.page) || 1));
      const fq = [
        f.area && `groups:${groupName(f.area)}`,
        f.unit && `organization:${f.unit}`,
        f.format && `res_format:"${f.format.replace(/"/g, '')}"`,
        f.openness && `openness:${OPENNESS[f.openness as keyof typeof OPENNESS]}`,
        f.frequency && `update_frequency:${FREQUENCIES[f.frequency as keyof typeof FREQUENCIES].label}`,
      ].filter(Boolean);
      const c = await cachedCatalogue(app);
      // The question in words, ranked by where they occur (a ":" is just a character on this page, not CKAN syntax).
      const found = searchPackages(base, c, {
        q: '',
        only: f.q ? new Map(rankDatasets(c, f.q).map((x) => [x.d.name, x.score])) : undefined,
        fq: fq.join(' AND '),
        sort: f.q ? 'score desc, metadata_modified desc' : 'metadata_modified desc',
        rows: PAGE_SIZE,
        start: (page - 1) * PAGE_SIZE,
        facetFields: ['groups', 'organization', 'res_format', 'openness', 'update_frequency'],
        facetLimit: 30,
        fl: [],
      });
      const overdue = new Set(c.datasets.filter((d) => isOverdue(d.metadata.frequency, chinaDate(d.published_at), today())).map((d) => d.name));
      return DatasetListPage({ ctx, f, page, pageSize: PAGE_SIZE, found, overdue });
    }),
  );

  async function datasetOf(request: FastifyRequest): Promise<PublishedDataset> {
    const d = await publishedDataset(deps.db, (request.params as { name: string }).name);
    if (!d) throw new NotFoundError('没有这个数据集，或它已撤回。');
    return d;
  }

  /** A resource of a published version of the dataset (older versions' resources stay readable, as CKAN ids do). */
  async function resourceOf(request: FastifyRequest, d: PublishedDataset): Promise<ResourceRow> {
    const id = (request.params as { rid: string }).rid;
    const listed = await deps.db.query('SELECT 1 FROM dataset_versions WHERE dataset_id = $1 AND resource_ids::text[] @> ARRAY[$2::text]', [d.id, id.slice(0, 40)]);
    const r = listed.rows.length ? await getResource(deps.db, id) : undefined;
    if (!r) throw new NotFoundError('这个数据集没有这个资源。');
    return r;
  }

  // DCAT-AP 3.0 for harvesters: the whole catalogue, and each dataset (also by content negotiation on its page).
  const rdf = async (reply: FastifyReply, format: 'ttl' | 'jsonld', only?: PublishedDataset) => {
    const quads = catalogueQuads(base, deps.config.siteName, await cachedCatalogue(app), only);
    return format === 'ttl'
      ? reply.type('text/turtle; charset=utf-8').send(await toTurtle(quads))
      : reply.type('application/ld+json; charset=utf-8').send(JSON.stringify(toJsonLd(quads)));
  };
  app.get('/catalog.ttl', (_request, reply) => rdf(reply, 'ttl'));
  app.get('/catalog.csv', async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('政府数据开放目录.csv')}`)
      .send(catalogueCsv(base, await cachedCatalogue(app))),
  );
  const feed = async (reply: FastifyReply, o: { unitSlug?: string; datasetName?: string; title: string; path: string; page: string }) =>
    reply
      .type('application/atom+xml; charset=utf-8')
      .send(versionFeed(await versionEntries(deps.db, o), { baseUrl: base, title: o.title, selfUrl: `${base}${o.path}`, alternateUrl: `${base}${o.page}` }));
  app.get('/sjkf/feed.atom', (_request, reply) => feed(reply, { title: `${deps.config.siteName} 数据开放更新`, path: '/sjkf/feed.atom', page: '/sjkf' }));
  app.get('/sjkf/units/:unit/feed.atom', async (request, reply) => {
    const unit = await getUnitBySlug(deps.db, (request.params as { unit: string }).unit);
    if (!unit) throw new NotFoundError('没有这个单位。');
    return feed(reply, { unitSlug: unit.slug, title: `${unit.name} 数据开放更新`, path: `/sjkf/units/${unit.slug}/feed.atom`, page: `/sjkf?unit=${unit.slug}` });
  });
  // A unit's 政府数据资源目录 (DG 三(八)): its datasets as a table, and the same rows as CSV.
  const unitOf = async (request: FastifyRequest) => {
    const unit = await getUnitBySlug(deps.db, (request.params as { unit: string }).unit);
    if (!unit) throw new NotFoundError('没有这个单位。');
    return unit;
  };
  app.get('/sjkf/units/:unit', (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => UnitDirectoryPage({ ctx, unit: await unitOf(request), c: await cachedCatalogue(app) })),
  );
  app.get('/sjkf/units/:unit/catalog.csv', async (request, reply) => {
    const unit = await unitOf(request);
    const c = await cachedCatalogue(app);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${unit.name}政府数据资源目录.csv`)}`)
      .send(catalogueCsv(base, { ...c, datasets: c.datasets.filter((d) => d.unit_slug === unit.slug) }));
  });
  app.get('/dataset/:name/feed.atom', async (request, reply) => {
    const d = await datasetOf(request);
    return feed(reply, { datasetName: d.name, title: `${d.metadata.title} 更新记录`, path: `/dataset/${d.name}/feed.atom`, page: `/dataset/${d.name}` });
  });
  app.get('/data.json', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(dataJson(base, deps.config.siteName, deps.config.openDataEmail, await cachedCatalogue(app))),
  );
  app.get('/catalog.jsonld', (_request, reply) => rdf(reply, 'jsonld'));
  app.get('/dataset/:name/dcat.ttl', async (request, reply) => rdf(reply, 'ttl', await datasetOf(request)));
  app.get('/dataset/:name/dcat.jsonld', async (request, reply) => rdf(reply, 'jsonld', await datasetOf(request)));
  const wants = (request: FastifyRequest) => {
    const accept = String(request.headers.accept ?? '');
    return /text\/turtle/.test(accept) ? 'ttl' : /application\/ld\+json/.test(accept) ? 'jsonld' : null;
  };

  app.get('/dataset/:name', async (request, reply) => {
    const format = wants(request);
    reply.header('vary', 'accept');
    if (format) return rdf(reply, format, await datasetOf(request));
    return sendPublicPage(app, request, reply, async (ctx) => {
      const d = await datasetOf(request);
      // One dataset's page reads its own resources and area, not the whole catalogue.
      const resources = await resourcesByIds(deps.db, d.resource_ids);
      return DatasetPage({
        ctx,
        d,
        resources,
        areaName: (await areaNames(deps.db)).find((a) => a.code === d.metadata.areaCode)?.name ?? '',
        history: await datasetHistory(deps.db, d.id),
        catalogueItems: d.metadata.catalogueKeys?.length
          ? (await unitCatalogueItems(deps.db, d.unit_id)).filter((c) => d.metadata.catalogueKeys!.includes(catalogueItemValue(c)))
          : [],
        overdue: isOverdue(d.metadata.frequency, chinaDate(d.published_at), today()),
        base,
      });
    });
  });

  app.get('/dataset/:name/resource/:rid', async (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => {
      const d = await datasetOf(request);
      const r = await resourceOf(request, d);
      const query = request.query as Record<string, string | undefined>;
      const column = query.column && r.fields.some((f) => f.id === query.column) ? query.column : '';
      const value = String(query.value ?? '').slice(0, 200);
      const page = Math.max(1, Math.min(100_000, Number(query.page) || 1));
      const rows =
        r.row_count !== null && dataOpen(d)
          ? await searchRows(deps.db, r.id, r.fields, {
              filters: column && value ? { [column]: value } : undefined,
              q: column ? undefined : value,
              limit: PREVIEW_ROWS,
              offset: (page - 1) * PREVIEW_ROWS,
            })
          : undefined;
      return ResourcePage({ ctx, d, r, rows, column, value, page, pageSize: PREVIEW_ROWS, base, current: d.resource_ids.includes(r.id) });
    }),
  );

  async function download(request: FastifyRequest, reply: FastifyReply, format: TableFormat) {
    const d = await datasetOf(request);
    const r = await resourceOf(request, d);
    if (!dataOpen(d)) throw new ForbiddenError('该数据集不是无条件开放，数据须经申请获得。', 'DATA_NOT_OPEN');
    return sendTable(deps.db, reply, d.name, r, format);
  }
  app.get('/dataset/:name/resource/:rid/download.csv', (request, reply) => download(request, reply, 'csv'));
  app.get('/dataset/:name/resource/:rid/download.json', (request, reply) => download(request, reply, 'json'));
  app.get('/dataset/:name/resource/:rid/download.xlsx', (request, reply) => download(request, reply, 'xlsx'));
  app.get('/dataset/:name/resource/:rid/file', async (request, reply) => {
    const d = await datasetOf(request);
    const r = await resourceOf(request, d);
    if (!dataOpen(d)) throw new ForbiddenError('该数据集不是无条件开放，数据须经申请获得。', 'DATA_NOT_OPEN');
    if (!r.blob_sha256) throw new NotFoundError('这个资源没有原文件。');
    const blob = (await deps.db.query<{ mime: string; content: Buffer }>('SELECT mime, content FROM blobs WHERE sha256 = $1', [r.blob_sha256])).rows[0];
    return reply
      .type(blob.mime)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${d.name}-${r.name}.${r.format.toLowerCase()}`)}`)
      .send(blob.content);
  });
}
