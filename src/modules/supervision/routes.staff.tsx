/** Supervision screens (监督检查) for the 政务公开 office, and the work ledger (工作台账) as a workbook. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import ExcelJS from 'exceljs';
import { authorize, grantedPaths } from '../../lib/authz.ts';
import { isValidDate } from '../../lib/calendar.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { sendPage } from '../../lib/render.ts';
import { contentDisposition } from '../../lib/download.ts';
import { asTree, listUnits } from '../orgs/queries.ts';
import { unitIndicators } from './build.ts';
import { SupervisionPage, UnitSupervisionPage } from './views.tsx';

export function registerSupervisionRoutes(app: FastifyInstance) {
  const { deps } = app;
  const asOfOf = (request: FastifyRequest) => {
    const v = String((request.query as Record<string, unknown>).asOf ?? '');
    return isValidDate(v) ? v : new Date(deps.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
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

  app.get('/staff/supervision/:unitId', async (request, reply) => {
    const units = await scope(request);
    const unit = units.find((u) => u.id === Number((request.params as { unitId: string }).unitId));
    if (!unit) throw new NotFoundError('没有这个单位，或不在您的监督范围内。');
    const asOf = asOfOf(request);
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, UnitSupervisionPage({ ctx, asOf, unit, indicators: await unitIndicators(deps.db, unit, await deps.calendar.get(), asOf) }));
  });
}
