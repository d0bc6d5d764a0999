/** Public routes of messages: writing without an account, following by case number and query code, the archive. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { hashCode } from '../../lib/queryCode.ts';
import { sendPage } from '../../lib/render.ts';
import { messageContext } from './context.ts';
import { listUnits } from '../orgs/index.ts';
import { answerFinder } from '../answers/index.ts';
import { CATEGORIES, clockStart, explainReplyDue, isUnanswered, MESSAGE_TYPES, type MessageType } from './rules.ts';
import { chinaDate } from '../../lib/clock.ts';
import { receiveMessage, withdrawMessage } from './commands/handle.ts';
import { rateMessage } from './commands/ratings.ts';
import { addInformation } from './commands/information.ts';
import { getMessage, getMessageByCaseNo, mailboxes, messageEvents, messageRating, publicArchive } from './queries.ts';
import { ArchiveEntryPage, ArchivePage, FollowPage, ReceiptPage, ResolvedPage, WritePage, type Similar } from './views/publicPages.tsx';
import { SimilarMessages } from './similar.ts';
import { countSuggestion, monthRange, rankUnits, suggestionCounts, totals, unitStatistics } from './statistics.ts';
import { StatisticsPage } from './views/statisticsPage.tsx';

export function registerMessagePublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  const limit = { max: deps.config.anonymousPostsPer10Min, timeWindow: '10 minutes' };
  const limited = { config: { rateLimit: limit }, preHandler: app.rateLimit(limit) };
  const similarMessages = new SimilarMessages();
  const ctxNow = () => messageContext(deps);

  const archiveQuery = z.object({
    q: z.string().trim().max(100).optional().default(''),
    unit: z.string().max(12).optional().default(''),
    category: z
      .enum(['', ...CATEGORIES])
      .optional()
      .default(''),
    type: z
      .enum(['', ...(Object.keys(MESSAGE_TYPES) as MessageType[])])
      .optional()
      .default(''),
    page: z.coerce.number().int().min(1).max(500).optional().default(1),
  });
  app.get('/hdjl/ly', async (request, reply) => {
    const parsed = archiveQuery.safeParse(request.query);
    if (!parsed.success) throw new ValidationError({ q: '查询条件不对，请重新选择' });
    const f = parsed.data;
    const units = await listUnits(deps.db);
    const unit = f.unit ? units.find((u) => String(u.id) === f.unit) : undefined;
    if (f.unit && !unit) throw new ValidationError({ unit: '没有这个单位' });
    // Enough ranked ids for this page and to know whether another follows.
    const ids = f.q ? await similarMessages.search(deps.db, f.q, f.page * 20 + 1) : undefined;
    const page = await publicArchive(deps.db, { unitId: unit?.id, category: f.category, type: f.type, ids }, 20, (f.page - 1) * 20);
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ArchivePage({ ctx, ...page, filter: f, units: units.map((u) => ({ id: u.id, name: u.name })) }));
  });

  const writePage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, state: Partial<FormState> = {}, similar?: Similar) => {
    const ctx = app.viewContext(request, reply);
    const units = (await listUnits(deps.db)).map((u) => ({ id: u.id, name: u.name }));
    const leaders = (await mailboxes(deps.db)).filter((b) => b.kind === 'leader').map((b) => ({ id: b.id, name: b.name }));
    // A form holding what the writer typed is not kept by caches or the back button's store.
    if (similar) reply.header('Cache-Control', 'no-store');
    return sendPage(request, reply, ctx, WritePage({ ctx, units, mailboxes: leaders, values, errors: state.errors ?? {}, message: state.message, similar }), {
      status: state.status,
    });
  };

  /** Answered messages and published information that may already answer the question (issue 13). */
  const findSimilar = async (title: string, body: string): Promise<Similar> => {
    const question = `${title} ${body.slice(0, 200)}`;
    const messages = await similarMessages.find(deps.db, title);
    const items = (await app.searchIndex.search({ q: title.slice(0, 100), pageSize: 3 })).results.map((r) => ({
      id: r.id,
      title: r.title,
      unitSlug: r.unitSlug,
      unitName: r.unitName,
    }));
    const answers = await answerFinder.find(deps.db, title.slice(0, 100), 3);
    return { messages: messages.length ? messages : await similarMessages.find(deps.db, question), items, answers };
  };
  app.get('/hdjl/ly/new', (request, reply) => writePage(request, reply, {}));

  formRoute(app, '/hdjl/ly/new', {
    options: limited,
    schema: z.object({
      // "写给" is a leader's mailbox (b12) or a unit (u3); unitId alone is still read, as the form first sent it.
      to: field.text(20),
      unitId: field.int('请选择写给哪个单位'),
      type: field.text(20),
      category: field.text(40),
      area: field.text(100),
      title: field.text(200),
      body: field.text(10_000),
      writerName: field.text(100),
      contact: field.text(200),
      consentPublish: field.checkbox(),
      step: field.text(20),
    }),
    render: ({ request, reply, values }, state) => writePage(request, reply, values, state),
    run: async (input, { request, reply, values }) => {
      const { today } = await ctxNow();
      if (input.step === 'resolved') {
        // The writer read an answer and needs to send nothing: counted, and nothing kept of what was typed.
        await countSuggestion(deps.db, today, 'resolved');
        const ctx = app.viewContext(request, reply);
        return sendPage(request, reply, ctx, ResolvedPage({ ctx }));
      }
      if (input.step !== 'send' && input.title.trim()) {
        const similar = await findSimilar(input.title.trim(), input.body.trim());
        if (similar.messages.length || similar.items.length || similar.answers.length) {
          await countSuggestion(deps.db, today, 'shown');
          return writePage(request, reply, values, {}, similar);
        }
      }
      if (input.step === 'send') await countSuggestion(deps.db, today, 'sent_anyway');
      const to = /^([bu])(\d{1,9})$/.exec(input.to);
      const r = await receiveMessage(deps.db, { kind: 'anonymous' }, await ctxNow(), {
        ...input,
        unitId: to?.[1] === 'u' ? Number(to[2]) : input.unitId,
        mailboxId: to?.[1] === 'b' ? Number(to[2]) : undefined,
      });
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
    const dueExplained =
      found && isUnanswered(found.state)
        ? explainReplyDue(clockStart(found.received_on, await messageEvents(deps.db, found.id), chinaDate), found.due_on, await deps.calendar.get())
        : undefined;
    return sendPage(request, reply, ctx, FollowPage({ ctx, values, errors: state.errors ?? {}, message: state.message, m: found, rating, notice, dueExplained }), {
      status: state.status,
    });
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

  formRoute(app, '/hdjl/ly/add', {
    options: limited,
    schema: z.object({ caseNo: field.text(30), queryCode: field.text(30), addition: field.text(10_000) }),
    render: async ({ request, reply, values }, state) => {
      const found = await find(values.caseNo ?? '', values.queryCode ?? '').catch(() => undefined);
      return followPage(request, reply, values, state, found);
    },
    run: async (input, { request, reply, values }) => {
      await addInformation(deps.db, await ctxNow(), input.caseNo, input.queryCode, input.addition);
      return followPage(request, reply, { ...values, addition: '' }, {}, await find(input.caseNo, input.queryCode), '补充说明已提交，承办单位会一并办理。');
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

  // A month's figures are a scan of that month's messages (0.8 s at a million): kept a minute per node, so a busy page
  // costs one scan a minute; the page says how fresh they are.
  const STATS_TTL_MS = 60_000;
  const statsMemo = new Map<string, { at: number; rows: Awaited<ReturnType<typeof unitStatistics>> }>();
  const monthStats = async (month: string, from: string, to: string) => {
    const hit = statsMemo.get(month);
    if (hit && Date.now() - hit.at < STATS_TTL_MS) return hit.rows;
    const rows = await unitStatistics(deps.db, from, to);
    if (statsMemo.size > 24) statsMemo.clear();
    statsMemo.set(month, { at: Date.now(), rows });
    return rows;
  };
  app.get('/hdjl/ly/tj', async (request, reply) => {
    const { today } = await ctxNow();
    // The twelve months before this one, the last complete month first; this month so far as well.
    const months: string[] = [];
    let [y, m] = today.split('-').map(Number);
    for (let i = 0; i < 13; i++) {
      months.push(`${y}-${String(m).padStart(2, '0')}`);
      [y, m] = m === 1 ? [y - 1, 12] : [y, m - 1];
    }
    const asked = String((request.query as { month?: string }).month ?? '');
    if (asked && !months.includes(asked)) throw new ValidationError({ month: '请选择近一年内的月份' });
    const month = asked || months[1];
    const [from, to] = monthRange(month);
    const stats = await monthStats(month, from, to);
    const min = deps.config.messageRankingMinCases;
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      StatisticsPage({
        ctx,
        month,
        months,
        rows: rankUnits(stats, min),
        total: rankUnits([totals(stats)], Infinity)[0],
        minCases: min,
        suggestions: await suggestionCounts(deps.db, from, to),
      }),
    );
  });

  // A suggested answer opened from the form: counted, then shown (only paths of this site, so no open redirect).
  app.get('/hdjl/ly/similar/:kind/:key', async (request, reply) => {
    const { kind, key } = request.params as { kind: string; key: string };
    const k = String(key).slice(0, 80);
    let to: string | undefined;
    if (kind === 'm' && /^LY\d{10}$/.test(k)) to = `/hdjl/ly/${k}`;
    else if (kind === 'a' && /^\d{1,9}$/.test(k)) to = `/hdjl/wd/${k}`;
    else if (kind === 'i' && /^[a-z0-9-]{1,60}:\d{1,12}$/.test(k)) {
      const [slug, id] = k.split(':');
      to = `/xxgk/${slug}/items/${id}`;
    }
    if (!to) throw new NotFoundError('没有这条内容。');
    await countSuggestion(deps.db, (await ctxNow()).today, 'opened');
    return reply.redirect(to, 303);
  });

  app.get('/hdjl/ly/:caseNo', async (request, reply) => {
    const caseNo = String((request.params as { caseNo: string }).caseNo).slice(0, 30);
    const m = await getMessageByCaseNo(deps.db, caseNo);
    if (!m || !m.published_at) throw new NotFoundError('没有这条公开的留言。');
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ArchiveEntryPage({ ctx, m }));
  });
}
