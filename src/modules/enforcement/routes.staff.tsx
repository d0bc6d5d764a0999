/** Staff routes of 行政执法公示: overview, a unit's work (import, registers, draws, statistics), a decision, an entry, a draw. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { recordEvents } from '../../lib/audit.ts';
import { chinaDate } from '../../lib/clock.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { runUntrusted } from '../../lib/untrusted/sandbox.ts';
import { checkUpload } from '../publishing/index.ts';
import { getUnit, listUnits } from '../orgs/index.ts';
import { importDecisions, recordDecision, revokeDecision } from './commands.ts';
import { makeDraw, publishDrawResults, publishYearStats, saveRegisterEntry, withdrawRegisterEntry } from './registerCommands.ts';
import { drawsOf, findDecisions, getDecision, getDraw, lateDecisions, LOG, publishedStats, REGISTER_LOG, registerEntry, registerOf, unitCounts } from './queries.ts';
import { FIELDS, isKind, isRegisterKind, REGISTER_KINDS, type RegisterKind } from './rules.ts';
import { NewDecisionPage, OverviewPage, RegisterEntryPage, StaffDecisionPage, StaffDrawPage, UnitWorkPage } from './views/staffPages.tsx';

const ROWS_TASK = new URL('../../lib/untrusted/rows.task.ts', import.meta.url);
const MAX_IMPORT_ROWS = 1_000_000;

export function registerEnforcementStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  const secret = deps.config.secret;
  const back = (reply: FastifyReply, url: string, text: string) => reply.redirect(withNotice(url, text, secret), 303);

  async function unitFor(request: FastifyRequest) {
    const id = Number((request.params as { unitId: string }).unitId);
    const unit = Number.isInteger(id) ? await getUnit(deps.db, id) : undefined;
    if (!unit) throw new NotFoundError('没有这个单位。');
    authorize(request.actor, 'enforcement.edit', { unitPath: unit.path });
    return unit;
  }

  app.get('/staff/enforcement', async (request, reply) => {
    authorize(request.actor, 'enforcement.edit');
    const today = chinaDate(deps.clock.now());
    const lastYear = Number(today.slice(0, 4)) - 1;
    const mine = (await listUnits(deps.db)).filter((u) => can(request.actor, 'enforcement.edit', { unitPath: u.path }));
    const units = [];
    for (const u of mine) {
      const stats = await publishedStats(deps.db, u.id);
      const counts = await unitCounts(deps.db, u.id);
      // The last year's figures are due by 31 January: until published, the unit shows it as owed.
      units.push({ id: u.id, name: u.name, counts, statsDue: stats.some((s) => s.year === lastYear) ? null : lastYear });
    }
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, OverviewPage({ ctx, units, late: await lateDecisions(deps.db, grantedPaths(request.actor, ['office_admin', 'publisher'])) }));
  });

  async function unitPage(request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}) {
    const unit = await unitFor(request);
    const today = chinaDate(deps.clock.now());
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      UnitWorkPage({
        ctx,
        unit,
        decisions: (await findDecisions(deps.db, { unitId: unit.id, limit: 30, offset: 0 })).rows,
        register: await registerOf(deps.db, unit.id, false),
        draws: await drawsOf(deps.db, unit.id),
        stats: await publishedStats(deps.db, unit.id),
        lastYear: Number(today.slice(0, 4)) - 1,
        today,
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.message,
        notice: readNotice(request.query, secret),
      }),
      { status: state.status },
    );
  }
  const unitUrl = (request: FastifyRequest) => `/staff/enforcement/units/${(request.params as { unitId: string }).unitId}`;

  app.get('/staff/enforcement/units/:unitId', (request, reply) => unitPage(request, reply));
  formRoute(app, '/staff/enforcement/units/:unitId/import', {
    files: ['file'],
    schema: z.object({ kind: field.text(20) }),
    render: ({ request, reply }, state) => unitPage(request, reply, state),
    run: async (input, { request, reply, files }) => {
      const unit = await unitFor(request);
      if (!isKind(input.kind)) throw new ValidationError({ kind: '请选择执法类别' });
      const file = files.find((f) => f.field === 'file');
      if (!file?.content.length) throw new ValidationError({ kind: '请选择要导入的 CSV 或 Excel 文件' }, '请选择要导入的 CSV 或 Excel 文件');
      const checked = await checkUpload(file.filename, file.content, deps.config.maxUploadBytes);
      if (checked.ext !== 'csv' && checked.ext !== 'xlsx') throw new ValidationError({ kind: '只能导入 CSV 或 Excel（.xlsx）文件' }, '只能导入 CSV 或 Excel（.xlsx）文件');
      const r = await importDecisions(deps.db, request.actor, deps.clock.now(), await deps.calendar.get(), {
        unitId: unit.id,
        kind: input.kind,
        filename: file.filename,
        read: (onBatch) =>
          runUntrusted(
            ROWS_TASK,
            file.content,
            { format: checked.ext === 'csv' ? 'CSV' : 'XLSX', maxRows: MAX_IMPORT_ROWS, batchRows: 2000 },
            onBatch as (b: unknown) => Promise<void>,
          ),
      });
      return back(reply, unitUrl(request), `已导入：新公示 ${r.added} 件，更正 ${r.corrected} 件，未变 ${r.unchanged} 件。`);
    },
  });

  const newDecision = async (request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}) => {
    const unit = await unitFor(request);
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, NewDecisionPage({ ctx, unit, values: state.values ?? {}, errors: state.errors ?? {}, message: state.message }), { status: state.status });
  };
  app.get('/staff/enforcement/units/:unitId/decisions/new', (request, reply) => newDecision(request, reply));
  formRoute(app, '/staff/enforcement/units/:unitId/decisions/new', {
    schema: z.looseObject({ kind: field.text(20) }),
    render: ({ request, reply }, state) => newDecision(request, reply, state),
    run: async (input, { request, reply, values }) => {
      const unit = await unitFor(request);
      if (!isKind(input.kind)) throw new ValidationError({ kind: '请选择执法类别' });
      const raw = Object.fromEntries(FIELDS.map((f) => [f.key, values[f.key] ?? '']));
      const id = await recordDecision(deps.db, request.actor, deps.clock.now(), await deps.calendar.get(), { unitId: unit.id, kind: input.kind, raw });
      return back(reply, `/staff/enforcement/decisions/${id}`, '已公示。');
    },
  });

  async function decisionOf(request: FastifyRequest) {
    const d = await getDecision(deps.db, Number((request.params as { id: string }).id) || 0);
    if (!d) throw new NotFoundError('没有这个执法决定。');
    authorize(request.actor, 'enforcement.edit', { unitPath: d.unit_path });
    return d;
  }
  const decisionPage = async (request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}) => {
    const d = await decisionOf(request);
    const ctx = app.viewContext(request, reply);
    const events = await recordEvents(deps.db, LOG, d.id);
    return sendPage(
      request,
      reply,
      ctx,
      StaffDecisionPage({
        ctx,
        d,
        events,
        withdrawDays: deps.config.enforcementWithdrawDays,
        notice: readNotice(request.query, secret),
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.message,
      }),
      { status: state.status },
    );
  };
  app.get('/staff/enforcement/decisions/:id', (request, reply) => decisionPage(request, reply));
  formRoute(app, '/staff/enforcement/decisions/:id/withdraw', {
    schema: z.object({ revocation: field.text(20), revokedOn: field.text(10), explanation: field.text(2000) }),
    render: ({ request, reply }, state) => decisionPage(request, reply, state),
    run: async (input, { request, reply }) => {
      const d = await decisionOf(request);
      const r = await revokeDecision(deps.db, request.actor, deps.clock.now(), deps.config.enforcementWithdrawDays, d.id, input);
      return back(reply, `/staff/enforcement/decisions/${d.id}`, r.late ? '已撤下。撤下晚于规定期限，已记为逾期。' : '已撤下，公开页面只显示撤下说明。');
    },
  });

  const entryForm = z.looseObject({ title: field.text(300), reviewOn: field.text(10) });
  const fieldsOf = (kind: RegisterKind, values: Record<string, string>) => Object.fromEntries(Object.keys(REGISTER_KINDS[kind].fields).map((k) => [k, values[k] ?? '']));
  const newEntry = async (request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}) => {
    const unit = await unitFor(request);
    const kind = (request.query as { kind?: string }).kind;
    if (!isRegisterKind(kind)) throw new NotFoundError('没有这类事前公开事项。');
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, RegisterEntryPage({ ctx, unit, kind, events: [], values: state.values ?? {}, errors: state.errors ?? {}, message: state.message }), {
      status: state.status,
    });
  };
  app.get('/staff/enforcement/units/:unitId/register/new', (request, reply) => newEntry(request, reply));
  formRoute(app, '/staff/enforcement/units/:unitId/register/new', {
    schema: entryForm,
    render: ({ request, reply }, state) => newEntry(request, reply, state),
    run: async (input, { request, reply, values }) => {
      const unit = await unitFor(request);
      const kind = (request.query as { kind?: string }).kind;
      if (!isRegisterKind(kind)) throw new NotFoundError('没有这类事前公开事项。');
      await saveRegisterEntry(deps.db, request.actor, deps.clock.now(), { unitId: unit.id, kind, title: input.title, reviewOn: input.reviewOn, fields: fieldsOf(kind, values) });
      return back(reply, `/staff/enforcement/units/${unit.id}`, `已公开${REGISTER_KINDS[kind].label}“${input.title}”。`);
    },
  });

  async function entryOf(request: FastifyRequest) {
    const e = await registerEntry(deps.db, Number((request.params as { id: string }).id) || 0);
    if (!e) throw new NotFoundError('没有这一项。');
    authorize(request.actor, 'enforcement.edit', { unitPath: e.unit_path });
    return e;
  }
  const entryPage = async (request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}) => {
    const e = await entryOf(request);
    const unit = (await getUnit(deps.db, e.unit_id))!;
    const ctx = app.viewContext(request, reply);
    const values = state.values ?? { title: e.title, reviewOn: e.review_on, ...e.fields };
    return sendPage(
      request,
      reply,
      ctx,
      RegisterEntryPage({
        ctx,
        unit,
        kind: e.kind as RegisterKind,
        entry: e,
        events: await recordEvents(deps.db, REGISTER_LOG, e.id),
        values,
        errors: state.errors ?? {},
        message: state.message,
      }),
      { status: state.status },
    );
  };
  app.get('/staff/enforcement/register/:id', (request, reply) => entryPage(request, reply));
  formRoute(app, '/staff/enforcement/register/:id', {
    schema: entryForm,
    render: ({ request, reply }, state) => entryPage(request, reply, state),
    run: async (input, { request, reply, values }) => {
      const e = await entryOf(request);
      const kind = e.kind as RegisterKind;
      await saveRegisterEntry(deps.db, request.actor, deps.clock.now(), {
        id: e.id,
        unitId: e.unit_id,
        kind,
        title: input.title,
        reviewOn: input.reviewOn,
        fields: fieldsOf(kind, values),
      });
      return back(reply, `/staff/enforcement/units/${e.unit_id}`, `已更新“${input.title}”。`);
    },
  });
  formRoute(app, '/staff/enforcement/register/:id/withdraw', {
    schema: z.object({ reason: field.text(500) }),
    render: ({ request, reply }, state) => entryPage(request, reply, state),
    run: async (input, { request, reply }) => {
      const e = await entryOf(request);
      await withdrawRegisterEntry(deps.db, request.actor, deps.clock.now(), e.id, input.reason);
      return back(reply, `/staff/enforcement/units/${e.unit_id}`, `已撤下“${e.title}”。`);
    },
  });

  formRoute(app, '/staff/enforcement/units/:unitId/draws', {
    schema: z.object({
      itemId: field.int('请选择随机抽查事项'),
      title: field.text(300),
      entities: field.text(5_000_000),
      exclusions: field.text(100_000),
      entityCount: field.int('抽取户数应为整数'),
      inspectorsPerEntity: field.int('人员数应为整数'),
      inspectionEndsOn: field.text(10),
    }),
    render: ({ request, reply }, state) => unitPage(request, reply, state),
    run: async (input, { request, reply }) => {
      const unit = await unitFor(request);
      const id = await makeDraw(deps.db, request.actor, deps.clock.now(), await deps.calendar.get(), { unitId: unit.id, ...input });
      return back(reply, `/staff/enforcement/draws/${id}`, '已抽取，名录、种子和结果已公开。');
    },
  });

  async function drawOf(request: FastifyRequest) {
    const d = await getDraw(deps.db, Number((request.params as { id: string }).id) || 0);
    if (!d) throw new NotFoundError('没有这次抽查。');
    authorize(request.actor, 'enforcement.edit', { unitPath: d.unit_path });
    return d;
  }
  const drawPage = async (request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}) => {
    const d = await drawOf(request);
    const ctx = app.viewContext(request, reply);
    const unitName = (await getUnit(deps.db, d.unit_id))!.name;
    return sendPage(
      request,
      reply,
      ctx,
      StaffDrawPage({ ctx, d, unitName, notice: readNotice(request.query, secret), values: state.values ?? {}, errors: state.errors ?? {}, message: state.message }),
      {
        status: state.status,
      },
    );
  };
  app.get('/staff/enforcement/draws/:id', (request, reply) => drawPage(request, reply));
  formRoute(app, '/staff/enforcement/draws/:id/results', {
    schema: z.object({ findings: field.text(20_000) }),
    render: ({ request, reply }, state) => drawPage(request, reply, state),
    run: async (input, { request, reply }) => {
      const d = await drawOf(request);
      const r = await publishDrawResults(deps.db, request.actor, deps.clock.now(), d.id, input.findings);
      return back(reply, `/staff/enforcement/draws/${d.id}`, r.late ? '检查结果已公开，晚于20个工作日的期限，已记为逾期。' : '检查结果已公开。');
    },
  });

  formRoute(app, '/staff/enforcement/units/:unitId/stats', {
    schema: z.object({ year: field.int('年度应为整数'), note: field.text(4000) }),
    render: ({ request, reply }, state) => unitPage(request, reply, state),
    run: async (input, { request, reply }) => {
      const unit = await unitFor(request);
      const r = await publishYearStats(deps.db, request.actor, deps.clock.now(), { unitId: unit.id, year: input.year, note: input.note });
      return back(reply, unitUrl(request), `${input.year}年度行政执法数据已公布${r.late ? '（晚于1月31日，已记为逾期）' : ''}。`);
    },
  });
}
