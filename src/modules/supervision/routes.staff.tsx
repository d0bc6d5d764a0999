/** Supervision screens (监督检查) for the 政务公开 office, and the work ledger (工作台账) as a workbook. */
import { chinaDate } from '../../lib/clock.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import ExcelJS from 'exceljs';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { audit } from '../../lib/audit.ts';
import { formString } from '../../lib/validation.ts';
import { scoreUnit, type AssessmentConfig } from './assessment.ts';
import { isValidDate } from '../../lib/calendar.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { sendPage } from '../../lib/render.ts';
import { contentDisposition } from '../../lib/download.ts';
import { asTree, listUnits } from '../orgs/queries.ts';
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
    for (const u of await scope(request)) rows.push({ unit: { id: u.id, name: u.name, depth: u.depth }, indicators: await unitIndicators(deps.db, u, calendar, asOf) });
    return { asOf, rows };
  }

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
      const s = scoreUnit(await unitIndicators(deps.db, u, calendar, asOf), config, manual);
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

  app.post('/staff/supervision/assessment/manual', async (request, reply) => {
    authorize(request.actor, 'catalogue.manage_areas');
    const b = request.body as Record<string, unknown>;
    const year = Number(formString(b.year)) || 0;
    const raw = formString(b.score).trim();
    const score = Number(raw);
    if (!/^\d{1,3}(\.\d)?$/.test(raw) || score > 100) return assessmentPage(request, reply, { errors: { score: '得分应为0至100之间的数，最多一位小数' }, status: 400, year });
    const key = formString(b.key);
    const unitId = Number(formString(b.unit)) || 0;
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
  });

  app.post('/staff/supervision/assessment/config', async (request, reply) => {
    authorize(request.actor, 'catalogue.manage_areas');
    const b = request.body as Record<string, unknown>;
    const config = (await deps.db.query<{ key: string; manual: boolean }>('SELECT key, manual FROM assessment_indicators')).rows;
    const errors: Record<string, string> = {};
    const updates: [string, number, number | null][] = [];
    for (const c of config) {
      const w = Number(formString(b[`weight-${c.key}`]));
      const d = c.manual ? null : Number(formString(b[`deduction-${c.key}`]));
      if (!Number.isFinite(w) || w < 0 || w > 100) errors[`weight-${c.key}`] = '权重应为0至100';
      if (d !== null && (!Number.isFinite(d) || d < 0 || d > 100)) errors[`deduction-${c.key}`] = '扣分应为0至100';
      updates.push([c.key, w, d]);
    }
    if (Object.keys(errors).length) return assessmentPage(request, reply, { errors, status: 400 });
    await deps.db.transaction(async (tx) => {
      for (const [key, w, d] of updates) await tx.query('UPDATE assessment_indicators SET weight = $2, deduction = COALESCE($3, deduction) WHERE key = $1', [key, w, d]);
      await audit(tx, request.actor, { at: deps.clock.now(), action: 'assessment.config', subjectType: 'assessment', subjectId: 'indicators', details: { updates } });
    });
    return assessmentPage(request, reply, { notice: '权重已保存。' });
  });

  app.get('/staff/supervision/:unitId', async (request, reply) => {
    const units = await scope(request);
    const unit = units.find((u) => u.id === Number((request.params as { unitId: string }).unitId));
    if (!unit) throw new NotFoundError('没有这个单位，或不在您的监督范围内。');
    const asOf = asOfOf(request);
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, UnitSupervisionPage({ ctx, asOf, unit, indicators: await unitIndicators(deps.db, unit, await deps.calendar.get(), asOf) }));
  });
}
