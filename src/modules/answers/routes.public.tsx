/** Public routes of the knowledge base: 常见问题 (/hdjl/wd) with the question box, and one answer (/hdjl/wd/:id). */
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { sendPage } from '../../lib/render.ts';
import { idParam } from '../../lib/validation.ts';
import { answerFinder } from './finder.ts';
import { countHint, currentPublicEntries, publicEntry } from './queries.ts';
import { chinaDate } from '../../lib/clock.ts';
import { EntryPage, ListPage } from './views/publicPages.tsx';
import { registerConcernPublicRoutes } from './concerns.routes.public.tsx';

export function registerAnswerPublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  registerConcernPublicRoutes(app);
  app.get('/hdjl/wd', async (request, reply) => {
    const q = String((request.query as { q?: string }).q ?? '')
      .trim()
      .slice(0, 100);
    const rows = q ? await answerFinder.find(deps.db, q, 10) : (await currentPublicEntries(deps.db)).slice(0, 100);
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ListPage({ ctx, q, rows }));
  });
  app.get('/hdjl/wd/:id', async (request, reply) => {
    const e = await publicEntry(deps.db, idParam(request.params, '没有这条问答。'));
    if (!e) throw new NotFoundError('没有这条问答。');
    // Opened from the search page's offer: counted, to know how often a question stops there.
    if ((request.query as { from?: string }).from === 'search') await countHint(deps.db, chinaDate(deps.clock.now()), 'search', 'opened');
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, EntryPage({ ctx, e }));
  });
}
