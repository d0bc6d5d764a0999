/** Staff routes of consultations: thin handlers over the commands, every form through formRoute. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, grantedPaths } from '../../lib/authz.ts';
import { idParam } from '../../lib/validation.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { listUnits } from '../orgs/index.ts';
import { splitClauses } from './clauses.ts';
import { participationContext } from './commands/common.ts';
import { disposeComments, moderateComments, registerComment, saveAnswerTemplate } from './commands/comments.ts';
import { publishConsultation, saveConsultation, withdrawConsultation, type ConsultationInput } from './commands/consultations.ts';
import { generateFeedback } from './commands/feedback.ts';
import { groupDuplicates } from './duplicates.ts';
import { commentRows, commentsCsv, commentsXlsx } from './export.ts';
import { contentDisposition } from '../../lib/download.ts';
import { answerTemplates, commentCounts, consultationEvents, getConsultation, listComments, listConsultations } from './queries.ts';
import { consultationStatus } from './status.ts';
import { ConsultationFormPage, StaffDetailPage, StaffListPage } from './views/staffPages.tsx';

const EDITORS = ['office_admin', 'publisher', 'reviewer'] as const;

const consultationSchema = z.object({
  unitId: field.int('请选择单位'),
  title: field.text(300),
  draftHtml: field.text(500_000),
  explanationHtml: field.text(200_000),
  legalBasis: field.text(500),
  channels: field.list(10),
  contact: field.text(300),
  opensOn: field.text(20),
  closesOn: field.text(20),
  shortenedReason: field.text(1000),
  publishComments: field.checkbox(),
});

const commentSchema = z.object({
  channel: field.text(20),
  receivedOn: field.text(20),
  clauseKey: field.text(10),
  body: field.text(20_000),
  name: field.text(200),
  contact: field.text(200),
  consentPublish: field.checkbox(),
});

export function registerParticipationStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  const idOf = (request: FastifyRequest) => idParam(request.params, '没有这项意见征集。');
  const myUnits = async (request: FastifyRequest) => {
    const paths = grantedPaths(request.actor, ['office_admin', 'publisher']);
    return (await listUnits(deps.db)).filter((u) => paths.some((p) => u.path.startsWith(p))).map((u) => ({ id: u.id, name: u.name }));
  };
  const back = (reply: FastifyReply, id: number, notice: string) => reply.redirect(withNotice(`/staff/consultations/${id}`, notice, deps.config.secret), 303);

  app.get('/staff/consultations', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const p = await participationContext(deps);
    const list = await listConsultations(deps.db, grantedPaths(request.actor, [...EDITORS]));
    const counts = await commentCounts(
      deps.db,
      list.map((c) => c.id),
    );
    const rows = list.map((c) => ({ c, status: consultationStatus(c, p.today), comments: counts.get(c.id) ?? 0 }));
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, StaffListPage({ ctx, rows, canCreate: (await myUnits(request)).length > 0 }));
  });

  const formPage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string | string[]>, state: Partial<FormState> = {}, id?: number) => {
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ConsultationFormPage({ ctx, id, units: await myUnits(request), values, errors: state.errors ?? {} }), { status: state.status });
  };

  app.get('/staff/consultations/new', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const units = await myUnits(request);
    if (!units.length) authorize(request.actor, 'consultation.edit', { unitPath: '/' });
    return formPage(request, reply, { channels: ['website', 'letter', 'email'], publishComments: '1' });
  });

  formRoute(app, '/staff/consultations/new', {
    guard: (request) => authorize(request.actor, 'staff.enter'),
    schema: consultationSchema,
    render: ({ request, reply, values, lists }, state) => formPage(request, reply, { ...values, ...lists }, state),
    run: async (input, { request, reply }) => {
      const id = await saveConsultation(deps.db, request.actor, deps.clock.now(), input as ConsultationInput);
      return back(reply, id, '已保存草稿；发布后按期限向公众征求意见。');
    },
  });

  app.get('/staff/consultations/:id/edit', async (request, reply) => {
    const c = await getConsultation(deps.db, idOf(request));
    if (!c) throw new NotFoundError('没有这项意见征集。');
    authorize(request.actor, 'consultation.edit', { unitPath: c.unit_path });
    const values = {
      unitId: String(c.unit_id),
      title: c.title,
      draftHtml: c.draft_html,
      explanationHtml: c.explanation_html,
      legalBasis: c.legal_basis,
      channels: c.channels,
      contact: c.contact,
      opensOn: c.opens_on,
      closesOn: c.closes_on,
      shortenedReason: c.shortened_reason,
      publishComments: c.publish_comments ? '1' : '',
    };
    return formPage(request, reply, values, {}, c.id);
  });

  formRoute(app, '/staff/consultations/:id/edit', {
    guard: (request) => idOf(request),
    schema: consultationSchema,
    render: ({ request, reply, values, lists, subject }, state) => formPage(request, reply, { ...values, ...lists }, state, subject),
    run: async (input, { request, reply, subject }) => {
      await saveConsultation(deps.db, request.actor, deps.clock.now(), input as ConsultationInput, subject);
      return back(reply, subject, '已保存。');
    },
  });

  async function detail(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { values?: Record<string, string>; errors?: Record<string, string>; message?: string; status?: number } = {},
  ) {
    const c = await getConsultation(deps.db, id);
    if (!c) throw new NotFoundError('没有这项意见征集。');
    authorize(request.actor, 'consultation.edit', { unitPath: c.unit_path });
    const p = await participationContext(deps);
    const comments = await listComments(deps.db, c.id);
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      StaffDetailPage({
        ctx,
        c,
        status: consultationStatus(c, p.today),
        clauses: splitClauses(c.draft_html),
        comments,
        duplicates: groupDuplicates(comments),
        templates: await answerTemplates(deps.db, c.unit_id),
        events: await consultationEvents(deps.db, c.id),
        errors: extra.errors ?? {},
        message: extra.message,
        values: extra.values ?? {},
        notice: readNotice(request.query, deps.config.secret),
        today: p.today,
      }),
      { status: extra.status },
    );
  }

  app.get('/staff/consultations/:id', async (request, reply) => detail(request, reply, idOf(request)));

  // All comments with contacts, for the unit's staff (docs/exports/consultation-comments.md).
  for (const ext of ['csv', 'xlsx'] as const)
    app.get(`/staff/consultations/:id/comments.${ext}`, async (request, reply) => {
      const c = await getConsultation(deps.db, idOf(request));
      if (!c) throw new NotFoundError('没有这项意见征集。');
      authorize(request.actor, 'consultation.edit', { unitPath: c.unit_path });
      const comments = await listComments(deps.db, c.id);
      const rows = commentRows(splitClauses(c.draft_html), comments, groupDuplicates(comments));
      reply.header('Cache-Control', 'no-store').header('Content-Disposition', contentDisposition(`意见-${c.id}.${ext}`));
      if (ext === 'csv') return reply.type('text/csv; charset=utf-8').send(commentsCsv(rows));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await commentsXlsx(c.title, rows));
    });

  const again = ({ request, reply, subject, values }: { request: FastifyRequest; reply: FastifyReply; subject: number; values: Record<string, string> }, state: FormState) =>
    detail(request, reply, subject, { values, errors: state.errors, message: Object.keys(state.errors).length ? undefined : state.message, status: state.status });

  formRoute(app, '/staff/consultations/:id/publish', {
    guard: (request) => idOf(request),
    schema: z.object({}),
    render: again,
    run: async (_input, { request, reply, subject }) => {
      await publishConsultation(deps.db, request.actor, await participationContext(deps), subject);
      return back(reply, subject, '已发布。');
    },
  });

  formRoute(app, '/staff/consultations/:id/withdraw', {
    guard: (request) => idOf(request),
    schema: z.object({ withdrawReason: field.text(500) }),
    render: again,
    run: async (input, { request, reply, subject }) => {
      await withdrawConsultation(deps.db, request.actor, deps.clock.now(), subject, input.withdrawReason);
      return back(reply, subject, '已撤回，原因已在页面上公开。');
    },
  });

  formRoute(app, '/staff/consultations/:id/comments', {
    guard: (request) => idOf(request),
    schema: commentSchema,
    render: again,
    run: async (input, { request, reply, subject }) => {
      const r = await registerComment(deps.db, request.actor, await participationContext(deps), subject, input);
      return back(reply, subject, `已登记第${r.id}号意见。`);
    },
  });

  formRoute(app, '/staff/consultations/:id/bulk', {
    guard: (request) => idOf(request),
    schema: z.object({ op: field.text(20), ids: field.list(100_000), disposition: field.text(30), templateId: field.text(20), reason: field.text(2000) }),
    render: again,
    run: async (input, { request, reply, subject }) => {
      const ids = input.ids.map(Number).filter(Number.isSafeInteger);
      const now = deps.clock.now();
      if (input.op === 'publish' || input.op === 'hide') {
        const n = await moderateComments(deps.db, request.actor, now, subject, ids, input.op === 'publish' ? 'published' : 'hidden');
        return back(reply, subject, `已处理${n}条意见的公开。`);
      }
      if (input.op !== 'dispose') throw new ValidationError({ ids: '请选择要做的处理' });
      let reason = input.reason;
      if (!reason && input.templateId) {
        const c = await getConsultation(deps.db, subject);
        reason = (await answerTemplates(deps.db, c!.unit_id)).find((t) => String(t.id) === input.templateId)?.text ?? '';
      }
      const n = await disposeComments(deps.db, request.actor, now, subject, ids, input.disposition, reason);
      return back(reply, subject, `已保存${n}条意见的处理结果。`);
    },
  });

  formRoute(app, '/staff/consultations/:id/templates', {
    guard: (request) => idOf(request),
    schema: z.object({ templateDisposition: field.text(30), templateText: field.text(2000) }),
    render: again,
    run: async (input, { request, reply, subject }) => {
      const c = await getConsultation(deps.db, subject);
      if (!c) throw new NotFoundError('没有这项意见征集。');
      await saveAnswerTemplate(deps.db, request.actor, deps.clock.now(), c.unit_id, input.templateDisposition, input.templateText);
      return back(reply, subject, '已添加常用答复。');
    },
  });

  formRoute(app, '/staff/consultations/:id/feedback', {
    guard: (request) => idOf(request),
    schema: z.object({}),
    render: again,
    run: async (_input, { request, reply, subject }) => {
      const r = await generateFeedback(deps.db, request.actor, await participationContext(deps), subject);
      return reply.redirect(
        withNotice(`/staff/items/${r.itemId}`, '已生成意见采纳情况说明的草稿，请核对后送保密审查和审核；公布后意见人会收到处理结果。', deps.config.secret),
        303,
      );
    },
  });
}
