/** Staff routes of 规范性文件清理: the campaigns, one campaign, one document's decision and 备案审查, publication. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { idParam } from '../../lib/validation.ts';
import { listUnits } from '../orgs/index.ts';
import { decide, publishCampaign, recordFiling, startCampaign } from './commands.ts';
import { campaignDecisions, campaignEvents, campaignsOf, getCampaign, type CampaignRow } from './queries.ts';
import { CampaignPage, CampaignsPage, DocumentPage } from './views/staffPages.tsx';

export function registerNormativeStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  const notice = (request: FastifyRequest) => readNotice(request.query, deps.config.secret);

  async function listPage(request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}) {
    authorize(request.actor, 'cleanup.edit');
    const units = (await listUnits(deps.db)).filter((u) => can(request.actor, 'cleanup.edit', { unitPath: u.path }));
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      CampaignsPage({
        ctx,
        rows: await campaignsOf(deps.db, grantedPaths(request.actor, ['office_admin', 'publisher'])),
        units: units.map((u) => ({ id: u.id, name: u.name })),
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.message,
      }),
      { status: state.status },
    );
  }

  async function campaignOf(request: FastifyRequest): Promise<CampaignRow> {
    const c = await getCampaign(deps.db, idParam(request.params, '没有这次清理。'));
    if (!c) throw new NotFoundError('没有这次清理。');
    authorize(request.actor, 'cleanup.edit', { unitPath: c.unit_path });
    return c;
  }

  async function campaignPage(request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}) {
    const c = await campaignOf(request);
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      CampaignPage({
        ctx,
        c,
        rows: await campaignDecisions(deps.db, c.id),
        events: await campaignEvents(deps.db, c.id),
        mayPublish: can(request.actor, 'cleanup.publish', { unitPath: c.unit_path }),
        resultHref: c.result_item_id ? `/xxgk/${c.unit_slug}/items/${c.result_item_id}` : undefined,
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.message,
        notice: notice(request),
      }),
      { status: state.status },
    );
  }

  async function documentPage(request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}) {
    const c = await campaignOf(request);
    const itemId = Number((request.params as { itemId: string }).itemId);
    const r = (await campaignDecisions(deps.db, c.id)).find((d) => d.item_id === itemId);
    if (!r) throw new NotFoundError('这次清理中没有这份文件。');
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      DocumentPage({
        ctx,
        c,
        r,
        mayEdit: can(request.actor, 'cleanup.edit', { unitPath: c.unit_path }),
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.message,
        notice: notice(request),
      }),
      { status: state.status },
    );
  }

  app.get('/staff/cleanups', (request, reply) => listPage(request, reply));
  formRoute(app, '/staff/cleanups', {
    schema: z.object({ unitId: field.int('请选择单位'), title: field.text(300), basis: field.text(2000) }),
    render: ({ request, reply }, state) => listPage(request, reply, state),
    run: async (input, { request, reply }) => {
      const id = await startCampaign(deps.db, request.actor, deps.clock.now(), input);
      return reply.redirect(withNotice(`/staff/cleanups/${id}`, '已列出本单位现行有效的规章和规范性文件，请逐件填写清理结果。', deps.config.secret), 303);
    },
  });
  app.get('/staff/cleanups/:id', (request, reply) => campaignPage(request, reply));
  formRoute(app, '/staff/cleanups/:id/publish', {
    schema: z.object({}),
    render: ({ request, reply }, state) => campaignPage(request, reply, state),
    run: async (_input, { request, reply }) => {
      const c = await campaignOf(request);
      await publishCampaign(deps.db, request.actor, deps.clock.now(), c.id);
      return reply.redirect(withNotice(`/staff/cleanups/${c.id}`, '清理结果已公布，文件的有效性已更新。', deps.config.secret), 303);
    },
  });
  app.get('/staff/cleanups/:id/items/:itemId', (request, reply) => documentPage(request, reply));
  const back = (reply: FastifyReply, c: CampaignRow, itemId: number, text: string) =>
    reply.redirect(withNotice(`/staff/cleanups/${c.id}/items/${itemId}`, text, deps.config.secret), 303);
  formRoute(app, '/staff/cleanups/:id/items/:itemId', {
    schema: z.object({ decision: field.text(20), followUpIndexNo: field.text(60), reason: field.text(600) }),
    render: ({ request, reply }, state) => documentPage(request, reply, state),
    run: async (input, { request, reply }) => {
      const c = await campaignOf(request);
      const itemId = Number((request.params as { itemId: string }).itemId);
      await decide(deps.db, request.actor, deps.clock.now(), c.id, itemId, input);
      return back(reply, c, itemId, '已保存清理结果。');
    },
  });
  formRoute(app, '/staff/cleanups/:id/items/:itemId/filing', {
    schema: z.object({ filedOn: field.text(10), filedWith: field.text(200), conclusion: field.text(20), note: field.text(600) }),
    render: ({ request, reply }, state) => documentPage(request, reply, state),
    run: async (input, { request, reply }) => {
      const c = await campaignOf(request);
      const itemId = Number((request.params as { itemId: string }).itemId);
      if (!(await campaignDecisions(deps.db, c.id)).some((d) => d.item_id === itemId)) throw new NotFoundError('这次清理中没有这份文件。');
      await recordFiling(deps.db, request.actor, deps.clock.now(), itemId, input);
      return back(reply, c, itemId, '已保存备案审查情况。');
    },
  });
}
