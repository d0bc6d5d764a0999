/** The staff dashboard (工作台): the person's queues with counts, then every screen they may open. */
import type { FastifyInstance } from 'fastify';
import { authorize } from '../../lib/authz.ts';
import { sendPage } from '../../lib/render.ts';
import { chinaDate } from '../../lib/clock.ts';
import { readNotice } from '../../lib/notice.ts';
import { queuesFor } from './queues.ts';
import { Queues, StaffHome } from './views.tsx';

export function registerWorkbenchRoutes(app: FastifyInstance) {
  const { deps } = app;
  app.get('/staff', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const queues = await queuesFor(deps.db, request.actor, chinaDate(deps.clock.now()), await deps.calendar.get());
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, StaffHome({ ctx, queues: Queues({ queues }), notice: readNotice(request.query, deps.config.secret) }));
  });
}
