/** The public portal: home, the 政府信息公开 column of every unit, item pages, feeds and sitemaps. Read-only. */
import { answersForItem } from '../answers/index.ts';
import { itemCitations } from '../gazette/index.ts';
import { filingOf } from '../normative/index.ts';
import { PolicyLibraryPage, PortalHomePage } from './views/home.tsx';
import { itemViews, ViewCounter } from './pageViews.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, NotFoundError } from '../../lib/errors.ts';
import { authorize, can } from '../../lib/authz.ts';
import { etagOf, sendPage, sendPublicPage } from '../../lib/render.ts';
import { unitOfficials, asTree, getUnitBySlug, listUnits, type UnitRow } from '../orgs/index.ts';
import { sectionsForUnit } from '../publishing/index.ts';
import { getItem, getVersion, latestVersion, type VersionRow } from '../publishing/index.ts';
import { SECTION_BY_CODE, TOPIC_VALUES, TOPICS, GENRES, VALIDITY } from '../publishing/index.ts';
import { sendBlob } from '../publishing/index.ts';
import { policyFacets, countPublicItems, itemPageExtras, listPublicItems, publishedYears, sectionCounts, sitemapItems, type PublicListFilters } from './queries.ts';
import { ColumnHomePage, GuidePage, PlatformIndexPage, SiteMapPage, SectionListPage, type ListFilterValues } from './views/pages.tsx';
import { PrintItemPage, PublicItemPage, type PublicItemData } from './views/itemPage.tsx';
import { atomFeed, sitemapIndex, urlset } from './feeds.ts';

const PAGE_SIZE = 20;
const SITEMAP_CHUNK = 10_000;

function readFilters(query: unknown): ListFilterValues {
  const q = (query ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim().slice(0, 60) : '');
  const topic = s('topic');
  const genre = s('genre');
  const year = s('year');
  const validity = s('validity');
  // Unknown values are ignored rather than failing: a hand-edited URL still shows a list.
  return {
    topic: TOPIC_VALUES.includes(topic) || TOPICS.some(([l1]) => l1 === topic) ? topic : '',
    genre: (GENRES as readonly string[]).includes(genre) ? genre : '',
    year: /^(19|20)\d{2}$/.test(year) ? year : '',
    validity: validity in VALIDITY ? validity : '',
  };
}

const pageOf = (query: unknown) => Math.max(1, Math.min(5000, Number((query as Record<string, string>)?.page) || 1));

declare module 'fastify' {
  interface FastifyInstance {
    /** Page views of the public column, held in memory until flushed to daily sums (every minute by the server). */
    viewCounter: ViewCounter;
  }
}

export function registerPortalRoutes(app: FastifyInstance) {
  const { deps } = app;

  // Views of the public column, counted after the answer (cached pages included), written as daily sums.
  const views = new ViewCounter(deps.db);
  app.decorate('viewCounter', views);
  app.addHook('onResponse', (request, reply, done) => {
    if (request.method === 'GET' && reply.statusCode === 200 && request.url.startsWith('/xxgk/')) views.hit(request.url, request.headers['user-agent'], deps.clock.now());
    done();
  });
  app.addHook('onClose', async () => {
    await views.flush().catch(() => undefined);
  });

  const memo = <T,>(key: string, compute: () => Promise<T>) => (app.pageCache ? app.pageCache.memo(key, compute) : compute());

  async function unitOr404(request: FastifyRequest): Promise<UnitRow> {
    const slug = (request.params as { unit: string }).unit;
    const unit = await memo(`unit:${slug}`, () => getUnitBySlug(deps.db, slug));
    if (!unit) throw new NotFoundError('没有这个单位。');
    return unit;
  }

  const sectionsOf = (unit: UnitRow) => memo(`sections:${unit.id}`, () => sectionsForUnit(deps.db, unit));

  app.get('/', async (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => {
      const latest = await listPublicItems(deps.db, {}, 1, 10);
      const policies = await listPublicItems(deps.db, { section: 'a20_01', kind: 'information' }, 1, 8);
      const interpretations = await listPublicItems(deps.db, { kind: 'interpretation' }, 1, 8);
      return PortalHomePage({ ctx, latest: latest.rows, policies: policies.rows, interpretations: interpretations.rows, units: asTree(await listUnits(deps.db)) });
    }),
  );

  // The city-wide policy library: filters are plain query parameters, so every choice is a link.
  app.get('/zcwjk', async (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => {
      const q = request.query as Record<string, unknown>;
      const text = (k: string) => (typeof q[k] === 'string' && (q[k] as string).length <= 60 ? (q[k] as string) : undefined);
      const year = Number(text('year')) || undefined;
      const filters: PublicListFilters = {
        section: 'a20_01',
        kind: 'information',
        topic: text('topic'),
        organ: text('organ'),
        genre: text('genre'),
        year: year && year > 1949 && year < 2200 ? year : undefined,
      };
      const page = pageOf(request.query);
      const pageSize = 20;
      const [facets, list] = [await policyFacets(deps.db, filters), await listPublicItems(deps.db, filters, page, pageSize)];
      return PolicyLibraryPage({ ctx, filters, facets, rows: list.rows, total: list.total, page, pageSize });
    }),
  );

  app.get('/sitemap', async (request, reply) => sendPublicPage(app, request, reply, async (ctx) => SiteMapPage({ ctx, units: asTree(await listUnits(deps.db)) })));
  app.get('/xxgk', async (request, reply) => sendPublicPage(app, request, reply, async (ctx) => PlatformIndexPage({ ctx, units: asTree(await listUnits(deps.db)) })));

  app.get('/xxgk/:unit', async (request, reply) => {
    return sendPublicPage(app, request, reply, async (ctx) => {
      const unit = await unitOr404(request);
      const [sections, counts, latest] = await Promise.all([sectionsOf(unit), sectionCounts(deps.db, unit.id), listPublicItems(deps.db, { unitId: unit.id }, 1, 10)]);
      return ColumnHomePage({ ctx, unit, sections, counts, latest: latest.rows });
    });
  });

  app.get('/xxgk/:unit/guide', async (request, reply) => {
    return sendPublicPage(app, request, reply, async (ctx) => {
      const unit = await unitOr404(request);
      const o = await unitOfficials(deps.db, unit.id);
      return GuidePage({ ctx, unit, sections: await sectionsOf(unit), leader: o ? { name: o.leader_name, post: o.leader_post } : undefined });
    });
  });

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    unit: UnitRow,
    code: string,
    label: string,
    basis: string | undefined,
    base: PublicListFilters,
    basePath: string,
  ) {
    const filters = readFilters(request.query);
    const page = pageOf(request.query);
    const f: PublicListFilters = {
      ...base,
      unitId: unit.id,
      topic: filters.topic || undefined,
      genre: filters.genre || undefined,
      year: filters.year ? Number(filters.year) : undefined,
      validity: filters.validity || undefined,
    };
    return sendPublicPage(app, request, reply, async (ctx) => {
      const [sections, list, years] = await Promise.all([
        sectionsOf(unit),
        listPublicItems(deps.db, f, page, PAGE_SIZE),
        memo(`years:${unit.id}`, () => publishedYears(deps.db, unit.id)),
      ]);
      return SectionListPage({ ctx, unit, sections, code, label, basis, rows: list.rows, total: list.total, page, pageSize: PAGE_SIZE, filters, years, basePath });
    });
  }

  app.get('/xxgk/:unit/s/:section', async (request, reply) => {
    const unit = await unitOr404(request);
    const code = (request.params as { section: string }).section;
    if (code === 'proactive')
      return listPage(request, reply, unit, 'proactive', '法定主动公开内容', '条例第二十条、第二十一条', { section: 'proactive' }, `/xxgk/${unit.slug}/s/proactive`);
    const sections = await sectionsOf(unit);
    const s = sections.find((x) => x.code === code && x.enabled && x.code !== 'guide');
    if (!s) throw new NotFoundError('没有这个栏目。');
    return listPage(request, reply, unit, s.code, s.label, s.basis, { section: s.code }, `/xxgk/${unit.slug}/s/${s.code}`);
  });

  app.get('/xxgk/:unit/interpretations', async (request, reply) => {
    const unit = await unitOr404(request);
    return listPage(request, reply, unit, 'interpretations', '政策解读', undefined, { kind: 'interpretation' }, `/xxgk/${unit.slug}/interpretations`);
  });

  async function loadPublicItem(request: FastifyRequest, versionNo?: number): Promise<{ unit: UnitRow; d: PublicItemData }> {
    const unit = await unitOr404(request);
    const item = await getItem(deps.db, Number((request.params as { id: string }).id) || 0);
    if (!item || item.unit_id !== unit.id) throw new NotFoundError('没有找到这条信息。');
    const staff = can(request.actor, 'item.read_internal', { unitPath: item.unit_path });
    if (item.status === 'withdrawn' && !staff) throw new AppError('WITHDRAWN', 410, '该信息已撤回，不再公开。');
    if (item.status !== 'published' && item.status !== 'withdrawn') throw new NotFoundError('没有找到这条信息。');
    let version: VersionRow | undefined;
    if (versionNo) {
      const r = await deps.db.query<VersionRow>('SELECT * FROM item_versions WHERE item_id = $1 AND version_no = $2', [item.id, versionNo]);
      version = r.rows[0];
      if (version && !staff && !['published', 'superseded'].includes(version.state)) version = undefined;
    } else if (item.current_version_id) version = await getVersion(deps.db, item.current_version_id);
    if (!version || (version.disclosure !== 'proactive' && !staff)) throw new NotFoundError('没有找到这条信息。');
    const extras = await itemPageExtras(deps.db, item.id, version.id, item.kind === 'interpretation', item.validity_by_item_id);
    return {
      unit,
      d: {
        item,
        version,
        isCurrent: version.id === item.current_version_id,
        attachments: extras.attachments,
        links: extras.links,
        versions: extras.versions,
        validityBy: extras.by,
        views: await itemViews(deps.db, item.id),
        answers: version.id === item.current_version_id ? await answersForItem(deps.db, item.id) : [],
        gazette: await itemCitations(deps.db, item.id),
        filing: item.legal_form ? await filingOf(deps.db, item.id) : undefined,
      },
    };
  }

  app.get('/xxgk/:unit/items/:id', async (request, reply) => {
    return sendPublicPage(app, request, reply, async (ctx) => {
      const { unit, d } = await loadPublicItem(request);
      return PublicItemPage({ ctx, unit, sections: await sectionsOf(unit), d });
    });
  });

  // Staff see a draft as the public will see it before sending it for review (never cached, never indexed).
  app.get('/staff/items/:id/preview', async (request, reply) => {
    const item = await getItem(deps.db, Number((request.params as { id: string }).id) || 0);
    if (!item) throw new NotFoundError('没有找到这条信息。');
    authorize(request.actor, 'item.read_internal', { unitPath: item.unit_path });
    const unit = (await getUnitBySlug(deps.db, item.unit_slug))!;
    const version = (await latestVersion(deps.db, item.id))!;
    const extras = await itemPageExtras(deps.db, item.id, version.id, item.kind === 'interpretation', item.validity_by_item_id);
    const d: PublicItemData = { item, version, isCurrent: true, attachments: extras.attachments, links: extras.links, versions: extras.versions, validityBy: extras.by };
    const ctx = app.viewContext(request, reply);
    reply.header('X-Robots-Tag', 'noindex');
    return sendPage(request, reply, ctx, PublicItemPage({ ctx, unit, sections: await sectionsForUnit(deps.db, unit), d, preview: { back: `/staff/items/${item.id}` } }));
  });

  app.get('/xxgk/:unit/items/:id/print', async (request, reply) => {
    return sendPublicPage(app, request, reply, async (ctx) => PrintItemPage({ ctx, d: (await loadPublicItem(request)).d }));
  });

  app.get('/xxgk/:unit/items/:id/versions/:no', async (request, reply) => {
    return sendPublicPage(app, request, reply, async (ctx) => {
      const { unit, d } = await loadPublicItem(request, Number((request.params as { no: string }).no) || -1);
      return PublicItemPage({ ctx, unit, sections: await sectionsOf(unit), d });
    });
  });

  app.get('/xxgk/:unit/items/:id/attachments/:aid', async (request, reply) => {
    const unit = await unitOr404(request);
    const item = await getItem(deps.db, Number((request.params as { id: string }).id) || 0);
    if (!item || item.unit_id !== unit.id) throw new NotFoundError();
    return sendBlob(deps.db, reply, { itemId: item.id, attachmentId: Number((request.params as { aid: string }).aid) || 0, publicOnly: true });
  });

  async function sendXml(request: FastifyRequest, reply: FastifyReply, body: string, type: string) {
    const tag = etagOf(body);
    reply.header('ETag', tag).header('Cache-Control', 'public, max-age=300').type(type);
    if (request.headers['if-none-match'] === tag) return reply.code(304).send();
    return reply.send(body);
  }

  app.get('/xxgk/:unit/feed.atom', async (request, reply) => {
    const unit = await unitOr404(request);
    const { rows } = await listPublicItems(deps.db, { unitId: unit.id }, 1, 50);
    const base = deps.config.baseUrl;
    return sendXml(
      request,
      reply,
      atomFeed({
        id: `${base}/xxgk/${unit.slug}`,
        title: `${unit.name}政府信息公开`,
        selfUrl: `${base}/xxgk/${unit.slug}/feed.atom`,
        alternateUrl: `${base}/xxgk/${unit.slug}`,
        baseUrl: base,
        rows,
        updated: rows[0]?.updated_at ?? unit.guide_updated_at,
      }),
      'application/atom+xml; charset=utf-8',
    );
  });

  app.get('/xxgk/:unit/s/:section/feed.atom', async (request, reply) => {
    const unit = await unitOr404(request);
    const code = (request.params as { section: string }).section;
    if (code !== 'proactive' && !SECTION_BY_CODE.has(code)) throw new NotFoundError('没有这个栏目。');
    const { rows } = await listPublicItems(deps.db, { unitId: unit.id, section: code }, 1, 50);
    const base = deps.config.baseUrl;
    const label = code === 'proactive' ? '法定主动公开内容' : SECTION_BY_CODE.get(code)!.label;
    return sendXml(
      request,
      reply,
      atomFeed({
        id: `${base}/xxgk/${unit.slug}/s/${code}`,
        title: `${unit.name} - ${label}`,
        selfUrl: `${base}/xxgk/${unit.slug}/s/${code}/feed.atom`,
        alternateUrl: `${base}/xxgk/${unit.slug}/s/${code}`,
        baseUrl: base,
        rows,
        updated: rows[0]?.updated_at ?? unit.guide_updated_at,
      }),
      'application/atom+xml; charset=utf-8',
    );
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const n = await countPublicItems(deps.db);
    const base = deps.config.baseUrl;
    const locs = [`${base}/sitemaps/units.xml`, ...Array.from({ length: Math.ceil(n / SITEMAP_CHUNK) }, (_, i) => `${base}/sitemaps/items-${i + 1}.xml`)];
    return sendXml(request, reply, sitemapIndex(locs), 'application/xml; charset=utf-8');
  });

  app.get('/sitemaps/units.xml', async (request, reply) => {
    const base = deps.config.baseUrl;
    const units = await listUnits(deps.db);
    const urls = [
      { loc: `${base}/` },
      { loc: `${base}/xxgk` },
      ...units.flatMap((u) => [{ loc: `${base}/xxgk/${u.slug}` }, { loc: `${base}/xxgk/${u.slug}/guide`, lastmod: u.guide_updated_at }]),
    ];
    return sendXml(request, reply, urlset(urls), 'application/xml; charset=utf-8');
  });

  app.get('/sitemaps/items-:n.xml', async (request, reply) => {
    const n = Number((request.params as { n: string }).n);
    if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new NotFoundError();
    const rows = await sitemapItems(deps.db, (n - 1) * SITEMAP_CHUNK, SITEMAP_CHUNK);
    if (!rows.length) throw new NotFoundError();
    const base = deps.config.baseUrl;
    return sendXml(request, reply, urlset(rows.map((r) => ({ loc: `${base}/xxgk/${r.unit_slug}/items/${r.id}`, lastmod: r.updated_at }))), 'application/xml; charset=utf-8');
  });
}
