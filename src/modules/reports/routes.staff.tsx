/** The office's annual report screens, the cases behind each number, the files, and the steps. */
import { z } from 'zod';
import { field, formRoute } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { chinaDate } from '../../lib/clock.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { sendPage } from '../../lib/render.ts';
import { contentDisposition } from '../../lib/download.ts';
import { asTree, listUnits } from '../orgs/index.ts';
import { OUTCOME_BY_CODE } from '../requests/index.ts';
import { CASE_STATE_LABELS, type CaseState } from '../requests/index.ts';
import { buildReport, startingText } from './build.ts';
import { reportBlocks } from './layout.ts';
import { reportDocx, reportXlsx } from './export.ts';
import { saveReport } from './commands/saveReport.ts';
import { REPORT_STEPS, transitionReport, type ReportStep } from './commands/transitionReport.ts';
import { TABLE2_FIELDS } from './table2.ts';
import { APPLICANT_COLUMN_LABELS, TABLE3_ROWS, type ApplicantColumn } from './tables.ts';
import { CellCasesPage, ReportPage, ReportsHome } from './views.tsx';

type Extra = {
  notice?: string;
  errors?: Record<string, string>;
  message?: string;
  values?: Record<string, string>;
  narrative?: { overall: string; problems: string; other: string };
  status?: number;
};

export function registerReportStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  const params = (request: FastifyRequest) => {
    const p = request.params as { unitId: string; year: string };
    return { unitId: Number(p.unitId) || 0, year: Number(String(p.year).replace(/\.(docx|xlsx)$/, '')) || 0 };
  };

  async function mayRead(request: FastifyRequest, unitPath: string) {
    if (!can(request.actor, 'report.edit', { unitPath }) && !can(request.actor, 'report.file', { unitPath })) authorize(request.actor, 'report.edit', { unitPath });
  }

  app.get('/staff/reports', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const year = Number((request.query as Record<string, unknown>).year) || Number(chinaDate(deps.clock.now()).slice(0, 4)) - 1;
    const paths = grantedPaths(request.actor, ['office_admin', 'publisher']);
    const units = asTree(await listUnits(deps.db)).filter((u) => paths.some((p) => u.path.startsWith(p)));
    const states = new Map(
      (await deps.db.query<{ unit_id: number; state: string }>('SELECT unit_id, state FROM annual_reports WHERE year = $1', [year])).rows.map((r) => [r.unit_id, r.state]),
    );
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ReportsHome({ ctx, units: units.map((u) => ({ id: u.id, name: u.name })), year, states }));
  });

  async function page(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}) {
    const { unitId, year } = params(request);
    const b = await buildReport(deps.db, unitId, year);
    await mayRead(request, b.unit.path);
    const start = startingText(b);
    const n = b.report?.narrative;
    const narrative = extra.narrative ?? { overall: n?.overall || start.overall, problems: n?.problems || start.problems, other: n?.other || start.other };
    const values = extra.values ?? Object.fromEntries(TABLE2_FIELDS.map((f) => [f.key, b.table2[f.key] === undefined ? '' : String(b.table2[f.key])]));
    const ctx = app.viewContext(request, reply);
    const notice = extra.notice ?? readNotice(request.query, deps.config.secret);
    return sendPage(
      request,
      reply,
      ctx,
      ReportPage({
        ctx,
        b,
        values,
        narrative,
        can: {
          edit: can(request.actor, 'report.edit', { unitPath: b.unit.path }),
          file: can(request.actor, 'report.file', { unitPath: b.unit.path }),
          cases: can(request.actor, 'request.handle', { unitPath: b.unit.path }),
        },
        errors: extra.errors ?? {},
        notice,
        message: extra.message,
      }),
      { status: extra.status },
    );
  }

  app.get('/staff/reports/:unitId/:year', async (request, reply) => {
    const raw = (request.params as { year: string }).year;
    if (!/\.(docx|xlsx)$/.test(raw)) return page(request, reply);
    const { unitId, year } = params(request);
    const b = await buildReport(deps.db, unitId, year);
    await mayRead(request, b.unit.path);
    const title = `${b.unit.name}${year}年政府信息公开工作年度报告`;
    const blocks = reportBlocks(b, b.report?.narrative ?? startingText(b));
    const docx = raw.endsWith('.docx');
    return reply
      .type(docx ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', contentDisposition(`${title}.${docx ? 'docx' : 'xlsx'}`))
      .header('Cache-Control', 'no-store')
      .send(docx ? await reportDocx(title, blocks) : await reportXlsx(title, blocks));
  });

  // Table 二's cells are named after their keys (TABLE2_FIELDS) and checked by saveReport.
  formRoute(app, '/staff/reports/:unitId/:year/save', {
    guard: params,
    schema: z.record(z.string(), z.unknown()),
    render: ({ request, reply, values }, state) =>
      page(request, reply, {
        errors: state.errors,
        message: Object.keys(state.errors).length ? undefined : state.message,
        values: Object.fromEntries(TABLE2_FIELDS.map((f) => [f.key, values[f.key] ?? ''])),
        narrative: { overall: values.overall ?? '', problems: values.problems ?? '', other: values.other ?? '' },
        status: state.status,
      }),
    run: async (body, { request, reply, subject: { unitId, year } }) => {
      await saveReport(deps.db, request.actor, deps.clock.now(), { unitId, year, body });
      return reply.redirect(withNotice(`/staff/reports/${unitId}/${year}`, '已保存', deps.config.secret), 303);
    },
  });

  formRoute(app, '/staff/reports/:unitId/:year/:step', {
    guard: (request) => {
      const step = (request.params as { step: string }).step as ReportStep;
      if (!(step in REPORT_STEPS)) throw new NotFoundError('没有这个步骤。');
      return { ...params(request), step };
    },
    schema: z.object({ remarks: field.text(2000) }),
    render: ({ request, reply }, state) =>
      page(request, reply, { errors: state.errors, message: Object.keys(state.errors).length ? undefined : state.message, status: state.status }),
    run: async ({ remarks }, { request, reply, subject: { unitId, year, step } }) => {
      await transitionReport(deps.db, request.actor, deps.clock.now(), { unitId, year, step, remarks });
      return reply.redirect(withNotice(`/staff/reports/${unitId}/${year}`, `已完成：${REPORT_STEPS[step].label}`, deps.config.secret), 303);
    },
  });

  /** The records behind one number of table 三 or 四. */
  app.get('/staff/reports/:unitId/:year/cells/:table/:row/:col', async (request, reply) => {
    const { unitId, year } = params(request);
    const { table, row, col } = request.params as { table: string; row: string; col: string };
    const b = await buildReport(deps.db, unitId, year);
    await mayRead(request, b.unit.path);
    // The records behind a number obey the records' own rights: applicants' names are for those who handle cases.
    authorize(request.actor, 'request.handle', { unitPath: b.unit.path });
    const cell =
      table === 't3'
        ? b.table3[row]?.[col as ApplicantColumn]
        : table === 't4'
          ? (b.table4 as Record<string, Record<string, { value: number; ids: number[] }>>)[row]?.[col]
          : undefined;
    if (!cell) throw new NotFoundError('没有这个数字。');
    const base = `/staff/reports/${unitId}/${year}`;
    let rows: { id: number; label: string; href: string; detail: string }[];
    if (table === 't3') {
      const r = await deps.db.query<{
        id: number;
        case_no: string;
        applicant_name: string;
        state: CaseState;
        outcome: string | null;
        received_on: string | null;
        replied_on: string | null;
      }>('SELECT id::int, case_no, applicant_name, state, outcome, received_on::text, replied_on::text FROM request_cases WHERE id = ANY($1::bigint[]) ORDER BY id', [cell.ids]);
      rows = r.rows.map((c) => ({
        id: c.id,
        label: `${c.case_no} ${c.applicant_name}`,
        href: `/staff/requests/${c.id}`,
        detail: `收到 ${c.received_on ?? '—'}；${c.replied_on ? `${c.replied_on} 答复：${OUTCOME_BY_CODE.get(c.outcome ?? '')?.label ?? ''}` : CASE_STATE_LABELS[c.state]}`,
      }));
    } else {
      const r = await deps.db.query<{ id: number; case_id: number; case_no: string; filed_on: string; result: string }>(
        'SELECT r.id::int, r.case_id::int, c.case_no, r.filed_on::text, r.result FROM case_reviews r JOIN request_cases c ON c.id = r.case_id WHERE r.id = ANY($1::bigint[]) ORDER BY r.id',
        [cell.ids],
      );
      rows = r.rows.map((x) => ({ id: x.id, label: x.case_no, href: `/staff/requests/${x.case_id}`, detail: `${x.filed_on} 提出` }));
    }
    const rowLabel = table === 't3' ? `${TABLE3_ROWS.find((x) => x.key === row)?.label ?? row}·${APPLICANT_COLUMN_LABELS[col as ApplicantColumn] ?? col}` : `${row}·${col}`;
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, CellCasesPage({ ctx, title: `${b.unit.name}${year}年：${rowLabel}（${cell.value}）`, back: base, rows }));
  });
}
