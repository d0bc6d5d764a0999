/** Staff routes of the 12345 Excel import: the page, the template, and the upload (parsed in the sandbox). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../../lib/authz.ts';
import { formRoute, type FormState } from '../../lib/form.ts';
import { sendPage } from '../../lib/render.ts';
import { runUntrusted } from '../../lib/untrusted/sandbox.ts';
import { ValidationError } from '../../lib/errors.ts';
import { fileWorkOrders, type WorkOrder } from './commands/workOrders.ts';
import { messageContext } from './context.ts';
import { workOrderTemplateXlsx, type SheetProblem } from './workOrderExcel.ts';
import { ImportPage } from './views/importPage.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerMessageImportRoutes(app: FastifyInstance) {
  const { deps } = app;
  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: Partial<FormState> & { problems?: SheetProblem[]; results?: Parameters<typeof ImportPage>[0]['results'] } = {},
  ) => {
    authorize(request.actor, 'message.handle');
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ImportPage({ ctx, errors: state.errors ?? {}, message: state.message, problems: state.problems ?? [], results: state.results }), {
      status: state.status,
    });
  };
  app.get('/staff/messages/import', (request, reply) => page(request, reply));
  app.get('/staff/messages/import/template.xlsx', async (request, reply) => {
    authorize(request.actor, 'message.handle');
    return reply
      .type(XLSX)
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('12345工单导入模板.xlsx')}`)
      .send(await workOrderTemplateXlsx());
  });
  formRoute(app, '/staff/messages/import', {
    files: ['file'],
    schema: z.looseObject({}),
    render: ({ request, reply }, state) => page(request, reply, state),
    run: async (_input, { request, reply, files }) => {
      authorize(request.actor, 'message.handle');
      const file = files.find((f) => f.field === 'file')?.content;
      if (!file?.length) throw new ValidationError({ file: '请选择 Excel 文件' });
      // A workbook from outside is read in the sandbox: a hostile file can neither stall nor kill this node.
      const { orders, problems } = await runUntrusted<{ orders: (WorkOrder & { row: number })[]; problems: SheetProblem[] }>(
        new URL('./workOrderExcel.task.ts', import.meta.url),
        file,
      );
      if (!orders.length) return page(request, reply, { errors: { file: '文件中没有可以登记的工单' }, problems, status: 400 });
      const results = await fileWorkOrders(deps.db, request.actor, await messageContext(deps), orders);
      return page(request, reply, { problems, results: results.map((r) => ({ ...r, row: orders[r.index].row })) });
    },
  });
}
