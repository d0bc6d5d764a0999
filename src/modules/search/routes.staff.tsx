/** The office's search screens: what citizens search for, what finds nothing, and the synonym list. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../lib/authz.ts';
import { isFormError } from '../../lib/errors.ts';
import { sendPage } from '../../lib/render.ts';
import { formString } from '../../lib/validation.ts';
import { queryReport } from './queryLog.ts';
import { QueryReportPage, SynonymsPage } from './views.staff.tsx';
import { saveSynonym } from './commands/saveSynonym.ts';
import { removeSynonym } from './commands/removeSynonym.ts';
import { setQueryHidden } from './commands/setQueryHidden.ts';
import type { SynonymEntry } from './synonyms.ts';

const PERIODS = [7, 30, 90, 365];

export function registerSearchStaffRoutes(app: FastifyInstance) {
  const { deps } = app;

  async function reportPage(request: FastifyRequest, reply: FastifyReply, opts: { zero: boolean; days: number; notice?: string }) {
    const since = new Date(deps.clock.now().getTime() - opts.days * 86400_000);
    const rows = await queryReport(deps.db, { since, zeroOnly: opts.zero, limit: 200 });
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, QueryReportPage({ ctx, rows, zero: opts.zero, days: opts.days, minSearches: deps.config.popularMinSearches, notice: opts.notice }));
  }

  app.get('/staff/search', async (request, reply) => {
    authorize(request.actor, 'search.manage');
    const q = request.query as Record<string, unknown>;
    const days = PERIODS.includes(Number(q.days)) ? Number(q.days) : 30;
    return reportPage(request, reply, { zero: q.zero === '1', days });
  });

  app.post('/staff/search/flags', async (request, reply) => {
    authorize(request.actor, 'search.manage');
    const b = request.body as Record<string, unknown>;
    const query = formString(b.query);
    const hidden = formString(b.hidden) === '1';
    await setQueryHidden(deps.db, request.actor, deps.clock.now(), query, hidden);
    app.popularSearches.clear();
    return reportPage(request, reply, { zero: formString(b.back) === 'zero', days: 30, notice: hidden ? `“${query}”不再显示在“大家都在搜”中。` : `“${query}”恢复显示。` });
  });

  async function synonymsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: Record<string, string>; values?: Record<string, string>; editing?: string; notice?: string; status?: number } = {},
  ) {
    const rows = (
      await deps.db.query<SynonymEntry & { updated_at: string }>(
        `SELECT term, synonyms, to_char(updated_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS updated_at FROM search_synonyms ORDER BY term`,
      )
    ).rows;
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, SynonymsPage({ ctx, rows, errors: extra.errors ?? {}, values: extra.values, editing: extra.editing, notice: extra.notice }), {
      status: extra.status,
    });
  }

  app.get('/staff/search/synonyms', async (request, reply) => {
    authorize(request.actor, 'search.manage');
    const edit = formString((request.query as Record<string, unknown>).edit);
    if (edit) {
      const row = (await deps.db.query<SynonymEntry>('SELECT term, synonyms FROM search_synonyms WHERE term = $1', [edit])).rows[0];
      if (row) return synonymsPage(request, reply, { editing: row.term, values: { term: row.term, synonyms: row.synonyms.join('、') } });
    }
    return synonymsPage(request, reply);
  });

  app.post('/staff/search/synonyms', async (request, reply) => {
    authorize(request.actor, 'search.manage');
    const b = request.body as Record<string, unknown>;
    try {
      const saved = await saveSynonym(deps.db, request.actor, deps.clock.now(), b);
      return synonymsPage(request, reply, { notice: `已保存：${saved.term} → ${saved.synonyms.join('、')}` });
    } catch (err) {
      if (!isFormError(err)) throw err;
      const replacing = formString(b.replacing);
      return synonymsPage(request, reply, {
        errors: err.fields,
        values: { term: formString(b.term), synonyms: formString(b.synonyms) },
        editing: replacing || undefined,
        status: err.status,
      });
    }
  });

  app.post('/staff/search/synonyms/remove', async (request, reply) => {
    authorize(request.actor, 'search.manage');
    const term = formString((request.body as Record<string, unknown>).term);
    await removeSynonym(deps.db, request.actor, deps.clock.now(), term);
    return synonymsPage(request, reply, { notice: `已删除：${term}` });
  });
}
