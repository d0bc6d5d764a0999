/** Public routes of the concern list: /hdjl/gq with the question box, and one concern's "一键应答" page. */
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { sendPage } from '../../lib/render.ts';
import { idParam } from '../../lib/validation.ts';
import { SearchEngine } from '../search/index.ts';
import type { Queryable } from '../../lib/db.ts';
import { assemble, concernsList, getConcern, type ConcernRow } from './concerns.ts';
import { answerFinder } from './finder.ts';
import { AnswerPage, ConcernListPage } from './views/concernPages.tsx';

/** Concerns ranked for a plain question by their title and description; rebuilt at most once a minute per database. */
class ConcernFinder {
  private built: { db: Queryable; at: number; engine: SearchEngine; rows: Map<number, ConcernRow> } | null = null;
  async find(q: Queryable, text: string, limit = 3) {
    if (!this.built || this.built.db !== q || Date.now() - this.built.at > 60_000) {
      const rows = await concernsList(q, { activeOnly: true });
      const engine = new SearchEngine();
      for (const r of rows) engine.add(r.id, `${r.title}\n${r.description}`);
      this.built = { db: q, at: Date.now(), engine, rows: new Map(rows.map((r) => [r.id, r])) };
    }
    const hits = this.built.engine.search(text, limit * 3);
    const best = hits[0]?.score ?? 0;
    return hits
      .filter((h) => h.score >= best * 0.5)
      .slice(0, limit)
      .map((h) => this.built!.rows.get(h.id)!)
      .filter(Boolean)
      .map((r) => ({ id: r.id, title: r.title }));
  }
}

export function registerConcernPublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  const finder = new ConcernFinder();
  app.get('/hdjl/gq', async (request, reply) => {
    const q = String((request.query as { q?: string }).q ?? '')
      .trim()
      .slice(0, 100);
    const rows = await concernsList(deps.db, { activeOnly: true });
    const found = q ? { concerns: await finder.find(deps.db, q), answers: await answerFinder.find(deps.db, q, 3) } : undefined;
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
