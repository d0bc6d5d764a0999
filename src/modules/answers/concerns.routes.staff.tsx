/** Staff routes of the concern list: the list with its gaps, a new concern, one concern; forms through formRoute. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { idParam } from '../../lib/validation.ts';
import { listUnits } from '../orgs/index.ts';
import { assemble, concernAreas, concernsList, getConcern, retireConcern, saveConcern } from './concerns.ts';
import { StaffConcernPage, StaffConcernsPage } from './views/concernPages.tsx';

export function registerConcernStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  const idOf = (request: FastifyRequest) => idParam(request.params, '没有这个关切事项。');
  const back = (reply: FastifyReply, id: number, notice: string) => reply.redirect(withNotice(`/staff/concerns/${id}`, notice, deps.config.secret), 303);

  app.get('/staff/concerns', async (request, reply) => {
    authorize(request.actor, 'concern.manage');
    const rows = [];
    for (const c of await concernsList(deps.db, { activeOnly: false, paths: grantedPaths(request.actor, ['office_admin']) }))
      rows.push({ ...c, gap: (await assemble(deps.db, c)).gap });
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, StaffConcernsPage({ ctx, rows }));
  });

  async function page(request: FastifyRequest, reply: FastifyReply, id: number | undefined, state: Partial<FormState> & { responsible?: string[] } = {}) {
    const c = id ? await getConcern(deps.db, id) : undefined;
    if (id && !c) throw new NotFoundError('没有这个关切事项。');
    authorize(request.actor, 'concern.manage', c ? { unitPath: c.unit_path } : undefined);
    const all = await listUnits(deps.db);
    const refs = c?.item_ids.length
      ? (
          await deps.db.query<{ ref: string }>(`SELECT coalesce(nullif(index_no, ''), id::text) AS ref FROM information_items WHERE id = ANY($1) ORDER BY id`, [c.item_ids])
        ).rows.map((r) => r.ref)
      : [];
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      StaffConcernPage({
        ctx,
        c,
        itemRefs: refs,
        units: all.filter((u) => can(request.actor, 'concern.manage', { unitPath: u.path })).map((u) => ({ id: u.id, name: u.name })),
        allUnits: all.map((u) => ({ id: u.id, name: u.name })),
        areas: await concernAreas(deps.db),
        responsible: state.responsible ?? c?.responsible_unit_ids.map(String) ?? [],
        values: state.values ?? {},
        errors: state.errors ?? {},
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  }
  const schema = z.object({
    unitId: field.int('请选择单位'),
    areaCode: field.text(20),
    title: field.text(300),
    description: field.text(3000),
    items: field.text(5000),
    answerIds: field.text(500),
    responsibleUnitIds: field.list(100),
    contact: field.text(300),
  });
  const toInput = (i: z.infer<typeof schema>) => ({
    ...i,
    items: i.items.split('\n'),
    answerIds: i.answerIds
      .split(/[,，\s]+/)
      .filter(Boolean)
      .map(Number)
      .filter(Number.isInteger),
    responsibleUnitIds: i.responsibleUnitIds.map(Number),
  });
  app.get('/staff/concerns/new', (request, reply) => page(request, reply, undefined));
  formRoute(app, '/staff/concerns/new', {
    schema,
    render: ({ request, reply, lists }, state) => page(request, reply, undefined, { ...state, responsible: lists.responsibleUnitIds ?? [] }),
    run: async (input, { request, reply }) => back(reply, await saveConcern(deps.db, request.actor, deps.clock.now(), toInput(input)), '已保存。'),
  });
  app.get('/staff/concerns/:id', (request, reply) => page(request, reply, idOf(request)));
  formRoute(app, '/staff/concerns/:id', {
    guard: (request) => idOf(request),
    schema,
    render: ({ request, reply, subject, lists }, state) => page(request, reply, subject, { ...state, responsible: lists.responsibleUnitIds ?? [] }),
    run: async (input, { request, reply, subject }) => back(reply, await saveConcern(deps.db, request.actor, deps.clock.now(), toInput(input), subject), '已保存。'),
  });
  formRoute(app, '/staff/concerns/:id/retire', {
    guard: (request) => idOf(request),
    schema: z.object({ reason: field.text(500) }),
    render: ({ request, reply, subject }, state) => page(request, reply, subject, state),
    run: async (input, { request, reply, subject }) => {
      await retireConcern(deps.db, request.actor, deps.clock.now(), subject, input.reason);
      return back(reply, subject, '已移出清单。');
    },
  });
}
