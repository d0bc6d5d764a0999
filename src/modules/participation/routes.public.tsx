/** Public pages of consultations: no account needed; the comment form works without JavaScript and on a phone. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.ts';
import { field, formRoute } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { formString, idParam } from '../../lib/validation.ts';
import { splitClauses } from './clauses.ts';
import { participationContext } from './commands/common.ts';
import { submitComment } from './commands/comments.ts';
import { getConsultation, listComments, publicConsultations } from './queries.ts';
import { publicEntryOfConsultation } from './decisionQueries.ts';
import { consultationStatus } from './status.ts';
import { ConsultationListPage, ConsultationPage } from './views/publicPages.tsx';
import { consultationFeed } from './feed.ts';

export function registerParticipationPublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  // Anonymous posting: a handful of comments a minute from one address is plenty for a person.
  const limit = { max: deps.config.anonymousPostsPer10Min, timeWindow: '10 minutes' };
  const limited = { config: { rateLimit: limit }, preHandler: app.rateLimit(limit) };
  const idOf = (request: FastifyRequest) => idParam(request.params, '没有这项意见征集。');

  app.get('/hdjl/yjzj', async (request, reply) => {
    const ctx = app.viewContext(request, reply);
    const p = await participationContext(deps);
    const status = formString((request.query as Record<string, unknown>).status).slice(0, 20);
    const rows = (await publicConsultations(deps.db)).map((c) => ({ c, status: consultationStatus(c, p.today) }));
    return sendPage(request, reply, ctx, ConsultationListPage({ ctx, rows, today: p.today, filter: ['open', 'closed', 'concluded'].includes(status) ? status : '' }));
  });

  app.get('/hdjl/yjzj/feed.xml', async (_request, reply) => {
    const rows = await publicConsultations(deps.db);
    return reply
      .type('application/atom+xml; charset=utf-8')
      .header('Cache-Control', 'public, max-age=300')
      .send(consultationFeed(rows, { baseUrl: deps.config.baseUrl ?? '', siteName: deps.config.siteName }));
  });

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { values?: Record<string, string>; errors?: Record<string, string>; message?: string; status?: number } = {},
  ) {
    const c = await getConsultation(deps.db, id);
    if (!c || c.state === 'draft') throw new NotFoundError('没有这项意见征集。');
    const p = await participationContext(deps);
    const ctx = app.viewContext(request, reply);
    const clause = formString((request.query as Record<string, unknown>).clause).slice(0, 10);
    return sendPage(
      request,
      reply,
      ctx,
      ConsultationPage({
        ctx,
        c,
        status: consultationStatus(c, p.today),
        today: p.today,
        clauses: splitClauses(c.draft_html),
        comments: c.publish_comments ? await listComments(deps.db, c.id, { publicOnly: true }) : [],
        feedbackUrl: c.concluded && c.feedback_item_id ? `/xxgk/${c.unit_slug}/items/${c.feedback_item_id}` : undefined,
        decision: await publicEntryOfConsultation(deps.db, c.id),
        values: extra.values ?? { clauseKey: clause },
        errors: extra.errors ?? {},
        message: extra.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: extra.status },
    );
  }

  app.get('/hdjl/yjzj/:id', async (request, reply) => page(request, reply, idOf(request)));

  formRoute(app, '/hdjl/yjzj/:id/comments', {
    options: limited,
    guard: (request) => idOf(request),
    schema: z.object({ clauseKey: field.text(10), body: field.text(20_000), name: field.text(200), contact: field.text(200), consentPublish: field.checkbox() }),
    render: ({ request, reply, subject, values }, state) =>
      page(request, reply, subject, { values, errors: state.errors, message: Object.keys(state.errors).length ? undefined : state.message, status: state.status }),
    run: async (input, { reply, subject }) => {
      const r = await submitComment(deps.db, await participationContext(deps), subject, input);
      const notice = `意见已提交，编号 ${r.id}。截止后将统一研究处理并公布采纳情况${input.contact ? '，处理结果会告知您' : ''}。`;
      return reply.redirect(withNotice(`/hdjl/yjzj/${subject}`, notice, deps.config.secret), 303);
    },
  });
}
