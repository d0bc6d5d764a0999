/** Staff routes of the decision catalogue: thin handlers over the commands, every form through formRoute. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, grantedPaths, type Role } from '../../lib/authz.ts';
import { idParam } from '../../lib/validation.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { listUnits } from '../orgs/index.ts';
import { getItem, SECTIONS } from '../publishing/index.ts';
import { participationContext } from './commands/common.ts';
import { advanceDecisionStage, publishDecisionCatalogue, removeDecisionEntry, saveDecisionEntry } from './commands/decisions.ts';
import { catalogueRevisions, decisionEvents, getDecisionEntry, listDecisionEntries, type DecisionEntryRow } from './decisionQueries.ts';
import { decisionProblems, DECISION_STEPS, type DecisionStep } from './decisions.ts';
import { meetingsOfDecision } from './meetingQueries.ts';
import { listConsultations } from './queries.ts';
import { DecisionDetailPage, DecisionFormPage, DecisionListPage } from './views/decisionPages.tsx';

// The date each step was done, one field per step (done_legality_review …).
const doneSchema = z.object(
  Object.fromEntries(Object.keys(DECISION_STEPS).map((k) => [`done_${k}`, field.text(20)])) as Record<`done_${DecisionStep}`, ReturnType<typeof field.text>>,
);

const entrySchema = z
  .object({
    unitId: field.int('请选择单位'),
    year: field.int('请填写年度'),
    title: field.text(300),
    leadUnit: field.text(200),
    plannedOn: field.text(20),
    summary: field.text(5000),
    required: field.list(10),
    legalityFrom: field.text(20),
    legalityTo: field.text(20),
    decidedOn: field.text(20),
    consultationId: field.text(20),
    decisionItemRef: field.text(300),
    interpretationItemRef: field.text(300),
  })
  .and(doneSchema);

const toInput = (input: z.infer<typeof entrySchema>) => ({
  unitId: input.unitId,
  year: input.year,
  title: input.title,
  leadUnit: input.leadUnit,
  plannedOn: input.plannedOn,
  summary: input.summary,
  required: input.required,
  doneOn: Object.fromEntries((Object.keys(DECISION_STEPS) as DecisionStep[]).map((k) => [k, input[`done_${k}`]])),
  legalityFrom: input.legalityFrom,
  legalityTo: input.legalityTo,
  decidedOn: input.decidedOn,
  consultationId: input.consultationId,
  decisionItemRef: input.decisionItemRef,
  interpretationItemRef: input.interpretationItemRef,
});

export function registerDecisionStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  const idOf = (request: FastifyRequest) => idParam(request.params, '没有这个决策事项。');
  const unitsFor = async (request: FastifyRequest, roles: Role[]) => {
    const paths = grantedPaths(request.actor, roles);
    return (await listUnits(deps.db)).filter((u) => paths.some((p) => u.path.startsWith(p))).map((u) => ({ id: u.id, name: u.name, path: u.path }));
  };
  const load = async (request: FastifyRequest, id: number) => {
    const e = await getDecisionEntry(deps.db, id);
    if (!e) throw new NotFoundError('没有这个决策事项。');
    authorize(request.actor, 'decision.edit', { unitPath: e.unit_path });
    return e;
  };
  const back = (reply: FastifyReply, id: number, notice: string) => reply.redirect(withNotice(`/staff/decisions/${id}`, notice, deps.config.secret), 303);

  const list = async (request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}) => {
    authorize(request.actor, 'staff.enter');
    const p = await participationContext(deps);
    const entries = await listDecisionEntries(deps.db, grantedPaths(request.actor, ['office_admin', 'publisher', 'reviewer']));
    const rows = entries.map((e) => ({ e, problems: e.state === 'listed' ? decisionProblems(e, p.today, p.calendar) : [] }));
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      DecisionListPage({
        ctx,
        rows,
        units: await unitsFor(request, ['office_admin', 'publisher']),
        publishUnits: await unitsFor(request, ['office_admin']),
        sections: SECTIONS.filter((x) => x.group === 'proactive').map((x) => ({ value: x.code, label: x.label })),
        year: Number(p.today.slice(0, 4)),
        values: state.values ?? {},
        errors: state.errors ?? {},
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  };
  app.get('/staff/decisions', (request, reply) => list(request, reply));

  formRoute(app, '/staff/decisions/publish', {
    guard: (request) => authorize(request.actor, 'staff.enter'),
    schema: z.object({ unitId: field.int('请选择单位'), year: field.int('请填写年度'), note: field.text(2000), sectionCode: field.text(40) }),
    render: ({ request, reply }, state) => list(request, reply, state),
    run: async (input, { request, reply }) => {
      const r = await publishDecisionCatalogue(deps.db, request.actor, deps.clock.now(), input.unitId, input.year, input.note, input.sectionCode);
      const done = `已公布${input.year}年度目录第${r.revision}版。`;
      if (r.itemId) return reply.redirect(withNotice(`/staff/items/${r.itemId}`, `${done}栏目中的信息已生成草稿，请核对后送保密审查和审核。`, deps.config.secret), 303);
      return reply.redirect(withNotice('/staff/decisions', done, deps.config.secret), 303);
    },
  });

  const formPage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string | string[]>, state: Partial<FormState> = {}, e?: DecisionEntryRow) => {
    const units = await unitsFor(request, ['office_admin', 'publisher']);
    // The unit's own consultations and those of departments below it (the lead department often runs it).
    const consultations = (
      await listConsultations(
        deps.db,
        units.map((u) => u.path),
      )
    ).filter((c) => !e || c.unit_path.startsWith(e.unit_path));
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      DecisionFormPage({ ctx, id: e?.id, units, consultations: consultations.map((c) => ({ id: c.id, title: `${c.unit_name}：${c.title}` })), values, errors: state.errors ?? {} }),
      { status: state.status },
    );
  };

  app.get('/staff/decisions/new', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const units = await unitsFor(request, ['office_admin', 'publisher']);
    if (!units.length) authorize(request.actor, 'decision.edit', { unitPath: '/' });
    const p = await participationContext(deps);
    return formPage(request, reply, { year: p.today.slice(0, 4), required: ['public_participation', 'expert_review', 'risk_assessment'] });
  });

  formRoute(app, '/staff/decisions/new', {
    guard: (request) => authorize(request.actor, 'staff.enter'),
    schema: entrySchema,
    render: ({ request, reply, values, lists }, state) => formPage(request, reply, { ...values, required: lists.required ?? [] }, state),
    run: async (input, { request, reply }) => {
      const id = await saveDecisionEntry(deps.db, request.actor, deps.clock.now(), toInput(input));
      return back(reply, id, '已登记决策事项；公布目录后对外显示。');
    },
  });

  const itemRef = async (id: number | null) => {
    if (!id) return '';
    const item = await getItem(deps.db, id);
    return item?.index_no ?? String(id);
  };

  app.get('/staff/decisions/:id/edit', async (request, reply) => {
    const e = await load(request, idOf(request));
    const values: Record<string, string | string[]> = {
      title: e.title,
      leadUnit: e.lead_unit,
      plannedOn: e.planned_on,
      summary: e.summary,
      required: (Object.keys(DECISION_STEPS) as DecisionStep[]).filter((k) => e.steps[k]?.required),
      ...Object.fromEntries((Object.keys(DECISION_STEPS) as DecisionStep[]).map((k) => [`done_${k}`, e.steps[k]?.doneOn ?? ''])),
      legalityFrom: e.legality_from ?? '',
      legalityTo: e.legality_to ?? '',
      decidedOn: e.decided_on ?? '',
      consultationId: e.consultation_id ? String(e.consultation_id) : '',
      decisionItemRef: await itemRef(e.decision_item_id),
      interpretationItemRef: await itemRef(e.interpretation_item_id),
    };
    return formPage(request, reply, values, {}, e);
  });

  formRoute(app, '/staff/decisions/:id/edit', {
    guard: (request) => load(request, idOf(request)),
    schema: entrySchema,
    render: ({ request, reply, values, lists, subject }, state) => formPage(request, reply, { ...values, required: lists.required ?? [] }, state, subject),
    run: async (input, { request, reply, subject }) => {
      await saveDecisionEntry(deps.db, request.actor, deps.clock.now(), toInput(input), subject.id);
      return back(reply, subject.id, '已保存。');
    },
  });

  async function detail(request: FastifyRequest, reply: FastifyReply, id: number, state: Partial<FormState> = {}) {
    const e = await load(request, id);
    const p = await participationContext(deps);
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      DecisionDetailPage({
        ctx,
        e,
        problems: e.state === 'listed' ? decisionProblems(e, p.today, p.calendar) : [],
        hearings: (await meetingsOfDecision(deps.db, e.id)).filter((m) => m.kind === 'hearing'),
        revisions: await catalogueRevisions(deps.db, e.unit_id, e.year),
        events: await decisionEvents(deps.db, e.id),
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.errors && Object.keys(state.errors).length ? undefined : state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  }
  app.get('/staff/decisions/:id', (request, reply) => detail(request, reply, idOf(request)));
  const again = ({ request, reply, subject }: { request: FastifyRequest; reply: FastifyReply; subject: number }, state: FormState) => detail(request, reply, subject, state);

  formRoute(app, '/staff/decisions/:id/stage', {
    guard: (request) => idOf(request),
    schema: z.object({ stage: field.text(30), note: field.text(500) }),
    render: again,
    run: async (input, { request, reply, subject }) => {
      await advanceDecisionStage(deps.db, request.actor, deps.clock.now(), subject, input.stage, input.note);
      return back(reply, subject, '已推进阶段。');
    },
  });

  formRoute(app, '/staff/decisions/:id/remove', {
    guard: (request) => idOf(request),
    schema: z.object({ removeReason: field.text(500) }),
    render: again,
    run: async (input, { request, reply, subject }) => {
      await removeDecisionEntry(deps.db, request.actor, deps.clock.now(), subject, input.removeReason);
      return back(reply, subject, '已移除；再次公布目录时写明调整说明。');
    },
  });
}
