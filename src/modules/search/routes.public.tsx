/** The public search page: one box, scope to a unit or the whole city, works without JavaScript. */
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../lib/render.ts';
import { asTree, getUnitBySlug, listUnits } from '../orgs/queries.ts';
import { SearchPage } from './views.tsx';

const PAGE_SIZE = 10;

export function registerSearchRoutes(app: FastifyInstance) {
  const { deps } = app;
  app.get('/search', { config: { rateLimit: { max: 120, timeWindow: '1 minute' } }, preHandler: app.rateLimit({ max: 120, timeWindow: '1 minute' }) }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const raw = typeof query.q === 'string' ? query.q : '';
    const q = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 200);
    const unit = typeof query.unit === 'string' && query.unit ? await getUnitBySlug(deps.db, query.unit.slice(0, 64)) : undefined;
    const page = Math.max(1, Math.min(100, Number(query.page) || 1));
    const { total, results } = q ? await app.searchIndex.search(q, { unitId: unit?.id, limit: page * PAGE_SIZE }) : { total: 0, results: [] };
    const units = asTree(await listUnits(deps.db)).map((u) => ({ slug: u.slug, name: u.name, depth: u.depth }));
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, SearchPage({ ctx, q, unit, units, results: results.slice((page - 1) * PAGE_SIZE), total, page, pageSize: PAGE_SIZE, tooLong: raw.trim().length > 200 }));
  });
}
