/** The office's search screens: what citizens search for, what finds nothing, and the synonym list. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../lib/authz.ts';
import { z } from 'zod';
import { field, formRoute } from '../../lib/form.ts';
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

  const guard = (request: FastifyRequest) => authorize(request.actor, 'search.manage');

  formRoute(app, '/staff/search/flags', {
    guard,
    schema: z.object({ query: field.required('没有指定搜索词', 200), hidden: field.checkbox(), back: field.text(10) }),
    render: ({ request, reply }, state) => reportPage(request, reply, { zero: state.values.back === 'zero', days: 30, notice: state.message }),
    run: async (input, { request, reply }) => {
      await setQueryHidden(deps.db, request.actor, deps.clock.now(), input.query, input.hidden);
      app.popularSearches.clear();
      return reportPage(request, reply, {
        zero: input.back === 'zero',
        days: 30,
        notice: input.hidden ? `“${input.query}”不再显示在“大家都在搜”中。` : `“${input.query}”恢复显示。`,
      });
    },
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

  formRoute(app, '/staff/search/synonyms', {
    guard,
    schema: z.object({ term: field.text(100), synonyms: field.text(2000), replacing: field.text(100) }),
    render: ({ request, reply }, state) =>
      synonymsPage(request, reply, {
        errors: state.errors,
        values: { term: state.values.term ?? '', synonyms: state.values.synonyms ?? '' },
        editing: state.values.replacing || undefined,
        status: state.status,
      }),
    run: async (input, { request, reply }) => {
      const saved = await saveSynonym(deps.db, request.actor, deps.clock.now(), input);
      return synonymsPage(request, reply, { notice: `已保存：${saved.term} → ${saved.synonyms.join('、')}` });
    },
  });

  formRoute(app, '/staff/search/synonyms/remove', {
    guard,
    schema: z.object({ term: field.required('没有指定要删除的词', 100) }),
    render: ({ request, reply }, state) => synonymsPage(request, reply, { errors: state.errors, status: state.status }),
    run: async (input, { request, reply }) => {
      await removeSynonym(deps.db, request.actor, deps.clock.now(), input.term);
      return synonymsPage(request, reply, { notice: `已删除：${input.term}` });
    },
  });
}
