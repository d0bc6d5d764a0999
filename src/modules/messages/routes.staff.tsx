/** Staff routes of messages: the inbox and one message, every form through formRoute. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { messageContext } from './context.ts';
import { idParam } from '../../lib/validation.ts';
import { listUnits } from '../orgs/index.ts';
import { decideTransfer, extendMessage, mergeMessage, receiveMessage, reviewReply, publishMessage, replyMessage, requestTransfer, resolveDispute } from './commands/handle.ts';
import { getMessage, inbox, messageEvents, messageRating, replyTemplates } from './queries.ts';
import { recordRectification } from './commands/ratings.ts';
import { askForInformation } from './commands/information.ts';
import { clockStart, explainReplyDue, isUnanswered, transferOverdue } from './rules.ts';
import { chinaDate } from '../../lib/clock.ts';
import { CasePage, InboxPage } from './views/staffPages.tsx';
import { RegisteredPage, RegisterPage } from './views/registerPage.tsx';
import { registerMessageSettingsRoutes } from './settings.routes.staff.tsx';
import { registerMessageImportRoutes } from './import.routes.staff.tsx';

export function registerMessageStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  registerMessageSettingsRoutes(app);
  registerMessageImportRoutes(app);
  const idOf = (request: FastifyRequest) => idParam(request.params, '没有这条留言。');
  const ctxNow = () => messageContext(deps);
  const back = (reply: FastifyReply, id: number, notice: string) => reply.redirect(withNotice(`/staff/messages/${id}`, notice, deps.config.secret), 303);

  app.get('/staff/messages', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const ctx = app.viewContext(request, reply);
    const rows = await inbox(deps.db, grantedPaths(request.actor, ['message_officer', 'office_admin']));
    return sendPage(request, reply, ctx, InboxPage({ ctx, rows, today: (await ctxNow()).today }));
  });

  const registerPage = async (request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}) => {
    authorize(request.actor, 'message.handle');
    const units = (await listUnits(deps.db)).filter((u) => can(request.actor, 'message.handle', { unitPath: u.path }));
    const ctx = app.viewContext(request, reply);
    const values = { receivedOn: (await ctxNow()).today, ...(state.values ?? {}) };
    return sendPage(request, reply, ctx, RegisterPage({ ctx, units: units.map((u) => ({ id: u.id, name: u.name })), values, errors: state.errors ?? {}, message: state.message }), {
      status: state.status,
    });
  };
  app.get('/staff/messages/new', (request, reply) => registerPage(request, reply));
  formRoute(app, '/staff/messages/new', {
    schema: z.object({
      channel: field.oneOf(['letter', 'phone', 'visit'] as const, '请选择渠道'),
      receivedOn: field.date('请填写收到日期'),
      unitId: field.int('请选择单位'),
      type: field.text(20),
      category: field.text(40),
      area: field.text(100),
      title: field.text(200),
      body: field.text(10_000),
      writerName: field.text(100),
      contact: field.text(200),
      consentPublish: field.checkbox(),
    }),
    render: ({ request, reply }, state) => registerPage(request, reply, state),
    run: async (input, { request, reply }) => {
      const r = await receiveMessage(deps.db, request.actor, await ctxNow(), input);
      const m = (await getMessage(deps.db, r.id))!;
      const ctx = app.viewContext(request, reply);
      reply.header('Cache-Control', 'no-store');
      return sendPage(request, reply, ctx, RegisteredPage({ ctx, id: r.id, caseNo: r.caseNo, queryCode: r.queryCode, unitName: m.unit_name, dueOn: m.due_on }));
    },
  });

  async function casePage(request: FastifyRequest, reply: FastifyReply, id: number, state: Partial<FormState> = {}) {
    const m = await getMessage(deps.db, id);
    if (!m) throw new NotFoundError('没有这条留言。');
    const actor = request.actor;
    const mayHandle = can(actor, 'message.handle', { unitPath: m.unit_path });
    const mayDecideTransfer = m.state === 'transferring' && !!m.transfer_to_path && can(actor, 'message.handle', { unitPath: m.transfer_to_path });
    const mayReview = m.state === 'reviewing' && can(actor, 'message.review', { unitPath: m.unit_path });
    // Staff of the owner, of the unit named in a transfer, or its reviewer of a reply may read it; nobody else.
    if (!mayHandle && !mayDecideTransfer && !mayReview) authorize(actor, 'message.handle', { unitPath: m.unit_path });
    const { today } = await ctxNow();
    const mayResolve =
      (m.state === 'disputed' || transferOverdue(m, today)) &&
      can(actor, 'message.dispatch', { unitPath: m.unit_path }) &&
      (!m.transfer_to_path || can(actor, 'message.dispatch', { unitPath: m.transfer_to_path }));
    const events = await messageEvents(deps.db, m.id);
    const templates = mayHandle ? await replyTemplates(deps.db, m.unit_id, m.category) : [];
    // A template chosen by link (works without JavaScript) fills the reply box; what was typed and sent back wins.
    const chosen = Number((request.query as { template?: string }).template);
    const template = templates.find((t) => t.id === chosen);
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      CasePage({
        ctx,
        m,
        templates,
        templateBody: template?.body,
        mayReview,
        units: (await listUnits(deps.db)).map((u) => ({ id: u.id, name: u.name })),
        mayHandle,
        mayDecideTransfer,
        mayResolve,
        rating: await messageRating(deps.db, m.id),
        events,
        dueExplained: isUnanswered(m.state) ? explainReplyDue(clockStart(m.received_on, events, chinaDate), m.due_on, (await ctxNow()).calendar) : undefined,
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.errors && Object.keys(state.errors).length ? undefined : state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  }
  app.get('/staff/messages/:id', (request, reply) => casePage(request, reply, idOf(request)));
  const again = ({ request, reply, subject }: { request: FastifyRequest; reply: FastifyReply; subject: number }, state: FormState) => casePage(request, reply, subject, state);
  const post = <S extends z.ZodType>(path: string, schema: S, run: (input: z.infer<S>, request: FastifyRequest, id: number) => Promise<string>) =>
    formRoute(app, `/staff/messages/:id/${path}`, {
      guard: (request) => idOf(request),
      schema,
      render: again,
      run: async (input, { request, reply, subject }) => back(reply, subject, await run(input, request, subject)),
    });

  post('reply', z.object({ reply: field.text(10_000) }), async (input, request, id) => {
    const r = await replyMessage(deps.db, request.actor, await ctxNow(), id, input.reply);
    return r.sent ? '已答复。' : '答复已提交审核，审核通过后发给留言人。';
  });
  post('review', z.object({ decision: field.text(10), reply: field.text(10_000), note: field.text(1000) }), async (input, request, id) => {
    await reviewReply(deps.db, request.actor, await ctxNow(), id, { approve: input.decision === 'approve', reply: input.reply, note: input.note });
    return input.decision === 'approve' ? '已审核通过，答复已发给留言人。' : '已退回起草人修改。';
  });
  post('transfer', z.object({ toUnitId: field.int('请选择单位'), reason: field.text(1000) }), async (input, request, id) => {
    await requestTransfer(deps.db, request.actor, await ctxNow(), id, input.toUnitId, input.reason);
    return '已申请转办，对方单位1个工作日内接收或退回。';
  });
  post('decide', z.object({ decision: field.text(10), refuseReason: field.text(1000) }), async (input, request, id) => {
    await decideTransfer(deps.db, request.actor, await ctxNow(), id, input.decision === 'accept', input.refuseReason);
    return input.decision === 'accept' ? '已接收，由本单位办理。' : '已退回，由政务公开办协调。';
  });
  post('resolve', z.object({ unitId: field.int('请选择单位') }), async (input, request, id) => {
    await resolveDispute(deps.db, request.actor, await ctxNow(), id, input.unitId);
    return '已确定承办单位。';
  });
  post('ask', z.object({ question: field.text(1000) }), async (input, request, id) => {
    await askForInformation(deps.db, request.actor, await ctxNow(), id, input.question);
    return '已请留言人补充说明。';
  });
  post('extend', z.object({ extendReason: field.text(500) }), async (input, request, id) => {
    await extendMessage(deps.db, request.actor, await ctxNow(), id, input.extendReason);
    return '已延长答复期限。';
  });
  post('merge', z.object({ intoCaseNo: field.text(30) }), async (input, request, id) => {
    await mergeMessage(deps.db, request.actor, await ctxNow(), id, input.intoCaseNo);
    return '已并单，答复后一并告知留言人。';
  });
  post('rectify', z.object({ rectification: field.text(5000), callbackResult: field.text(2000) }), async (input, request, id) => {
    await recordRectification(deps.db, request.actor, await ctxNow(), id, input);
    return '已记录整改和回访。';
  });
  post('publish', z.object({ publicTitle: field.text(200), publicBody: field.text(10_000), publicReply: field.text(10_000) }), async (input, request, id) => {
    await publishMessage(deps.db, request.actor, await ctxNow(), id, input);
    return '已公开。';
  });
}
