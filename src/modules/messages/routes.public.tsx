/** Public routes of messages: writing without an account, following by case number and query code, the archive. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { hashCode } from '../../lib/queryCode.ts';
import { sendPage } from '../../lib/render.ts';
import { chinaDate } from '../../lib/clock.ts';
import { listUnits } from '../orgs/index.ts';
import { receiveMessage, withdrawMessage } from './commands/handle.ts';
import { rateMessage } from './commands/ratings.ts';
import { getMessage, getMessageByCaseNo, messageRating, publicArchive } from './queries.ts';
import { ArchiveEntryPage, ArchivePage, FollowPage, ReceiptPage, WritePage } from './views/publicPages.tsx';

export function registerMessagePublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  const limit = { max: deps.config.anonymousPostsPer10Min, timeWindow: '10 minutes' };
  const limited = { config: { rateLimit: limit }, preHandler: app.rateLimit(limit) };
  const ctxNow = async () => {
    const now = deps.clock.now();
    return { now, today: chinaDate(now), calendar: await deps.calendar.get() };
  };

  app.get('/hdjl/ly', async (request, reply) => {
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ArchivePage({ ctx, rows: await publicArchive(deps.db) }));
  });

  const writePage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, state: Partial<FormState> = {}) => {
    const ctx = app.viewContext(request, reply);
    const units = (await listUnits(deps.db)).map((u) => ({ id: u.id, name: u.name }));
    return sendPage(request, reply, ctx, WritePage({ ctx, units, values, errors: state.errors ?? {}, message: state.message }), { status: state.status });
  };
  app.get('/hdjl/ly/new', (request, reply) => writePage(request, reply, {}));

  formRoute(app, '/hdjl/ly/new', {
    options: limited,
    schema: z.object({
      unitId: field.int('请选择写给哪个单位'),
      type: field.text(20),
      category: field.text(40),
      area: field.text(100),
      title: field.text(200),
      body: field.text(10_000),
      writerName: field.text(100),
      contact: field.text(200),
      consentPublish: field.checkbox(),
    }),
    render: ({ request, reply, values }, state) => writePage(request, reply, values, state),
    run: async (input, { request, reply }) => {
      const r = await receiveMessage(deps.db, { kind: 'anonymous' }, await ctxNow(), input);
      const m = (await getMessage(deps.db, r.id))!;
      const ctx = app.viewContext(request, reply);
      // The query code is shown on this answer only: never in a URL, a redirect or a log.
      reply.header('Cache-Control', 'no-store');
      return sendPage(request, reply, ctx, ReceiptPage({ ctx, caseNo: r.caseNo, queryCode: r.queryCode, unitName: m.unit_name, dueOn: m.due_on }));
    },
  });

  const followPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    state: Partial<FormState> = {},
    found?: Awaited<ReturnType<typeof getMessageByCaseNo>>,
    notice?: string,
  ) => {
    const ctx = app.viewContext(request, reply);
    reply.header('Cache-Control', 'no-store');
    const rating = found ? await messageRating(deps.db, found.id) : undefined;
    return sendPage(request, reply, ctx, FollowPage({ ctx, values, errors: state.errors ?? {}, message: state.message, m: found, rating, notice }), { status: state.status });
  };
  app.get('/hdjl/ly/cx', (request, reply) => followPage(request, reply, {}));

  const followSchema = z.object({ caseNo: field.text(30), queryCode: field.text(30) });
  const find = async (caseNo: string, queryCode: string) => {
    const m = caseNo && queryCode ? await getMessageByCaseNo(deps.db, caseNo) : undefined;
    // A wrong code answers like a missing case: the page does not tell which numbers exist.
    if (!m || m.query_code_hash !== hashCode(queryCode)) throw new ValidationError({ queryCode: '留言编号或查询码不对，请核对后重试' });
    return m;
  };

  formRoute(app, '/hdjl/ly/cx', {
    options: limited,
    schema: followSchema,
    render: ({ request, reply, values }, state) => followPage(request, reply, values, state),
    run: async (input, { request, reply, values }) => followPage(request, reply, values, {}, await find(input.caseNo, input.queryCode)),
  });

  formRoute(app, '/hdjl/ly/withdraw', {
    options: limited,
    schema: followSchema,
    render: ({ request, reply, values }, state) => followPage(request, reply, values, state),
    run: async (input, { request, reply, values }) => {
      await withdrawMessage(deps.db, await ctxNow(), input.caseNo, input.queryCode);
      return followPage(request, reply, values, {}, await find(input.caseNo, input.queryCode), '留言已撤回。');
    },
  });

  formRoute(app, '/hdjl/ly/rate', {
    options: limited,
    schema: z.object({ caseNo: field.text(30), queryCode: field.text(30), level: field.int('请选择满意程度'), tags: field.list(10), comment: field.text(1000) }),
    // A rating refused for its content shows the message again with the form and the error.
    render: async ({ request, reply, values }, state) => {
      const found = await find(values.caseNo ?? '', values.queryCode ?? '').catch(() => undefined);
      return followPage(request, reply, values, state, found);
    },
    run: async (input, { request, reply, values }) => {
      await rateMessage(deps.db, await ctxNow(), input.caseNo, input.queryCode, input);
      return followPage(request, reply, values, {}, await find(input.caseNo, input.queryCode), '感谢您的评价。');
    },
  });

  app.get('/hdjl/ly/:caseNo', async (request, reply) => {
    const caseNo = String((request.params as { caseNo: string }).caseNo).slice(0, 30);
    const m = await getMessageByCaseNo(deps.db, caseNo);
    if (!m || !m.published_at) throw new NotFoundError('没有这条公开的留言。');
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ArchiveEntryPage({ ctx, m }));
  });
}
