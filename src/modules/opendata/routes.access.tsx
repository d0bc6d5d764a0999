/**
 * Routes of 有条件开放 applications and data demands, public and staff, and the self-assessment. The applicant is
 * known by case number and query code only: every page that shows the case, the letter and each download are answers
 * to a POST carrying both (never in a URL), and are not cached.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { chinaDate } from '../../lib/clock.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { idParam } from '../../lib/validation.ts';
import { listUnits } from '../orgs/index.ts';
import { mayDownload } from './access.ts';
import {
  applicationEvents,
  applicationsOf,
  applyForData,
  findApplication,
  getApplication,
  grantApplication,
  recordDownload,
  refuseApplication,
  withdrawApplication,
  type ApplicationRow,
  type CaseContext,
} from './applications.ts';
import { assess } from './assessment.ts';
import { answerDemand, demandEvents, demandsOf, getDemand, publicDemands, submitDemand } from './demands.ts';
import { sendTable, TABLE_FORMATS } from './downloads.ts';
import { sendDecisionLetter } from './letter.ts';
import { publishedDataset, resourcesByIds } from './queries.ts';
import { ApplyPage, ApplyReceiptPage, DemandFormPage, DemandReceiptPage, DemandsPage, FollowApplicationPage } from './views/accessPages.tsx';
import { ApplicationPage, ApplicationsPage, AssessmentPage, DemandStaffPage, DemandsStaffPage } from './views/accessStaffPages.tsx';

const STAFF = ['office_admin', 'publisher', 'reviewer'] as const;

export function registerOpendataAccessRoutes(app: FastifyInstance) {
  const { deps } = app;
  const limit = { max: deps.config.anonymousPostsPer10Min, timeWindow: '10 minutes' };
  const limited = { config: { rateLimit: limit }, preHandler: app.rateLimit(limit) };
  const context = async (workingDays: number): Promise<CaseContext> => {
    const now = deps.clock.now();
    return {
      now,
      today: chinaDate(now),
      calendar: await deps.calendar.get(),
      workingDays,
      contact: { smsEnabled: !!deps.config.sms, smsTemplates: deps.config.sms?.templates ?? {} },
    };
  };
  const today = () => chinaDate(deps.clock.now());
  const noStore = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store');

  // —— applying for conditional data ——
  const conditional = async (request: FastifyRequest) => {
    const d = await publishedDataset(deps.db, (request.params as { name: string }).name);
    if (!d) throw new NotFoundError('没有这个数据集，或它已撤回。');
    if (d.metadata.openness !== 'conditional') throw new NotFoundError('这个数据集不是有条件开放，无须申请。');
    return d;
  };
  app.get('/dataset/:name/apply', async (request, reply) => {
    const d = await conditional(request);
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ApplyPage({ ctx, d, values: {}, errors: {}, workingDays: deps.config.dataAccessWorkingDays }));
  });
  formRoute(app, '/dataset/:name/apply', {
    options: limited,
    guard: conditional,
    schema: z.object({
      applicantName: field.text(200),
      organisation: field.text(300),
      creditCode: field.text(30),
      contact: field.text(300),
      purpose: field.text(5000),
      securityMeasures: field.text(5000),
      commitments: field.list(20),
    }),
    render: ({ request, reply, values, lists, subject }, state) => {
      const ctx = app.viewContext(request, reply);
      noStore(reply);
      return sendPage(
        request,
        reply,
        ctx,
        ApplyPage({ ctx, d: subject, values, lists, errors: state.errors, message: state.message, workingDays: deps.config.dataAccessWorkingDays }),
        {
          status: state.status,
        },
      );
    },
    run: async (input, { request, reply, subject }) => {
      const r = await applyForData(deps.db, await context(deps.config.dataAccessWorkingDays), subject.name, input);
      const ctx = app.viewContext(request, reply);
      // The query code is shown on this answer only: never in a URL, a redirect or a log.
      noStore(reply);
      return sendPage(request, reply, ctx, ApplyReceiptPage({ ctx, caseNo: r.caseNo, queryCode: r.queryCode, unitName: subject.unit_name, dueOn: r.dueOn }));
    },
  });

  // —— the applicant follows, downloads, gets the letter ——
  const followPage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, state: Partial<FormState> = {}, a?: ApplicationRow, notice?: string) => {
    const ctx = app.viewContext(request, reply);
    noStore(reply);
    const d = a ? await publishedDataset(deps.db, a.dataset_name) : undefined;
    const resources = d ? await resourcesByIds(deps.db, d.resource_ids) : [];
    return sendPage(request, reply, ctx, FollowApplicationPage({ ctx, values, errors: state.errors ?? {}, message: state.message, a, resources, today: today(), notice }), {
      status: state.status,
    });
  };
  app.get('/sjkf/sq/cx', (request, reply) => followPage(request, reply, {}));
  const caseSchema = { caseNo: field.text(30), queryCode: field.text(30) };
  formRoute(app, '/sjkf/sq/cx', {
    options: limited,
    schema: z.object(caseSchema),
    render: ({ request, reply, values }, state) => followPage(request, reply, values, state),
    run: async (input, { request, reply, values }) => followPage(request, reply, values, {}, await findApplication(deps.db, input.caseNo, input.queryCode)),
  });
  formRoute(app, '/sjkf/sq/withdraw', {
    options: limited,
    schema: z.object(caseSchema),
    render: ({ request, reply, values }, state) => followPage(request, reply, values, state),
    run: async (input, { request, reply, values }) => {
      await withdrawApplication(deps.db, await context(deps.config.dataAccessWorkingDays), input.caseNo, input.queryCode);
      return followPage(request, reply, values, {}, await findApplication(deps.db, input.caseNo, input.queryCode), '申请已撤回。');
    },
  });
  formRoute(app, '/sjkf/sq/letter', {
    options: limited,
    schema: z.object(caseSchema),
    render: ({ request, reply, values }, state) => followPage(request, reply, values, state),
    run: async (input, { reply }) => {
      const a = await findApplication(deps.db, input.caseNo, input.queryCode);
      if (!a.decided_on) throw new NotFoundError('申请还没有作出决定，暂无答复书。');
      return sendDecisionLetter(reply, a);
    },
  });
  formRoute(app, '/sjkf/sq/download', {
    options: limited,
    schema: z.object({ ...caseSchema, resourceId: field.text(40), format: field.oneOf(TABLE_FORMATS, '请选择下载格式') }),
    render: ({ request, reply, values }, state) => followPage(request, reply, values, state),
    run: async (input, { reply }) => {
      const a = await findApplication(deps.db, input.caseNo, input.queryCode);
      if (!mayDownload(a, today())) throw new ForbiddenError('这份申请没有获准下载，或使用期限已过。', 'DATA_NOT_OPEN');
      const d = await publishedDataset(deps.db, a.dataset_name);
      const r = d?.resource_ids.includes(input.resourceId) ? (await resourcesByIds(deps.db, [input.resourceId]))[0] : undefined;
      if (!d || !r) throw new NotFoundError('这个数据集没有这个资源。');
      await recordDownload(deps.db, deps.clock.now(), a, r.id, input.format);
      noStore(reply);
      return sendTable(deps.db, reply, d.name, r, input.format);
    },
  });

  // —— data demands ——
  app.get('/sjkf/xqfk', async (request, reply) => {
    const page = Math.max(1, Math.min(1000, Number((request.query as { page?: string }).page) || 1));
    const found = await publicDemands(deps.db, 20, (page - 1) * 20);
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, DemandsPage({ ctx, ...found, page, pageSize: 20 }));
  });
  const demandForm = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, state: Partial<FormState> = {}) => {
    const ctx = app.viewContext(request, reply);
    const name = values.datasetName ?? String((request.query as { dataset?: string }).dataset ?? '');
    const dataset = name ? await publishedDataset(deps.db, name) : undefined;
    const units = (await listUnits(deps.db)).map((u) => ({ id: u.id, name: u.name }));
    if (state.status) noStore(reply);
    return sendPage(
      request,
      reply,
      ctx,
      DemandFormPage({ ctx, values, errors: state.errors ?? {}, message: state.message, units, dataset, workingDays: deps.config.dataDemandWorkingDays }),
      { status: state.status },
    );
  };
  app.get('/sjkf/xqfk/new', (request, reply) => demandForm(request, reply, {}));
  formRoute(app, '/sjkf/xqfk/new', {
    options: limited,
    schema: z.object({
      kind: field.text(20),
      datasetName: field.text(100),
      unitId: field.int('请选择向哪个单位提出'),
      title: field.text(300),
      body: field.text(5000),
      writerName: field.text(200),
      contact: field.text(300),
    }),
    render: ({ request, reply, values }, state) => demandForm(request, reply, values, state),
    run: async (input, { request, reply }) => {
      const r = await submitDemand(deps.db, await context(deps.config.dataDemandWorkingDays), { ...input, unitId: input.unitId || null });
      const ctx = app.viewContext(request, reply);
      noStore(reply);
      return sendPage(request, reply, ctx, DemandReceiptPage({ ctx, caseNo: r.caseNo, unitName: r.unitName, dueOn: r.dueOn }));
    },
  });

  // —— staff ——
  const staffPaths = (request: FastifyRequest) => {
    if (!can(request.actor, 'dataset.review')) authorize(request.actor, 'dataset.edit');
    return grantedPaths(request.actor, [...STAFF]);
  };
  app.get('/staff/data/applications', async (request, reply) => {
    const rows = await applicationsOf(deps.db, staffPaths(request));
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ApplicationsPage({ ctx, rows, today: today() }));
  });
  const applicationOf = async (request: FastifyRequest) => {
    const a = await getApplication(deps.db, idParam(request.params, '没有这份申请。'));
    if (!a) throw new NotFoundError('没有这份申请。');
    if (!can(request.actor, 'dataset.review', { unitPath: a.unit_path })) authorize(request.actor, 'dataset.edit', { unitPath: a.unit_path });
    return a;
  };
  const applicationPage = async (request: FastifyRequest, reply: FastifyReply, a: ApplicationRow, state: Partial<FormState> = {}) => {
    const ctx = app.viewContext(request, reply);
    const fresh = (await getApplication(deps.db, a.id))!;
    return sendPage(
      request,
      reply,
      ctx,
      ApplicationPage({
        ctx,
        a: fresh,
        events: await applicationEvents(deps.db, a.id),
        today: today(),
        mayDecide: can(request.actor, 'dataset.edit', { unitPath: a.unit_path }),
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  };
  app.get('/staff/data/applications/:id', async (request, reply) => applicationPage(request, reply, await applicationOf(request)));
  app.get('/staff/data/applications/:id/letter.pdf', async (request, reply) => {
    const a = await applicationOf(request);
    if (!a.decided_on) throw new NotFoundError('申请还没有作出决定，暂无答复书。');
    return sendDecisionLetter(reply, a);
  });
  const decided = (reply: FastifyReply, id: number, notice: string) => reply.redirect(withNotice(`/staff/data/applications/${id}`, notice, deps.config.secret), 303);
  formRoute(app, '/staff/data/applications/:id/grant', {
    guard: applicationOf,
    schema: z.object({ grantedUntil: field.text(10), conditions: field.text(5000) }),
    render: ({ request, reply, subject }, state) => applicationPage(request, reply, subject, state),
    run: async (input, { request, reply, subject }) => {
      await grantApplication(deps.db, request.actor, await context(deps.config.dataAccessWorkingDays), subject.id, input);
      return decided(reply, subject.id, '已同意开放，答复已发给申请人。');
    },
  });
  formRoute(app, '/staff/data/applications/:id/refuse', {
    guard: applicationOf,
    schema: z.object({ reason: field.text(5000) }),
    render: ({ request, reply, subject }, state) => applicationPage(request, reply, subject, state),
    run: async (input, { request, reply, subject }) => {
      await refuseApplication(deps.db, request.actor, await context(deps.config.dataAccessWorkingDays), subject.id, input.reason);
      return decided(reply, subject.id, '已决定不予开放，答复已发给申请人。');
    },
  });

  app.get('/staff/data/demands', async (request, reply) => {
    const rows = await demandsOf(deps.db, staffPaths(request));
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, DemandsStaffPage({ ctx, rows, today: today() }));
  });
  const demandOf = async (request: FastifyRequest) => {
    const m = await getDemand(deps.db, idParam(request.params, '没有这条需求。'));
    if (!m) throw new NotFoundError('没有这条需求。');
    if (!can(request.actor, 'dataset.review', { unitPath: m.unit_path })) authorize(request.actor, 'dataset.edit', { unitPath: m.unit_path });
    return m;
  };
  const demandPage = async (request: FastifyRequest, reply: FastifyReply, id: number, state: Partial<FormState> = {}) => {
    const m = (await getDemand(deps.db, id))!;
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      DemandStaffPage({
        ctx,
        m,
        events: await demandEvents(deps.db, id),
        today: today(),
        mayAnswer: can(request.actor, 'dataset.edit', { unitPath: m.unit_path }),
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  };
  app.get('/staff/data/demands/:id', async (request, reply) => demandPage(request, reply, (await demandOf(request)).id));
  formRoute(app, '/staff/data/demands/:id/answer', {
    guard: demandOf,
    schema: z.object({ answer: field.text(10_000), private: field.checkbox(), privateReason: field.text(1000) }),
    render: ({ request, reply, subject }, state) => demandPage(request, reply, subject.id, state),
    run: async (input, { request, reply, subject }) => {
      await answerDemand(deps.db, request.actor, await context(deps.config.dataDemandWorkingDays), subject.id, {
        answer: input.answer,
        isPublic: !input.private,
        privateReason: input.privateReason,
      });
      return reply.redirect(withNotice(`/staff/data/demands/${subject.id}`, input.private ? '已答复（不公开）。' : '已答复，答复已公开。', deps.config.secret), 303);
    },
  });

  app.get('/staff/data/assessment', async (request, reply) => {
    const a = await assess(deps.db, staffPaths(request), today());
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, AssessmentPage({ ctx, a }));
  });
}
