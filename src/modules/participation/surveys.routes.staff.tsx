/** Staff routes of surveys. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, grantedPaths } from '../../lib/authz.ts';
import { idParam } from '../../lib/validation.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { contentDisposition } from '../../lib/download.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { listUnits } from '../orgs/index.ts';
import { participationContext } from './commands/common.ts';
import { addQuestion, publishResults, publishSurvey, removeQuestion, saveSurvey, withdrawSurvey } from './commands/surveys.ts';
import { surveyXlsx } from './surveyExport.ts';
import { getSurvey, listSurveys, responseFile, surveyQuestions, surveyResponses, type SurveyRow } from './surveyQueries.ts';
import { tallyQuestion } from './surveys.ts';
import { SurveyDetailPage, SurveyFormPage, SurveyStaffListPage } from './views/surveyPages.tsx';

const surveySchema = z.object({
  unitId: field.int('请选择单位'),
  title: field.text(300),
  intro: field.text(5000),
  opensOn: field.text(20),
  closesOn: field.text(20),
  anonymous: field.checkbox(),
  onePerPerson: field.checkbox(),
  methodNote: field.text(1000),
});

const questionSchema = z.object({
  kind: field.text(20),
  label: field.text(500),
  required: field.checkbox(),
  options: field.text(5000),
  rows: field.text(3000),
  scaleMax: field.text(5),
  min: field.text(20),
  max: field.text(20),
  showIfQuestion: field.text(20),
  showIfValues: field.text(2000),
});

export function registerSurveyStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  const idOf = (request: FastifyRequest) => idParam(request.params, '没有这项调查。');
  const myUnits = async (request: FastifyRequest) => {
    const paths = grantedPaths(request.actor, ['office_admin', 'publisher']);
    return (await listUnits(deps.db)).filter((u) => paths.some((p) => u.path.startsWith(p))).map((u) => ({ id: u.id, name: u.name }));
  };
  const load = async (request: FastifyRequest, id: number) => {
    const s = await getSurvey(deps.db, id);
    if (!s) throw new NotFoundError('没有这项调查。');
    authorize(request.actor, 'survey.edit', { unitPath: s.unit_path });
    return s;
  };
  const back = (reply: FastifyReply, id: number, notice: string) => reply.redirect(withNotice(`/staff/surveys/${id}`, notice, deps.config.secret), 303);

  app.get('/staff/surveys', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const p = await participationContext(deps);
    const rows = await listSurveys(deps.db, grantedPaths(request.actor, ['office_admin', 'publisher', 'reviewer']));
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, SurveyStaffListPage({ ctx, rows, today: p.today, canCreate: (await myUnits(request)).length > 0 }));
  });

  const formPage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, state: Partial<FormState> = {}, id?: number) => {
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, SurveyFormPage({ ctx, id, units: await myUnits(request), values, errors: state.errors ?? {} }), { status: state.status });
  };

  app.get('/staff/surveys/new', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    if (!(await myUnits(request)).length) authorize(request.actor, 'survey.edit', { unitPath: '/' });
    return formPage(request, reply, { anonymous: '1', methodNote: '网上公开调查，自愿参与。' });
  });

  formRoute(app, '/staff/surveys/new', {
    guard: (request) => authorize(request.actor, 'staff.enter'),
    schema: surveySchema,
    render: ({ request, reply, values }, state) => formPage(request, reply, values, state),
    run: async (input, { request, reply }) => back(reply, await saveSurvey(deps.db, request.actor, deps.clock.now(), input), '已保存；请添加题目，然后发布。'),
  });

  app.get('/staff/surveys/:id/edit', async (request, reply) => {
    const s = await load(request, idOf(request));
    const values = {
      title: s.title,
      intro: s.intro,
      opensOn: s.opens_on,
      closesOn: s.closes_on,
      anonymous: s.anonymous ? '1' : '',
      onePerPerson: s.one_per_person ? '1' : '',
      methodNote: s.method_note,
    };
    return formPage(request, reply, values, {}, s.id);
  });

  formRoute(app, '/staff/surveys/:id/edit', {
    guard: (request) => load(request, idOf(request)),
    schema: surveySchema,
    render: ({ request, reply, values, subject }, state) => formPage(request, reply, values, state, subject.id),
    run: async (input, { request, reply, subject }) => {
      await saveSurvey(deps.db, request.actor, deps.clock.now(), { ...input, unitId: subject.unit_id }, subject.id);
      return back(reply, subject.id, '已保存。');
    },
  });

  async function detail(request: FastifyRequest, reply: FastifyReply, id: number, state: Partial<FormState> = {}) {
    const s: SurveyRow = await load(request, id);
    const p = await participationContext(deps);
    const questions = await surveyQuestions(deps.db, s.id);
    const responses = await surveyResponses(deps.db, s.id);
    const answers = responses.map((r) => r.answers);
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      SurveyDetailPage({
        ctx,
        s,
        questions,
        results: questions.map((q) => ({ q, r: tallyQuestion(q, answers) })),
        texts: questions
          .filter((q) => q.kind === 'text')
          .map((q) => ({ question: q.label, answers: responses.filter((r) => typeof r.answers[q.id] === 'string').map((r) => ({ id: r.id, text: String(r.answers[q.id]) })) })),
        files: responses.flatMap((r) => r.files.map((f) => ({ id: f.id, filename: f.filename, question: questions.find((q) => q.id === Number(f.question_id))?.label ?? '' }))),
        today: p.today,
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.errors && Object.keys(state.errors).length ? undefined : state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  }
  app.get('/staff/surveys/:id', (request, reply) => detail(request, reply, idOf(request)));
  const again = ({ request, reply, subject }: { request: FastifyRequest; reply: FastifyReply; subject: number }, state: FormState) => detail(request, reply, subject, state);

  app.get('/staff/surveys/:id/answers.xlsx', async (request, reply) => {
    const s = await load(request, idOf(request));
    const body = await surveyXlsx(s, await surveyQuestions(deps.db, s.id), await surveyResponses(deps.db, s.id));
    return reply
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', contentDisposition(`调查-${s.id}.xlsx`))
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(body);
  });

  app.get('/staff/surveys/:id/files/:fileId', async (request, reply) => {
    const s = await load(request, idOf(request));
    const f = await responseFile(deps.db, s.id, idParam(request.params, '没有这个文件。', 'fileId'));
    if (!f) throw new NotFoundError('没有这个文件。');
    // Files from the public are never shown inline: always downloaded, never sniffed.
    return reply
      .header('Cache-Control', 'no-store')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Disposition', contentDisposition(f.filename))
      .type(f.mime)
      .send(f.content);
  });

  formRoute(app, '/staff/surveys/:id/questions', {
    guard: (request) => idOf(request),
    schema: questionSchema,
    render: again,
    run: async (input, { request, reply, subject }) => {
      await addQuestion(deps.db, request.actor, deps.clock.now(), subject, input);
      return back(reply, subject, '已添加题目。');
    },
  });

  formRoute(app, '/staff/surveys/:id/questions/:qid/remove', {
    guard: (request) => idOf(request),
    schema: z.object({}),
    render: again,
    run: async (_input, { request, reply, subject }) => {
      await removeQuestion(deps.db, request.actor, deps.clock.now(), subject, idParam(request.params, '没有这道题。', 'qid'));
      return back(reply, subject, '已删除题目。');
    },
  });

  formRoute(app, '/staff/surveys/:id/publish', {
    guard: (request) => idOf(request),
    schema: z.object({}),
    render: again,
    run: async (_input, { request, reply, subject }) => {
      const p = await participationContext(deps);
      await publishSurvey(deps.db, request.actor, p.now, p.today, subject);
      return back(reply, subject, '已发布。');
    },
  });

  formRoute(app, '/staff/surveys/:id/withdraw', {
    guard: (request) => idOf(request),
    schema: z.object({ withdrawReason: field.text(500) }),
    render: again,
    run: async (input, { request, reply, subject }) => {
      await withdrawSurvey(deps.db, request.actor, deps.clock.now(), subject, input.withdrawReason);
      return back(reply, subject, '已撤回，原因已在页面上公开。');
    },
  });

  formRoute(app, '/staff/surveys/:id/results', {
    guard: (request) => idOf(request),
    schema: z.object({ resultsNote: field.text(5000) }),
    render: again,
    run: async (input, { request, reply, subject }) => {
      const p = await participationContext(deps);
      await publishResults(deps.db, request.actor, p.now, p.today, subject, input.resultsNote);
      return back(reply, subject, '已公布结果。');
    },
  });
}
