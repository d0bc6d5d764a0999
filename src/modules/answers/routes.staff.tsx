/** Staff routes of the knowledge base: the list, a new entry, one entry with its review; forms through formRoute. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { chinaDate } from '../../lib/clock.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { idParam } from '../../lib/validation.ts';
import { listUnits } from '../orgs/index.ts';
import { approveEntry, returnEntry, saveEntry, submitEntry, withdrawEntry } from './commands.ts';
import { catalogueItemChoices, entriesOf, entryEvents, getEntry, hintCounts, sourcesOfVersions, versionSources } from './queries.ts';
import { reviewReason } from './rules.ts';
import { answerFinder } from './finder.ts';
import { EntryPage, ListPage } from './views/staffPages.tsx';
import { registerOpinionRoutes } from './opinion.routes.staff.tsx';
import { registerConcernStaffRoutes } from './concerns.routes.staff.tsx';
import { registerAnswerExcelRoutes } from './excel.routes.staff.tsx';

const ROLES = ['office_admin', 'publisher', 'message_officer', 'reviewer'] as const;

export function registerAnswerStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  registerOpinionRoutes(app);
  registerConcernStaffRoutes(app);
  registerAnswerExcelRoutes(app);
  const today = () => chinaDate(deps.clock.now());
  const idOf = (request: FastifyRequest) => idParam(request.params, '没有这条问答。');
  const back = (reply: FastifyReply, id: number, notice: string) => reply.redirect(withNotice(`/staff/answers/${id}`, notice, deps.config.secret), 303);

  app.get('/staff/answers', async (request, reply) => {
    if (!can(request.actor, 'answer.review')) authorize(request.actor, 'answer.edit');
    const rows = await entriesOf(deps.db, grantedPaths(request.actor, [...ROLES]));
    const live = rows.filter((r) => r.published_version && r.state !== 'withdrawn');
    const sources = await sourcesOfVersions(
      deps.db,
      live.map((r) => ({ id: r.id, version: r.published_version })),
    );
    const withReview = rows.map((r) => ({ ...r, needsReview: sources.has(r.id) ? reviewReason(sources.get(r.id)!) : null }));
    const ctx = app.viewContext(request, reply);
    const since = new Date(deps.clock.now().getTime() - 30 * 86400_000);
    return sendPage(request, reply, ctx, ListPage({ ctx, rows: withReview, today: today(), hints: await hintCounts(deps.db, chinaDate(since)) }));
  });

  async function page(request: FastifyRequest, reply: FastifyReply, id: number | undefined, state: Partial<FormState> & { catalogueKeys?: string[] } = {}) {
    const actor = request.actor;
    const e = id ? await getEntry(deps.db, id) : undefined;
    if (id && !e) throw new NotFoundError('没有这条问答。');
    if (e && !can(actor, 'answer.review', { unitPath: e.unit_path })) authorize(actor, 'answer.edit', { unitPath: e.unit_path });
    if (!e) authorize(actor, 'answer.edit');
    const units = await listUnits(deps.db);
    const sources = e?.published_version ? await versionSources(deps.db, e.id, e.published_version) : [];
    const refs = e?.source_item_ids.length
      ? (
          await deps.db.query<{ ref: string }>(`SELECT coalesce(nullif(index_no, ''), id::text) AS ref FROM information_items WHERE id = ANY($1) ORDER BY id`, [e.source_item_ids])
        ).rows.map((r) => r.ref)
      : [];
    const editable = units.filter((u) => can(actor, 'answer.edit', { unitPath: u.path }));
    const catalogueChoices = await catalogueItemChoices(deps.db, e ? [e.unit_id] : editable.map((u) => u.id));
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      EntryPage({
        ctx,
        e,
        units: editable.map((u) => ({ id: u.id, name: u.name })),
        allUnits: units.map((u) => ({ id: u.id, name: u.name })),
        sources,
        sourceRefs: refs,
        catalogueChoices,
        catalogueKeys: state.catalogueKeys ?? e?.catalogue_keys ?? [],
        needsReview: e && e.state !== 'withdrawn' ? reviewReason(sources) : null,
        mayEdit: e ? can(actor, 'answer.edit', { unitPath: e.unit_path }) : true,
        mayReview: !!e && can(actor, 'answer.review', { unitPath: e.unit_path }),
        events: e ? await entryEvents(deps.db, e.id) : [],
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.errors && Object.keys(state.errors).length ? undefined : state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  }

  const entrySchema = z.object({
    unitId: field.int('请选择单位'),
    question: field.text(300),
    variants: field.text(10_000),
    answer: field.text(20_000),
    answerClass: field.text(20),
    handoverUnitId: field.int('请选择承办单位'),
    handoverDays: field.int('时限为整数个工作日'),
    topic: field.text(100),
    reviewBy: field.text(10),
    sources: field.text(5000),
    catalogueKeys: field.list(20),
  });
  const toInput = (i: z.infer<typeof entrySchema>) => ({
    ...i,
    variants: i.variants.split('\n'),
    sources: i.sources.split('\n'),
    handoverUnitId: i.handoverUnitId || null,
    handoverDays: i.handoverDays || null,
  });

  app.get('/staff/answers/new', (request, reply) => page(request, reply, undefined));
  formRoute(app, '/staff/answers/new', {
    schema: entrySchema,
    render: ({ request, reply, lists }, state) => page(request, reply, undefined, { ...state, catalogueKeys: lists.catalogueKeys ?? [] }),
    run: async (input, { request, reply }) => {
      const id = await saveEntry(deps.db, request.actor, { now: deps.clock.now(), today: today() }, toInput(input));
      return back(reply, id, '已保存，核对后送审。');
    },
  });
  app.get('/staff/answers/:id', (request, reply) => page(request, reply, idOf(request)));
  const post = <S extends z.ZodType>(path: string, schema: S, run: (input: z.infer<S>, request: FastifyRequest, id: number) => Promise<string>) =>
    formRoute(app, `/staff/answers/:id${path}`, {
      guard: (request) => idOf(request),
      schema,
      render: ({ request, reply, subject, lists }, state) => page(request, reply, subject, { ...state, catalogueKeys: lists.catalogueKeys }),
      run: async (input, { request, reply, subject }) => back(reply, subject, await run(input, request, subject)),
    });
  post('', entrySchema, async (input, request, id) => {
    await saveEntry(deps.db, request.actor, { now: deps.clock.now(), today: today() }, toInput(input), id);
    return '已保存，核对后送审。';
  });
  post('/submit', z.object({}), async (_i, request, id) => {
    await submitEntry(deps.db, request.actor, deps.clock.now(), id);
    return '已送审。';
  });
  post('/review', z.object({ decision: field.text(10), note: field.text(1000) }), async (input, request, id) => {
    if (input.decision === 'approve') await approveEntry(deps.db, request.actor, deps.clock.now(), id);
    else await returnEntry(deps.db, request.actor, deps.clock.now(), id, input.note);
    answerFinder.invalidate();
    return input.decision === 'approve' ? '已审核发布。' : '已退回修改。';
  });
  post('/withdraw', z.object({ reason: field.text(500) }), async (input, request, id) => {
    await withdrawEntry(deps.db, request.actor, deps.clock.now(), id, input.reason);
    answerFinder.invalidate();
    return '已撤回。';
  });
}
