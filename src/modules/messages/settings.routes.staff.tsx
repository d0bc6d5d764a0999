/** Staff routes of the messages settings page: every form through formRoute, each change back to the page. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can } from '../../lib/authz.ts';
import { inTx } from '../../lib/db.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { idParam } from '../../lib/validation.ts';
import { listUnits } from '../orgs/index.ts';
import { addMailbox, closeMailbox, retireTemplate, saveTemplate, setClock, setDispatch, setReplyReview } from './commands/settings.ts';
import { mailboxes, replyTemplates } from './queries.ts';
import { SettingsPage } from './views/settingsPage.tsx';

const PATH = '/staff/messages/settings';

export function registerMessageSettingsRoutes(app: FastifyInstance) {
  const { deps } = app;
  const back = (reply: FastifyReply, notice: string) => reply.redirect(withNotice(PATH, notice, deps.config.secret), 303);

  async function page(request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> = {}) {
    const actor = request.actor;
    authorize(actor, 'staff.enter');
    const units = await listUnits(deps.db);
    const officeUnits = units.filter((u) => can(actor, 'message.dispatch', { unitPath: u.path }));
    const handleUnits = units.filter((u) => can(actor, 'message.handle', { unitPath: u.path }));
    if (!handleUnits.length) authorize(actor, 'message.handle', { unitPath: units[0]?.path ?? '/' });
    const root = units.find((u) => u.parent_id === null);
    const office = new Set(officeUnits.map((u) => u.id));
    const handle = new Set(handleUnits.map((u) => u.id));
    const name = new Map(units.map((u) => [u.id, u.name]));
    const clocks = await deps.db.query<{ unit_id: number; type: string; channel: string; working_days: number }>(
      'SELECT unit_id, type, channel, working_days FROM message_clock_settings ORDER BY unit_id, type, channel',
    );
    const reviewing = await deps.db.query<{ unit_id: number }>('SELECT unit_id FROM message_unit_settings WHERE reply_review');
    const dispatch = await deps.db.query<{ category: string; area: string; unit_id: number }>('SELECT category, area, unit_id FROM message_dispatch ORDER BY category, area');
    const templates = (await Promise.all(handleUnits.map((u) => replyTemplates(deps.db, u.id)))).flat();
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      SettingsPage({
        ctx,
        officeUnits: officeUnits.map((u) => ({ id: u.id, name: u.name })),
        handleUnits: handleUnits.map((u) => ({ id: u.id, name: u.name })),
        allUnits: units.map((u) => ({ id: u.id, name: u.name })),
        mayDispatch: !!root && can(actor, 'message.dispatch', { unitPath: root.path }),
        mailboxes: (await mailboxes(deps.db, false)).filter((b) => office.has(b.unit_id)),
        dispatch: dispatch.rows.map((d) => ({ ...d, unit_name: name.get(d.unit_id) ?? '' })),
        clocks: clocks.rows.filter((c) => office.has(c.unit_id)).map((c) => ({ ...c, unit_name: name.get(c.unit_id) ?? '' })),
        reviewing: new Set(reviewing.rows.map((r) => r.unit_id)),
        templates: templates.filter((t) => handle.has(t.unit_id)).map((t) => ({ ...t, unit_name: name.get(t.unit_id) ?? '' })),
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.errors && Object.keys(state.errors).length ? undefined : state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  }
  app.get(PATH, (request, reply) => page(request, reply));
  const render = ({ request, reply }: { request: FastifyRequest; reply: FastifyReply }, state: FormState) => page(request, reply, state);
  const now = () => deps.clock.now();

  formRoute(app, `${PATH}/mailboxes`, {
    schema: z.object({ unitId: field.int('请选择单位'), kind: field.text(10), name: field.text(60) }),
    render,
    run: async (input, { request, reply }) => {
      await addMailbox(deps.db, request.actor, now(), input);
      return back(reply, '已添加信箱。');
    },
  });
  formRoute(app, `${PATH}/mailboxes/:id/close`, {
    guard: (request) => idParam(request.params, '没有这个信箱。'),
    schema: z.object({}),
    render,
    run: async (_input, { request, reply, subject }) => {
      await closeMailbox(deps.db, request.actor, subject);
      return back(reply, '信箱已关闭。');
    },
  });
  formRoute(app, `${PATH}/dispatch`, {
    schema: z.object({ category: field.text(20), area: field.text(100), dispatchUnitId: field.int('请选择承办单位') }),
    render,
    run: async (input, { request, reply }) => {
      await setDispatch(deps.db, request.actor, now(), { category: input.category, area: input.area, unitId: input.dispatchUnitId || null });
      return back(reply, input.dispatchUnitId ? '已保存派单目录。' : '已删除该条派单目录。');
    },
  });
  formRoute(app, `${PATH}/clock`, {
    schema: z.object({ unitId: field.int('请选择单位'), type: field.text(20), channel: field.text(20), workingDays: field.int('答复期限为1到90个工作日', -1) }),
    render,
    run: async (input, { request, reply }) => {
      await setClock(deps.db, request.actor, { unitId: input.unitId, type: input.type, channel: input.channel, workingDays: input.workingDays === -1 ? null : input.workingDays });
      return back(reply, '已保存答复期限，以后收到的留言按此计算。');
    },
  });
  formRoute(app, `${PATH}/review`, {
    schema: z.object({ reviewUnits: field.list(500) }),
    render,
    run: async (input, { request, reply }) => {
      const ticked = new Set(input.reviewUnits.map(Number));
      const before = new Set((await deps.db.query<{ unit_id: number }>('SELECT unit_id FROM message_unit_settings WHERE reply_review')).rows.map((r) => r.unit_id));
      // Only the units this office keeps, and only those that change; all in one transaction.
      await inTx(deps.db, async (tx) => {
        for (const u of await listUnits(tx)) {
          if (!can(request.actor, 'message.dispatch', { unitPath: u.path }) || ticked.has(u.id) === before.has(u.id)) continue;
          await setReplyReview(tx, request.actor, now(), u.id, ticked.has(u.id));
        }
      });
      return back(reply, '已保存答复审核设置。');
    },
  });
  formRoute(app, `${PATH}/templates`, {
    schema: z.object({ unitId: field.int('请选择单位'), category: field.text(20), name: field.text(60), body: field.text(5000) }),
    render,
    run: async (input, { request, reply }) => {
      await saveTemplate(deps.db, request.actor, now(), input);
      return back(reply, '已添加答复模板。');
    },
  });
  formRoute(app, `${PATH}/templates/:id/retire`, {
    guard: (request) => idParam(request.params, '没有这个模板。'),
    schema: z.object({}),
    render,
    run: async (_input, { request, reply, subject }) => {
      await retireTemplate(deps.db, request.actor, now(), subject);
      return back(reply, '模板已停用。');
    },
  });
}
