/** Staff routes of the gazette: the issues and the 应刊登未刊登 list, a new issue, and one issue being compiled. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can } from '../../lib/authz.ts';
import { chinaDate } from '../../lib/clock.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { idParam } from '../../lib/validation.ts';
import { addEntry, createIssue, moveEntry, nextNumbers, publishIssue, removeEntry, updateIssue, withdrawIssue } from './commands.ts';
import { layoutRows } from './layout.ts';
import { dueItems, gazetteName, gazetteUnit, getIssue, issueEntries, issueEvents, listIssues, printRows } from './queries.ts';
import { GazetteStaffPage, IssueStaffPage } from './views/staffPages.tsx';
import type { IssueInput } from './rules.ts';

const issueSchema = z.object({ year: field.text(10), number: field.text(10), serial: field.text(10), publishDate: field.text(10) });
const toInput = (v: z.infer<typeof issueSchema>): IssueInput => ({
  year: /^\d+$/.test(v.year) ? Number(v.year) : NaN,
  number: /^\d+$/.test(v.number) ? Number(v.number) : NaN,
  serial: /^\d+$/.test(v.serial) ? Number(v.serial) : NaN,
  publishDate: v.publishDate,
});

export function registerGazetteStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  const owner = async (request: FastifyRequest) => {
    const unit = await gazetteUnit(deps.db);
    if (!unit) throw new NotFoundError('还没有建立单位。');
    if (!can(request.actor, 'gazette.publish', { unitPath: unit.path })) authorize(request.actor, 'gazette.edit', { unitPath: unit.path });
    return unit;
  };
  const idOf = (request: FastifyRequest) => idParam(request.params, '没有这一期公报。');
  const back = (reply: FastifyReply, id: number, notice: string) => reply.redirect(withNotice(`/staff/gazette/${id}`, notice, deps.config.secret), 303);

  async function listPage(request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}) {
    const unit = await owner(request);
    const year = Number(chinaDate(deps.clock.now()).slice(0, 4));
    const next = await nextNumbers(deps.db, year);
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      GazetteStaffPage({
        ctx,
        name: gazetteName(unit),
        issues: await listIssues(deps.db, { publicOnly: false }),
        due: await dueItems(deps.db),
        mayEdit: can(request.actor, 'gazette.edit', { unitPath: unit.path }),
        values: state.values ?? { year: String(year), number: String(next.number), serial: String(next.serial), publishDate: chinaDate(deps.clock.now()) },
        errors: state.errors ?? {},
        message: state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  }

  async function issuePage(request: FastifyRequest, reply: FastifyReply, id: number, state: Partial<FormState> = {}) {
    const unit = await owner(request);
    const issue = await getIssue(deps.db, id);
    if (!issue) throw new NotFoundError('没有这一期公报。');
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      IssueStaffPage({
        ctx,
        name: gazetteName(unit),
        issue,
        entries: await issueEntries(deps.db, id),
        due: issue.state === 'draft' ? await dueItems(deps.db) : [],
        topSlug: unit.slug,
        events: await issueEvents(deps.db, id),
        mayEdit: can(request.actor, 'gazette.edit', { unitPath: unit.path }),
        mayPublish: can(request.actor, 'gazette.publish', { unitPath: unit.path }),
        values: state.values ?? { year: String(issue.year), number: String(issue.number), serial: String(issue.serial), publishDate: issue.publish_date },
        errors: state.errors ?? {},
        message: state.errors && Object.keys(state.errors).length ? undefined : state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  }

  app.get('/staff/gazette', (request, reply) => listPage(request, reply));
  formRoute(app, '/staff/gazette', {
    schema: issueSchema,
    render: ({ request, reply }, state) => listPage(request, reply, state),
    run: async (input, { request, reply }) => back(reply, await createIssue(deps.db, request.actor, deps.clock.now(), toInput(input)), '已新建。请加入要刊登的文件。'),
  });
  app.get('/staff/gazette/:id', (request, reply) => issuePage(request, reply, idOf(request)));
  app.get('/staff/gazette/:id/preview.pdf', async (request, reply) => {
    const unit = await owner(request);
    const issue = await getIssue(deps.db, idOf(request));
    if (!issue) throw new NotFoundError('没有这一期公报。');
    const layout = await layoutRows(gazetteName(unit), issue, await printRows(deps.db, issue.id));
    return reply.type('application/pdf').header('cache-control', 'no-store').send(layout.pdf);
  });

  const post = <S extends z.ZodType>(path: string, schema: S, run: (input: z.infer<S>, request: FastifyRequest, id: number) => Promise<string>) =>
    formRoute(app, `/staff/gazette/:id${path}`, {
      guard: (request) => idOf(request),
      schema,
      render: ({ request, reply, subject }, state) => issuePage(request, reply, subject, state),
      run: async (input, { request, reply, subject }) => back(reply, subject, await run(input, request, subject)),
    });
  post('', issueSchema, async (input, request, id) => {
    await updateIssue(deps.db, request.actor, deps.clock.now(), id, toInput(input));
    return '已保存。';
  });
  post('/entries', z.object({ indexNo: field.text(60), section: field.text(20) }), async (input, request, id) => {
    await addEntry(deps.db, request.actor, deps.clock.now(), id, input);
    return '已加入。';
  });
  post('/entries/remove', z.object({ entryId: field.int('请选择一篇') }), async (input, request, id) => {
    await removeEntry(deps.db, request.actor, deps.clock.now(), id, input.entryId);
    return '已移出。';
  });
  post('/entries/move', z.object({ entryId: field.int('请选择一篇'), direction: field.oneOf(['up', 'down'] as const, '请选择方向') }), async (input, request, id) => {
    await moveEntry(deps.db, request.actor, deps.clock.now(), id, input.entryId, input.direction);
    return '已调整顺序。';
  });
  post('/publish', z.object({}), async (_input, request, id) => {
    await publishIssue(deps.db, request.actor, deps.clock.now(), id);
    return '已出版。';
  });
  post('/withdraw', z.object({ reason: field.text(500) }), async (input, request, id) => {
    await withdrawIssue(deps.db, request.actor, deps.clock.now(), id, input.reason);
    return '已撤回。';
  });
}
