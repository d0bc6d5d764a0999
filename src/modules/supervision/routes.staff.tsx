/** Supervision screens (监督检查) for the 政务公开 office, and the work ledger (工作台账) as a workbook. */
import { registerVisitsRoutes } from './visits.tsx';
import { registerTrainingRoutes } from './training.tsx';
import { chinaDate } from '../../lib/clock.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import ExcelJS from 'exceljs';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { audit } from '../../lib/audit.ts';
import { formString } from '../../lib/validation.ts';
import { scoreUnit, type AssessmentConfig } from './assessment.ts';
import { isValidDate } from '../../lib/calendar.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { z } from 'zod';
import { field, formRoute } from '../../lib/form.ts';
import { sendPage } from '../../lib/render.ts';
import { contentDisposition } from '../../lib/download.ts';
import { asTree, listUnits } from '../orgs/index.ts';
import { unitIndicators } from './build.ts';
import { AssessmentPage, SupervisionPage, UnitSupervisionPage } from './views.tsx';

export function registerSupervisionRoutes(app: FastifyInstance) {
  const { deps } = app;
  const asOfOf = (request: FastifyRequest) => {
    const v = String((request.query as Record<string, unknown>).asOf ?? '');
    return isValidDate(v) ? v : chinaDate(deps.clock.now());
  };
  /** Units the actor supervises: the subtrees where it is an office admin. */
  async function scope(request: FastifyRequest) {
    authorize(request.actor, 'supervision.read');
    const paths = grantedPaths(request.actor, ['office_admin']);
    return asTree(await listUnits(deps.db)).filter((u) => paths.some((p) => u.path.startsWith(p)));
  }

  async function all(request: FastifyRequest) {
    const asOf = asOfOf(request);
    const calendar = await deps.calendar.get();
    const rows = [];
    for (const u of await scope(request))
      rows.push({ unit: { id: u.id, name: u.name, depth: u.depth }, indicators: await unitIndicators(deps.db, u, calendar, asOf, deps.config) });
    return { asOf, rows };
  }

  registerVisitsRoutes(app);
  registerTrainingRoutes(app);

  app.get('/staff/supervision', async (request, reply) => {
    const { asOf, rows } = await all(request);
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, SupervisionPage({ ctx, asOf, rows }));
  });

  app.get('/staff/supervision.xlsx', async (request, reply) => {
    const { asOf, rows } = await all(request);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'gongkai';
    const sum = wb.addWorksheet('汇总');
    sum.addRow([`政务公开工作台账（截至 ${asOf}）`]).font = { bold: true };
    sum.addRow(['单位', ...(rows[0]?.indicators.map((i) => i.name) ?? [])]).font = { bold: true };
    for (const r of rows) sum.addRow([r.unit.name, ...r.indicators.map((i) => i.findings.length)]);
    const detail = wb.addWorksheet('问题清单');
    detail.addRow(['单位', '指标', '依据', '对象', '情况']).font = { bold: true };
    for (const r of rows) for (const i of r.indicators) for (const f of i.findings) detail.addRow([r.unit.name, i.name, i.basis, f.label, f.detail]);
    sum.getColumn(1).width = 30;
    [24, 18, 30, 30, 50].forEach((w, i) => (detail.getColumn(i + 1).width = w));
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', contentDisposition(`政务公开工作台账-${asOf}.xlsx`))
      .header('Cache-Control', 'no-store')
      .send(Buffer.from(await wb.xlsx.writeBuffer()));
  });

  async function assessmentPage(request: FastifyRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; notice?: string; status?: number; year?: number } = {}) {
    const asOf = asOfOf(request);
    const year = extra.year ?? Number(asOf.slice(0, 4));
    const calendar = await deps.calendar.get();
    const config = (
      await deps.db.query<AssessmentConfig>('SELECT key, name, weight::float8 AS weight, deduction::float8 AS deduction, manual FROM assessment_indicators ORDER BY sort')
    ).rows;
    const rows = [];
    for (const u of await scope(request)) {
      const manual = new Map(
        (
          await deps.db.query<{ key: string; score: number }>('SELECT key, score::float8 AS score FROM assessment_manual_scores WHERE unit_id = $1 AND year = $2', [u.id, year])
        ).rows.map((m) => [m.key, m.score]),
      );
      const s = scoreUnit(await unitIndicators(deps.db, u, calendar, asOf, deps.config), config, manual);
      rows.push({ unit: { id: u.id, name: u.name, depth: u.depth }, total: s.total, complete: s.complete, scores: s.rows.map((r) => ({ key: r.key, score: r.score })) });
    }
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      AssessmentPage({ ctx, asOf, year, config, rows, canConfigure: can(request.actor, 'catalogue.manage_areas'), errors: extra.errors ?? {}, notice: extra.notice }),
      { status: extra.status },
    );
  }

  app.get('/staff/supervision/assessment', async (request, reply) => assessmentPage(request, reply));

  const guard = (request: FastifyRequest) => authorize(request.actor, 'catalogue.manage_areas');
  const SCORE = '得分应为0至100之间的数，最多一位小数';

  formRoute(app, '/staff/supervision/assessment/manual', {
    guard,
    schema: z.object({
      year: field.int('年份有误'),
      unit: field.int('单位有误'),
      key: field.required('没有指定指标', 50),
      score: z.preprocess(
        (v) => formString(v).trim(),
        z
          .string()
          .regex(/^\d{1,3}(?:\.\d)?$/, SCORE)
          .transform(Number)
          .refine((n) => n <= 100, SCORE),
      ),
    }),
    render: ({ request, reply }, state) => assessmentPage(request, reply, { errors: state.errors, status: state.status, year: Number(state.values.year) || undefined }),
    run: async (input, { request, reply }) => {
      const { year, key, score, unit: unitId } = input;
      if (!(await scope(request)).some((u) => u.id === unitId)) throw new NotFoundError('没有这个单位，或不在您的监督范围内。');
      await deps.db.transaction(async (tx) => {
        const ok = await tx.query('SELECT 1 FROM assessment_indicators WHERE key = $1 AND manual', [key]);
        if (!ok.rows.length) throw new NotFoundError('没有这个录入指标。');
        await tx.query(
          `INSERT INTO assessment_manual_scores (unit_id, year, key, score, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (unit_id, year, key) DO UPDATE SET score = EXCLUDED.score, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
          [unitId, year, key, score, request.actor.kind === 'user' ? request.actor.id : null, deps.clock.now()],
        );
        await audit(tx, request.actor, { at: deps.clock.now(), action: 'assessment.manual_score', subjectType: 'unit', subjectId: unitId, unitId, details: { year, key, score } });
      });
      return assessmentPage(request, reply, { notice: '已录入。', year });
    },
  });

  // The indicators are rows of a table, so the form's fields are named after them (weight-KEY, deduction-KEY). A
  // field left empty is an error, not 0: an empty post must not zero every weight.
  const percent = (raw: string) => (/^\d{1,3}(?:\.\d{1,2})?$/.test(raw.trim()) && Number(raw) <= 100 ? Number(raw) : null);
  formRoute(app, '/staff/supervision/assessment/config', {
    guard,
    schema: z.record(z.string(), z.unknown()),
    render: ({ request, reply }, state) => assessmentPage(request, reply, { errors: state.errors, status: state.status }),
    run: async (b, { request, reply }) => {
      const config = (await deps.db.query<{ key: string; manual: boolean }>('SELECT key, manual FROM assessment_indicators')).rows;
      const errors: Record<string, string> = {};
      const updates: [string, number, number | null][] = [];
      for (const c of config) {
        const w = percent(formString(b[`weight-${c.key}`]));
        const d = c.manual ? null : percent(formString(b[`deduction-${c.key}`]));
        if (w === null) errors[`weight-${c.key}`] = '权重应为0至100之间的数';
        if (!c.manual && d === null) errors[`deduction-${c.key}`] = '扣分应为0至100之间的数';
        updates.push([c.key, w ?? 0, d]);
      }
      if (Object.keys(errors).length) throw new ValidationError(errors, '有指标的权重或扣分未填或有误，均未保存。');
      await deps.db.transaction(async (tx) => {
        for (const [key, w, d] of updates) await tx.query('UPDATE assessment_indicators SET weight = $2, deduction = COALESCE($3, deduction) WHERE key = $1', [key, w, d]);
        await audit(tx, request.actor, { at: deps.clock.now(), action: 'assessment.config', subjectType: 'assessment', subjectId: 'indicators', details: { updates } });
      });
      return assessmentPage(request, reply, { notice: '权重已保存。' });
    },
  });

  app.get('/staff/supervision/:unitId', async (request, reply) => {
    const units = await scope(request);
    const unit = units.find((u) => u.id === Number((request.params as { unitId: string }).unitId));
    if (!unit) throw new NotFoundError('没有这个单位，或不在您的监督范围内。');
    const asOf = asOfOf(request);
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, UnitSupervisionPage({ ctx, asOf, unit, indicators: await unitIndicators(deps.db, unit, await deps.calendar.get(), asOf, deps.config) }));
  });
}
