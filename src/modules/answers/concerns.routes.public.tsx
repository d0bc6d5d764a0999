/** Public routes of the concern list: /hdjl/gq with the question box, and one concern's "一键应答" page. */
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { sendPage } from '../../lib/render.ts';
import { idParam } from '../../lib/validation.ts';
import { assemble, concernsList, getConcern } from './concerns.ts';
import { answerFinder, CachedIndex } from './finder.ts';
import { AnswerPage, ConcernListPage } from './views/concernPages.tsx';

export function registerConcernPublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  // Concerns ranked for a plain question by their title and description.
  const concerns = new CachedIndex(
    (q) => concernsList(q, { activeOnly: true }),
    (r) => `${r.title}\n${r.description}`,
  );
  app.get('/hdjl/gq', async (request, reply) => {
    const q = String((request.query as { q?: string }).q ?? '')
      .trim()
      .slice(0, 100);
    const rows = await concernsList(deps.db, { activeOnly: true });
    const found = q ? { concerns: (await concerns.rank(deps.db, q, 3)).map((r) => ({ id: r.id, title: r.title })), answers: await answerFinder.find(deps.db, q, 3) } : undefined;
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ConcernListPage({ ctx, q, rows, found }));
  });
  app.get('/hdjl/gq/:id', async (request, reply) => {
    const c = await getConcern(deps.db, idParam(request.params, '没有这个关切事项。'));
    if (!c || c.state !== 'active') throw new NotFoundError('没有这个关切事项。');
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, AnswerPage({ ctx, c, a: await assemble(deps.db, c) }));
  });
}
