/** Staff routes of 政务舆情回应: the list, registering, and one incident; forms through formRoute. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { idParam } from '../../lib/validation.ts';
import { listUnits } from '../orgs/index.ts';
import { clocks } from './opinion.ts';
import { closeIncident, getIncident, incidentsOf, recordResponse, registerIncident, responsesOf } from './opinionStore.ts';
import { IncidentListPage, IncidentNewPage, IncidentPage } from './views/opinionPages.tsx';

export function registerOpinionRoutes(app: FastifyInstance) {
  const { deps } = app;
  const idOf = (request: FastifyRequest) => idParam(request.params, '没有这件舆情。');
  const now = () => deps.clock.now();

  app.get('/staff/opinion', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const paths = grantedPaths(request.actor, ['office_admin', 'publisher', 'reviewer', 'message_officer']);
    const rows = [];
    for (const r of await incidentsOf(deps.db, paths)) rows.push({ ...r, clocks: clocks(r.severity, r.surfaced_at, await responsesOf(deps.db, r.id), now()) });
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, IncidentListPage({ ctx, rows, mayRegister: can(request.actor, 'opinion.manage') }));
  });

  const newPage = async (request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}, responsible: string[] = []) => {
    authorize(request.actor, 'opinion.manage');
    const all = await listUnits(deps.db);
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      IncidentNewPage({
        ctx,
        units: all.filter((u) => can(request.actor, 'opinion.manage', { unitPath: u.path })).map((u) => ({ id: u.id, name: u.name })),
        allUnits: all.map((u) => ({ id: u.id, name: u.name })),
        values: state.values ?? {},
        errors: state.errors ?? {},
        responsible,
      }),
      { status: state.status },
    );
  };
  app.get('/staff/opinion/new', (request, reply) => newPage(request, reply));
  formRoute(app, '/staff/opinion/new', {
    schema: z.object({
      unitId: field.int('请选择单位'),
      title: field.text(200),
      description: field.text(5000),
      severity: field.text(10),
      surfacedAt: field.text(20),
      responsibleUnitIds: field.list(100),
    }),
    render: ({ request, reply, lists }, state) => newPage(request, reply, state, lists.responsibleUnitIds ?? []),
    run: async (input, { request, reply }) => {
      const id = await registerIncident(deps.db, request.actor, now(), { ...input, responsibleUnitIds: input.responsibleUnitIds.map(Number) });
      return reply.redirect(withNotice(`/staff/opinion/${id}`, '已登记，请按时限回应。', deps.config.secret), 303);
    },
  });

  async function page(request: FastifyRequest, reply: FastifyReply, id: number, state: Partial<FormState> = {}) {
    const r = await getIncident(deps.db, id);
    if (!r) throw new NotFoundError('没有这件舆情。');
    const units = await listUnits(deps.db);
    const responsible = units.filter((u) => r.responsible_unit_ids.includes(u.id));
    const mayManage = can(request.actor, 'opinion.manage', { unitPath: r.unit_path });
    // The registering office and the responsible units' staff may read it.
    if (
      !mayManage &&
      !responsible.some(
        (u) => can(request.actor, 'staff.enter') && grantedPaths(request.actor, ['office_admin', 'publisher', 'reviewer', 'message_officer']).some((p) => u.path.startsWith(p)),
      )
    )
      authorize(request.actor, 'opinion.manage', { unitPath: r.unit_path });
    const responses = await responsesOf(deps.db, id);
    const events = (
      await deps.db.query<{ kind: string; at: Date; actor_label: string }>('SELECT kind, at, actor_label FROM opinion_events WHERE incident_id = $1 ORDER BY id', [id])
    ).rows;
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      IncidentPage({
        ctx,
        r,
        clocks: clocks(r.severity, r.surfaced_at, responses, now()),
        responses,
        mayManage,
        events,
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.errors && Object.keys(state.errors).length ? undefined : state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  }
  app.get('/staff/opinion/:id', (request, reply) => page(request, reply, idOf(request)));
  const post = <S extends z.ZodType>(path: string, schema: S, run: (input: z.infer<S>, request: FastifyRequest, id: number) => Promise<string>) =>
    formRoute(app, `/staff/opinion/:id/${path}`, {
      guard: (request) => idOf(request),
      schema,
      render: ({ request, reply, subject }, state) => page(request, reply, subject, state),
      run: async (input, { request, reply, subject }) => reply.redirect(withNotice(`/staff/opinion/${subject}`, await run(input, request, subject), deps.config.secret), 303),
    });
  post('respond', z.object({ kind: field.text(30), givenAt: field.text(20), itemRef: field.text(300), note: field.text(2000) }), async (input, request, id) => {
    await recordResponse(deps.db, request.actor, now(), id, input);
    return '已记录回应。';
  });
  post('close', z.object({ summary: field.text(5000) }), async (input, request, id) => {
    await closeIncident(deps.db, request.actor, now(), id, input.summary);
    return '已办结。';
  });
}
