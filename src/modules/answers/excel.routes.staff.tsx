/** Staff routes of the knowledge base's workbook: export of one's units' entries, import of new ones as drafts. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { chinaDate } from '../../lib/clock.ts';
import { AppError, ValidationError } from '../../lib/errors.ts';
import { formRoute, type FormState } from '../../lib/form.ts';
import { sendPage } from '../../lib/render.ts';
import { runUntrusted } from '../../lib/untrusted/sandbox.ts';
import { listUnits } from '../orgs/index.ts';
import { saveEntry } from './commands.ts';
import { entryXlsxRows } from './queries.ts';
import { entriesXlsx, type SheetEntry } from './excel.ts';
import { ImportPage, type ImportRowResult } from './views/importPage.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerAnswerExcelRoutes(app: FastifyInstance) {
  const { deps } = app;
  app.get('/staff/answers/export.xlsx', async (request, reply) => {
    authorize(request.actor, 'answer.edit');
    const rows = await entryXlsxRows(deps.db, grantedPaths(request.actor, ['office_admin', 'publisher', 'message_officer']));
    return reply
      .type(XLSX)
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('常见问题.xlsx')}`)
      .send(await entriesXlsx(rows));
  });
  const page = (request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> & { problems?: { row: number; message: string }[]; results?: ImportRowResult[] } = {}) => {
    authorize(request.actor, 'answer.edit');
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ImportPage({ ctx, errors: state.errors ?? {}, problems: state.problems ?? [], results: state.results }), { status: state.status });
  };
  app.get('/staff/answers/import', (request, reply) => page(request, reply));
  formRoute(app, '/staff/answers/import', {
    files: ['file'],
    schema: z.looseObject({}),
    render: ({ request, reply }, state) => page(request, reply, state),
    run: async (_input, { request, reply, files }) => {
      authorize(request.actor, 'answer.edit');
      const file = files.find((f) => f.field === 'file')?.content;
      if (!file?.length) throw new ValidationError({ file: '请选择 Excel 文件' });
      const { entries, problems } = await runUntrusted<{ entries: SheetEntry[]; problems: { row: number; message: string }[] }>(new URL('./excel.task.ts', import.meta.url), file);
      if (!entries.length) return page(request, reply, { errors: { file: '文件中没有可以导入的问答' }, problems, status: 400 });
      const units = await listUnits(deps.db);
      const mine = units.find((u) => can(request.actor, 'answer.edit', { unitPath: u.path }));
      const now = deps.clock.now();
      const results: ImportRowResult[] = [];
      // Each row is its own draft: one refused row (bad text, a unit beyond the importer) stops nothing.
      for (const e of entries) {
        const unit = e.unit ? units.find((u) => u.slug === e.unit || u.code === e.unit) : mine;
        try {
          if (!unit) throw new ValidationError({ unit: `没有单位“${e.unit}”` }, `没有单位“${e.unit}”`);
          const id = await saveEntry(deps.db, request.actor, { now, today: chinaDate(now) }, { ...e, unitId: unit.id, handoverUnitId: null, handoverDays: null, topic: '' });
          results.push({ row: e.row, question: e.question, id, error: null });
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          results.push({ row: e.row, question: e.question, id: null, error: Object.values(err.fields).join('；') || err.message });
        }
      }
      return page(request, reply, { problems, results });
    },
  });
}
