/** The public search page: one box, scope to a unit or the whole city, facets and sorting as plain links. */
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../lib/render.ts';
import { asTree, getUnitBySlug, listUnits } from '../orgs/index.ts';
import { SearchPage } from './views.tsx';
import { cleanQuery } from './query.ts';
import { readFilters } from './facets.ts';
import { runSearch } from './run.ts';

const PAGE_SIZE = 10;

export function registerSearchRoutes(app: FastifyInstance) {
  const { deps } = app;
  app.get('/search', { config: { rateLimit: { max: 120, timeWindow: '1 minute' } }, preHandler: app.rateLimit({ max: 120, timeWindow: '1 minute' }) }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const { q, tooLong } = cleanQuery(query.q);
    const unit = typeof query.unit === 'string' && query.unit ? await getUnitBySlug(deps.db, query.unit.slice(0, 64)) : undefined;
    const page = Math.max(1, Math.min(100, Number(query.page) || 1));
    const filters = readFilters(query);
    const sort = query.sort === 'date' ? 'date' : 'relevance';
    const answer = q
      ? await runSearch(
          { db: deps.db, search: app.searchIndex, now: deps.clock.now() },
          { q, unitId: unit?.id, scopePath: unit?.path, filters, sort, page, pageSize: PAGE_SIZE, channel: 'portal' },
        )
      : undefined;
    const units = asTree(await listUnits(deps.db)).map((u) => ({ slug: u.slug, name: u.name, depth: u.depth }));
    const popular = !q || !answer?.total ? await app.popularSearches.get(deps.clock.now()) : [];
    // Answers of the knowledge base come first, on the first page of a question.
    const firstPage = q && page === 1 && !Object.values(filters).some(Boolean);
    const hints = firstPage ? await app.answerHints(q) : [];
    // Open data that answers the question is offered beside the documents (the datasets are not information items).
    const datasets = firstPage ? await app.datasetHints(q, unit?.path) : undefined;
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, SearchPage({ ctx, q, unit, units, filters, sort, answer, page, pageSize: PAGE_SIZE, tooLong, popular, hints, datasets }));
  });
}
