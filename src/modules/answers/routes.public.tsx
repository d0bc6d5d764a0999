/** Public routes of the knowledge base: 常见问题 (/hdjl/wd) with the question box, and one answer (/hdjl/wd/:id). */
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { sendPage } from '../../lib/render.ts';
import { idParam } from '../../lib/validation.ts';
import { answerFinder } from './finder.ts';
import { countHint, currentPublicEntries, publicEntry } from './queries.ts';
import { listUnits } from '../orgs/index.ts';
import { chinaDate } from '../../lib/clock.ts';
import { EntryPage, ListPage } from './views/publicPages.tsx';
import { registerConcernPublicRoutes } from './concerns.routes.public.tsx';

export function registerAnswerPublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  registerConcernPublicRoutes(app);
  app.get('/hdjl/wd', async (request, reply) => {
    const query = request.query as { q?: string; unit?: string; from?: string };
    const q = String(query.q ?? '')
      .trim()
      .slice(0, 100);
    // Arrived from the 依申请公开 page's "先查一查": offered and opened answers are counted for that channel.
    const from = query.from === 'request' ? 'request' : undefined;
    const units = await listUnits(deps.db);
    const unit = query.unit ? units.find((u) => u.slug === String(query.unit)) : undefined;
    if (query.unit && !unit) throw new NotFoundError('没有这个单位。');
    let rows = q ? await answerFinder.find(deps.db, q, 10) : await currentPublicEntries(deps.db, unit?.id);
    if (q && unit) rows = rows.filter((r) => r.unit_name === unit.name);
    if (from && q && rows.length) await countHint(deps.db, chinaDate(deps.clock.now()), 'request', 'shown');
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ListPage({ ctx, q, rows: rows.slice(0, 100), from, unit: unit?.slug ?? '', units: units.map((u) => ({ slug: u.slug, name: u.name })) }));
  });
  app.get('/hdjl/wd/:id', async (request, reply) => {
    const e = await publicEntry(deps.db, idParam(request.params, '没有这条问答。'));
    if (!e) throw new NotFoundError('没有这条问答。');
    // Opened from the search page's offer: counted, to know how often a question stops there.
    const from = (request.query as { from?: string }).from;
    if (from === 'search' || from === 'request') await countHint(deps.db, chinaDate(deps.clock.now()), from, 'opened');
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, EntryPage({ ctx, e }));
  });
}
