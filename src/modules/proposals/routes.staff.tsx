/** Staff routes of 建议提案办理: the register, registering, and one entry; every form through formRoute. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { chinaDate } from '../../lib/clock.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { idParam } from '../../lib/validation.ts';
import { listUnits } from '../orgs/index.ts';
import { decidePublication, recordFeedback, registerProposal, replyProposal, withdrawProposal } from './commands.ts';
import { getProposal, proposalEvents, proposalsOfYear } from './queries.ts';
import { EntryPage, NewPage, RegisterPage } from './views/staffPages.tsx';

export function registerProposalStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  const today = () => chinaDate(deps.clock.now());
  const idOf = (request: FastifyRequest) => idParam(request.params, '没有这件建议提案。');

  app.get('/staff/proposals', async (request, reply) => {
    authorize(request.actor, 'proposal.edit');
    const raw = (request.query as { year?: string }).year;
    const year = raw ? Number(raw) : Number(today().slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ValidationError({ year: '年度不对' });
    const rows = await proposalsOfYear(deps.db, year, grantedPaths(request.actor, ['office_admin', 'publisher']));
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, RegisterPage({ ctx, year, rows, today: today() }));
  });

  const newPage = async (request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}, coUnits: string[] = []) => {
    authorize(request.actor, 'proposal.edit');
    const all = await listUnits(deps.db);
    const ctx = app.viewContext(request, reply);
    const values = { year: today().slice(0, 4), ...(state.values ?? {}) };
    return sendPage(
      request,
      reply,
      ctx,
      NewPage({
        ctx,
        units: all.filter((u) => can(request.actor, 'proposal.edit', { unitPath: u.path })).map((u) => ({ id: u.id, name: u.name })),
        allUnits: all.map((u) => ({ id: u.id, name: u.name })),
        values,
        errors: state.errors ?? {},
        coUnits,
      }),
      { status: state.status },
    );
  };
  app.get('/staff/proposals/new', (request, reply) => newPage(request, reply));
  formRoute(app, '/staff/proposals/new', {
    schema: z.object({
      kind: field.text(20),
      year: field.int('请填写年度'),
      session: field.text(100),
      number: field.text(40),
      title: field.text(200),
      proposer: field.text(200),
      unitId: field.int('请选择主办单位'),
      coUnitIds: field.list(50),
      assignedOn: field.date(),
      replyDueOn: field.date(),
    }),
    render: ({ request, reply, lists }, state) => newPage(request, reply, state, lists.coUnitIds ?? []),
    run: async (input, { request, reply }) => {
      const id = await registerProposal(deps.db, request.actor, deps.clock.now(), { ...input, coUnitIds: input.coUnitIds.map(Number) });
      return reply.redirect(withNotice(`/staff/proposals/${id}`, '已登记。', deps.config.secret), 303);
    },
  });

  async function entryPage(request: FastifyRequest, reply: FastifyReply, id: number, state: Partial<FormState> = {}) {
    const r = await getProposal(deps.db, id);
    if (!r) throw new NotFoundError('没有这件建议提案。');
    authorize(request.actor, 'proposal.edit', { unitPath: r.unit_path });
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      EntryPage({
        ctx,
        r,
        events: await proposalEvents(deps.db, id),
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.errors && Object.keys(state.errors).length ? undefined : state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  }
  app.get('/staff/proposals/:id', (request, reply) => entryPage(request, reply, idOf(request)));
  const post = <S extends z.ZodType>(path: string, schema: S, run: (input: z.infer<S>, request: FastifyRequest, id: number) => Promise<string>) =>
    formRoute(app, `/staff/proposals/:id/${path}`, {
      guard: (request) => idOf(request),
      schema,
      render: ({ request, reply, subject }, state) => entryPage(request, reply, subject, state),
      run: async (input, { request, reply, subject }) => reply.redirect(withNotice(`/staff/proposals/${subject}`, await run(input, request, subject), deps.config.secret), 303),
    });
  post('reply', z.object({ reply: field.text(50_000), replyNo: field.text(60), result: field.text(2), repliedOn: field.date('请填写答复日期') }), async (input, request, id) => {
    await replyProposal(deps.db, request.actor, deps.clock.now(), id, input);
    return '已记录答复。';
  });
  post('feedback', z.object({ feedback: field.text(30), note: field.text(2000) }), async (input, request, id) => {
    await recordFeedback(deps.db, request.actor, deps.clock.now(), id, input);
    return '已记录代表委员的意见。';
  });
  post('publication', z.object({ publication: field.text(10), summary: field.text(10_000), publicationReason: field.text(500) }), async (input, request, id) => {
    const r = await decidePublication(deps.db, request.actor, deps.clock.now(), id, { publication: input.publication, reason: input.publicationReason, summary: input.summary });
    return r.itemId ? '已生成“建议提案办理结果”栏目的信息草稿，请送审发布。' : '已记录不公开的理由。';
  });
  post('withdraw', z.object({ withdrawnReason: field.text(500) }), async (input, request, id) => {
    await withdrawProposal(deps.db, request.actor, deps.clock.now(), id, input.withdrawnReason);
    return '已撤销登记。';
  });
}
