/** 工作台 › 审计日志: the office reads who did what, filters it, exports it, and sees whether the chain is whole. */
import type { FastifyInstance } from 'fastify';
import { authorize, grantedPaths, type Actor } from '../../lib/authz.ts';
import { sendPage } from '../../lib/render.ts';
import { formString } from '../../lib/validation.ts';
import { ValidationError } from '../../lib/errors.ts';
import { verifyAuditChain } from '../../lib/auditChain.ts';
import { contentDisposition } from '../../lib/download.ts';
import { csvDocument } from '../../lib/csv.ts';
import { listAudit, type AuditFilter } from './queries.ts';
import { AuditPage } from './views.tsx';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar date (2026-02-30 is not), in the form the date inputs send. */
const isDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

function readFilter(query: unknown): AuditFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const f: AuditFilter = {
    q: formString(q.q).trim().slice(0, 100) || undefined,
    action: formString(q.action).trim().slice(0, 60) || undefined,
    from: formString(q.from).trim() || undefined,
    to: formString(q.to).trim() || undefined,
  };
  const errors: Record<string, string> = {};
  const valid = (d: string) => {
    try {
      return isDate(d);
    } catch {
      return false;
    }
  };
  if (f.from && !valid(f.from)) errors.from = '请填写有效的日期，如 2026-03-01';
  if (f.to && !valid(f.to)) errors.to = '请填写有效的日期，如 2026-03-31';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return f;
}

export function registerAuditRoutes(app: FastifyInstance) {
  const { deps } = app;

  /** The units whose entries the reader sees: those they administer; entries with no unit for the top unit's. */
  function scope(actor: Actor) {
    const paths = grantedPaths(actor, ['system_admin', 'office_admin']);
    // Refused with 401 or 403 unless the actor administers some unit.
    if (!paths.length) authorize(actor, 'audit.read', { unitPath: '/' });
    return { paths, cityWide: paths.some((p) => p.split('/').filter(Boolean).length === 1) };
  }

  app.get('/staff/audit', async (request, reply) => {
    const { paths, cityWide } = scope(request.actor);
    const page = Math.max(1, Math.min(10_000, Number((request.query as Record<string, string>).page) || 1));
    const ctx = app.viewContext(request, reply);
    let filter: AuditFilter = {};
    let errors: Record<string, string> = {};
    try {
      filter = readFilter(request.query);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors = err.fields;
    }
    const { rows, total } = await listAudit(deps.db, paths, cityWide, filter, 100, (page - 1) * 100);
    const chain = cityWide ? await verifyAuditChain(deps.db) : undefined;
    return sendPage(request, reply, ctx, AuditPage({ ctx, rows, total, page, filter, errors, chain }), { status: Object.keys(errors).length ? 400 : 200 });
  });

  app.get('/staff/audit.csv', async (request, reply) => {
    const { paths, cityWide } = scope(request.actor);
    const { rows } = await listAudit(deps.db, paths, cityWide, readFilter(request.query), 50_000, 0);
    const body = csvDocument([
      ['序号', '时间', '操作人', '操作', '对象', '对象编号', '单位', 'IP', '详情'],
      ...rows.map((r) => [r.seq ?? '', r.at.toISOString(), r.actor_label, r.action, r.subject_type, r.subject_id, r.unit_name ?? '', r.ip, JSON.stringify(r.details)]),
    ]);
    return reply.type('text/csv; charset=utf-8').header('Content-Disposition', contentDisposition('审计日志.csv')).header('Cache-Control', 'no-store').send(body);
  });
}
