/**
 * The public 行政执法公示 (/zfgs): the search over every unit's decisions, a unit's page, a decision (or the notice of
 * its withdrawal), the 事前 register, a draw, a year's figures, Atom feeds, and the 双公示 export of a unit's decisions.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Queryable } from '../../lib/db.ts';
import { chinaDate } from '../../lib/clock.ts';
import { isValidDate } from '../../lib/calendar.ts';
import { csvCell } from '../../lib/csv.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { escapeXml } from '../../lib/html.ts';
import { sendPublicPage } from '../../lib/render.ts';
import { xlsxStream } from '../../lib/xlsxStream.ts';
import { contentDisposition } from '../../lib/download.ts';
import {
  countPublished,
  drawsOf,
  findDecisions,
  getDecision,
  getDraw,
  publishedPages,
  publishedStats,
  recentDecisions,
  registerOf,
  unitSummaries,
  type DecisionRow,
} from './queries.ts';
import { FIELDS, headerOf, isKind, KINDS, type Kind } from './rules.ts';
import { decisionHref, DecisionPage, DrawPage, EnforcementHomePage, RegisterPage, StatsPage, UnitPage, type SearchValues } from './views/publicPages.tsx';

export const PAGE_SIZE = 20;
const MAX_PAGE = 500;

/** The search's values from a query string; anything unusable is dropped rather than refused. */
export function searchValues(query: unknown): SearchValues {
  const q = (query ?? {}) as Record<string, unknown>;
  const s = (k: string, max: number) =>
    String(q[k] ?? '')
      .trim()
      .slice(0, max);
  const page = Number(s('page', 4));
  return {
    q: s('q', 100),
    kind: isKind(s('kind', 20)) ? s('kind', 20) : '',
    unit: s('unit', 60),
    from: isValidDate(s('from', 10)) ? s('from', 10) : '',
    to: isValidDate(s('to', 10)) ? s('to', 10) : '',
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  };
}

export async function unitOf(q: Queryable, slug: string) {
  const unit = (await unitSummaries(q)).find((u) => u.slug === slug);
  if (!unit) throw new NotFoundError('这个单位没有行政执法公示。');
  return unit;
}

/** The 双公示 columns of a decision, in headerOf(kind)'s order (the ID number column is never exported). */
export function exportCells(d: DecisionRow): string[] {
  const value: Record<string, string | null> = {
    docNo: d.doc_no,
    name: d.name,
    category: d.category,
    cause: d.cause,
    basis: d.basis,
    subjectType: d.subject_type === 'natural' ? '自然人' : '法人及非法人组织',
    subjectName: d.subject_name,
    creditCode: d.credit_code,
    legalRep: d.legal_rep,
    result: d.result,
    decidedOn: d.decided_on,
    validUntil: d.valid_until,
    authority: d.authority,
    areaCode: d.area_code,
    remark: d.remark,
  };
  return FIELDS.filter((f) => f.key !== 'idNumber').map((f) => value[f.key] ?? '');
}

function feed(base: string, self: string, title: string, rows: DecisionRow[]) {
  const entries = rows
    .map((d) => {
      const url = `${base}${decisionHref(d)}`;
      const t = d.state === 'withdrawn' ? `已撤下：${KINDS[d.kind]}决定 ${d.doc_no}` : `${KINDS[d.kind]}：${d.name}（${d.subject_name}）`;
      const summary = d.state === 'withdrawn' ? d.explanation : `${d.doc_no}　${d.decided_on}　${d.authority}`;
      return `<entry><id>${escapeXml(url)}</id><title>${escapeXml(t)}</title><link rel="alternate" type="text/html" href="${escapeXml(url)}"/><updated>${(d.withdrawn_at ?? d.published_at).toISOString()}</updated><summary>${escapeXml(summary)}</summary></entry>`;
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><id>${escapeXml(`${base}${self}`)}</id><title>${escapeXml(title)}</title>` +
    `<author><name>${escapeXml(title)}</name></author><link rel="self" type="application/atom+xml" href="${escapeXml(`${base}${self}`)}"/>` +
    `<updated>${(rows[0] ? (rows[0].withdrawn_at ?? rows[0].published_at) : new Date(0)).toISOString()}</updated>${entries}</feed>\n`
  );
}

export function registerEnforcementPublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  const slugOf = (request: FastifyRequest) => (request.params as { slug: string }).slug;
  const idOf = (request: FastifyRequest, key = 'id') => {
    const v = (request.params as Record<string, string>)[key];
    if (!/^\d{1,12}$/.test(v)) throw new NotFoundError('没有这条记录。');
    return Number(v);
  };

  // A page of published decisions for the search's values, in one unit or all.
  const search = (v: SearchValues, unitId: number | undefined) =>
    findDecisions(deps.db, {
      unitId,
      kind: (v.kind || undefined) as Kind | undefined,
      q: v.q || undefined,
      from: v.from || undefined,
      to: v.to || undefined,
      state: 'published',
      limit: PAGE_SIZE,
      offset: (v.page - 1) * PAGE_SIZE,
    });

  app.get('/zfgs', async (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => {
      const v = searchValues(request.query);
      const units = await unitSummaries(deps.db);
      const unit = units.find((u) => u.slug === v.unit);
      return EnforcementHomePage({ ctx, units, v: { ...v, unit: unit ? v.unit : '' }, ...(await search(v, unit?.id)) });
    }),
  );

  app.get('/zfgs/feed.atom', async (_request, reply) =>
    reply.type('application/atom+xml; charset=utf-8').send(feed(deps.config.baseUrl, '/zfgs/feed.atom', '行政执法公示', await recentDecisions(deps.db, null))),
  );

  app.get('/zfgs/:slug', async (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => {
      const unit = await unitOf(deps.db, slugOf(request));
      const v = { ...searchValues(request.query), unit: '' };
      return UnitPage({ ctx, unit, v, ...(await search(v, unit.id)), draws: await drawsOf(deps.db, unit.id), stats: await publishedStats(deps.db, unit.id) });
    }),
  );

  app.get('/zfgs/:slug/feed.atom', async (request, reply) => {
    const unit = await unitOf(deps.db, slugOf(request));
    return reply
      .type('application/atom+xml; charset=utf-8')
      .send(feed(deps.config.baseUrl, `/zfgs/${unit.slug}/feed.atom`, `${unit.name} 行政执法公示`, await recentDecisions(deps.db, unit.id)));
  });

  app.get('/zfgs/:slug/decisions/:id', async (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => {
      const d = await getDecision(deps.db, idOf(request));
      if (!d || d.unit_slug !== slugOf(request)) throw new NotFoundError('没有这个执法决定。');
      return DecisionPage({ ctx, d });
    }),
  );

  app.get('/zfgs/:slug/shiqian', async (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => {
      const unit = await unitOf(deps.db, slugOf(request));
      return RegisterPage({ ctx, unit, entries: await registerOf(deps.db, unit.id, true), today: chinaDate(deps.clock.now()) });
    }),
  );

  app.get('/zfgs/:slug/draws/:id', async (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => {
      const d = await getDraw(deps.db, idOf(request));
      if (!d || d.unit_slug !== slugOf(request)) throw new NotFoundError('没有这次抽查。');
      return DrawPage({ ctx, unitName: (await unitOf(deps.db, d.unit_slug)).name, d });
    }),
  );

  app.get('/zfgs/:slug/stats/:year', async (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => {
      const unit = await unitOf(deps.db, slugOf(request));
      const s = (await publishedStats(deps.db, unit.id)).find((x) => String(x.year) === (request.params as { year: string }).year);
      if (!s) throw new NotFoundError('这一年度的数据还没有公布。');
      return StatsPage({ ctx, unit, s });
    }),
  );

  // The 双公示 export: the unit's published decisions of a kind in the exchange's columns, streamed page by page.
  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/zfgs/:slug/decisions.${format}`, async (request, reply) => {
      const unit = await unitOf(deps.db, slugOf(request));
      const k = String((request.query as Record<string, unknown>).kind ?? 'penalty');
      const kind: Kind = isKind(k) ? k : 'penalty';
      const filename = `${unit.name}-${KINDS[kind]}.${format}`;
      const header = headerOf(kind);
      const pages = async function* () {
        for await (const rows of publishedPages(deps.db, unit.id, kind)) yield rows.map(exportCells);
      };
      const body =
        format === 'xlsx'
          ? xlsxStream(
              KINDS[kind],
              header.map((h) => ({ header: h, numeric: false })),
              await countPublished(deps.db, unit.id, kind),
              pages(),
            )
          : Readable.from(
              (async function* () {
                yield '\ufeff' + header.map((h) => csvCell(h)).join(',') + '\r\n';
                for await (const rows of pages()) yield rows.map((r) => r.map((c) => csvCell(c)).join(',') + '\r\n').join('');
              })(),
            );
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(filename))
        .send(body);
    });
}
