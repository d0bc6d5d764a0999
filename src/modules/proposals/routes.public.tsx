/** The public yearly page of 建议提案办理结果 (/hdjl/jyta, /hdjl/jyta/2026). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { chinaDate } from '../../lib/clock.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { sendPage } from '../../lib/render.ts';
import { proposalsOfYear, proposalYears } from './queries.ts';
import { yearSummary } from './rules.ts';
import { YearPage } from './views/publicPage.tsx';

export function registerProposalPublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  const show = async (year: number, request: FastifyRequest, reply: FastifyReply) => {
    const rows = await proposalsOfYear(deps.db, year);
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      YearPage({ ctx, year, years: await proposalYears(deps.db), rows, summary: yearSummary(rows.map((r) => ({ ...r, published: !!r.published_on }))) }),
    );
  };
  app.get('/hdjl/jyta', async (request, reply) => show((await proposalYears(deps.db))[0] ?? Number(chinaDate(deps.clock.now()).slice(0, 4)), request, reply));
  app.get('/hdjl/jyta/:year', async (request, reply) => {
    const year = Number((request.params as { year: string }).year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new NotFoundError('没有这一年的建议提案办理结果。');
    return show(year, request, reply);
  });
}
