/** Public survey pages: answering needs no account; results once published, with N and the method. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idParam } from '../../lib/validation.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { participationContext } from './commands/common.ts';
import { submitResponse } from './commands/surveys.ts';
import { getSurvey, publicSurveys, surveyAnswers, surveyQuestions } from './surveyQueries.ts';
import { tallyQuestion } from './surveys.ts';
import { SurveyListPage, SurveyPage } from './views/publicSurveys.tsx';

export function registerSurveyPublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  const limit = { max: deps.config.anonymousPostsPer10Min, timeWindow: '10 minutes' };
  const limited = { config: { rateLimit: limit }, preHandler: app.rateLimit(limit) };
  const idOf = (request: FastifyRequest) => idParam(request.params, '没有这项调查。');

  app.get('/hdjl/wjdc', async (request, reply) => {
    const p = await participationContext(deps);
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, SurveyListPage({ ctx, rows: await publicSurveys(deps.db), today: p.today }));
  });

  async function page(request: FastifyRequest, reply: FastifyReply, id: number, state: Partial<FormState> & { lists?: Record<string, string[]> } = {}) {
    const s = await getSurvey(deps.db, id);
    if (!s || s.state === 'draft') throw new NotFoundError('没有这项调查。');
    const p = await participationContext(deps);
    const questions = await surveyQuestions(deps.db, s.id);
    const answers = s.results_published_at ? await surveyAnswers(deps.db, s.id) : [];
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      SurveyPage({
        ctx,
        s,
        questions,
        open: s.state === 'published' && p.today >= s.opens_on && p.today <= s.closes_on,
        today: p.today,
        results: s.results_published_at ? questions.map((q) => ({ q, r: tallyQuestion(q, answers) })) : undefined,
        values: state.values ?? {},
        lists: state.lists ?? {},
        errors: state.errors ?? {},
        message: state.errors && Object.keys(state.errors).length ? undefined : state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  }
  app.get('/hdjl/wjdc/:id', (request, reply) => page(request, reply, idOf(request)));

  // The answers are read by the survey's own rules (surveys.ts); the schema only bounds the fields it names.
  formRoute(app, '/hdjl/wjdc/:id/answers', {
    options: limited,
    guard: async (request) => {
      const id = idOf(request);
      return { id, fileFields: (await surveyQuestions(deps.db, id)).filter((q) => q.kind === 'file').map((q) => `q${q.id}`) };
    },
    files: (subject) => subject.fileFields,
    schema: z.looseObject({ name: field.text(100), contact: field.text(200) }),
    render: ({ request, reply, subject, lists }, state) => page(request, reply, subject.id, { ...state, lists }),
    run: async (input, { reply, subject, files }) => {
      const p = await participationContext(deps);
      await submitResponse(deps.db, { now: p.now, today: p.today, secret: deps.config.secret, maxUploadBytes: deps.config.maxUploadBytes }, subject.id, {
        body: input,
        files,
        name: input.name,
        contact: input.contact,
      });
      return reply.redirect(withNotice(`/hdjl/wjdc/${subject.id}`, '问卷已提交，感谢您的参与。调查结束后将公布结果。', deps.config.secret), 303);
    },
  });
}
