/** The officer's screens: case lists, registration, the case page with its steps, letters, and the register export. */
import type { Db, Queryable } from '../../lib/db.ts';
import { releasedFiles } from './released.ts';
import { messagesAbout } from '../notifications/index.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.ts';
import { field, formRoute } from '../../lib/form.ts';
import { correctLetter } from './commands/correctLetter.ts';
import { DUE_STATES } from './states.ts';
import { CSRF_FIELD } from '../../lib/csrf.ts';
import { sendPage } from '../../lib/render.ts';
import { formString } from '../../lib/validation.ts';
import { asTree, listUnits } from '../orgs/index.ts';
import { caseClock, caseContext, caseEvents, getCase } from './caseStore.ts';
import { caseLetters } from './letters.ts';
import { sendLetterDocx } from './letterDocx.ts';
import { sendLetterPdf } from './letterPdf.ts';
import { activeReminders, applicantHistory, CASE_VIEWS, listCases, officersFor, unitRequestTexts, type CaseView } from './queries.ts';
import { historyHints, sameInformationCount } from './history.ts';
import { CaseListPage, RegisterPage } from './views/staffList.tsx';
import { CasePage } from './views/casePage.tsx';
import { TemplatesPage } from './views/templatesPage.tsx';
import { contentDisposition } from '../../lib/download.ts';
import { caseFile, caseFiles } from './files.ts';
import { saveTemplate } from './commands/saveTemplate.ts';
import { LetterPage } from './views/letterPage.tsx';
import { applicationFromBody } from './views/applicationFields.tsx';
import { registerApplication } from './commands/registerApplication.ts';
import { STEP_HANDLERS } from './stepHandlers.ts';
import { approvalView, replyNeedsApproval, setReplyApproval } from './commands/replyApproval.ts';
import { registerCsv, registerXlsx } from './registerExport.ts';

const caseId = (request: FastifyRequest) => {
  const id = Number((request.params as { id: string }).id);
  if (!Number.isInteger(id) || id <= 0) throw new NotFoundError('没有找到这个申请。');
  return id;
};

export function registerRequestStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  const units = async () => asTree(await listUnits(deps.db)).map((u) => ({ id: u.id, name: u.name, depth: u.depth }));

  async function list(request: FastifyRequest) {
    authorize(request.actor, 'staff.enter');
    const q = request.query as Record<string, unknown>;
    const view = (typeof q.view === 'string' && q.view in CASE_VIEWS ? q.view : 'open') as CaseView;
    const search = typeof q.q === 'string' ? q.q.trim().slice(0, 100) : '';
    const sort: 'due' | 'received' = q.sort === 'received' ? 'received' : 'due';
    const cctx = await caseContext(deps);
    const paths = grantedPaths(request.actor, ['request_officer', 'office_admin']);
    const userId = request.actor.kind === 'user' ? request.actor.id : null;
    const rows = await listCases(deps.db, {
      paths,
      view,
      userId,
      q: search,
      sort,
      today: cctx.today,
      calendar: cctx.calendar,
      limit: view === 'all' || view === 'closed' ? 5000 : 500,
    });
    const daysLeft = new Map<number, number>();
    for (const r of rows) {
      if (!r.due_on || !DUE_STATES.includes(r.state as (typeof DUE_STATES)[number])) continue;
      daysLeft.set(r.id, r.due_on >= cctx.today ? cctx.calendar.workingDaysBetween(cctx.today, r.due_on).days : -cctx.calendar.workingDaysBetween(r.due_on, cctx.today).days);
    }
    return { view, cctx, rows, search, sort, daysLeft };
  }

  app.get('/staff/requests', async (request, reply) => {
    const { view, cctx, rows, search, sort, daysLeft } = await list(request);
    const reminders = await activeReminders(deps.db, grantedPaths(request.actor, ['request_officer', 'office_admin']), new Date(cctx.now.getTime() - 14 * 86400_000));
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      CaseListPage({ ctx, view, rows, today: cctx.today, reminders, canTemplates: grantedPaths(request.actor, ['office_admin']).length > 0, q: search, sort, daysLeft }),
    );
  });

  app.get('/staff/requests.csv', async (request, reply) => {
    const { rows } = await list(request);
    return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="requests.csv"`).header('Cache-Control', 'no-store').send(registerCsv(rows));
  });

  app.get('/staff/requests.xlsx', async (request, reply) => {
    const { rows, view, cctx } = await list(request);
    const buf = await registerXlsx(rows, `政府信息公开申请登记簿（${CASE_VIEWS[view]}，${cctx.today} 导出）`);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', contentDisposition('依申请公开登记簿.xlsx'))
      .header('Cache-Control', 'no-store')
      .send(buf);
  });

  async function templatesPage(
    request: FastifyRequest,
    reply: FastifyReply,
    unitId: number,
    extra: { errors?: Record<string, string>; values?: Record<string, string>; notice?: string; status?: number } = {},
  ) {
    const paths = grantedPaths(request.actor, ['office_admin']);
    const mine = (await listUnits(deps.db)).filter((u) => paths.some((p) => u.path.startsWith(p)));
    if (!mine.length) authorize(request.actor, 'request.templates', { unitPath: '/' });
    const unit = mine.find((u) => u.id === unitId) ?? mine[0];
    const own = new Map(
      (await deps.db.query<{ kind: string; paragraphs: string[] }>('SELECT kind, paragraphs FROM letter_templates WHERE unit_id = $1', [unit.id])).rows.map((r) => [
        r.kind,
        r.paragraphs,
      ]),
    );
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      TemplatesPage({
        ctx,
        units: mine.map((u) => ({ id: u.id, name: u.name })),
        unitId: unit.id,
        own,
        errors: extra.errors ?? {},
        values: extra.values ?? {},
        notice: extra.notice,
        replyApproval: await replyNeedsApproval(deps.db, unit.id),
      }),
      { status: extra.status },
    );
  }

  app.get('/staff/requests/templates', async (request, reply) => templatesPage(request, reply, Number((request.query as Record<string, unknown>).unit) || 0));

  // The page has one text box per letter kind (text-KIND); the kind being saved says which one is read.
  formRoute(app, '/staff/requests/templates', {
    schema: z.record(z.string(), z.unknown()).transform((b) => {
      const kind = formString(b.kind);
      return { unitId: Number(formString(b.unit)) || 0, kind, text: formString(b[`text-${kind}`]).slice(0, 20_000) };
    }),
    render: ({ request, reply, values }, state) =>
      templatesPage(request, reply, Number(values.unit) || 0, {
        errors: state.errors,
        values: { [`text-${values.kind}`]: values[`text-${values.kind}`] ?? '' },
        status: state.status,
      }),
    run: async (input, { request, reply }) => {
      const r = await saveTemplate(deps.db, request.actor, deps.clock.now(), input);
      return templatesPage(request, reply, input.unitId, { notice: r.paragraphs.length ? '模板已保存，之后生成的文书使用新模板；已生成的文书不变。' : '已清除本单位模板。' });
    },
  });

  formRoute(app, '/staff/requests/settings', {
    schema: z.object({ unit: field.int(), replyApproval: field.checkbox() }),
    render: ({ request, reply, values }, state) => templatesPage(request, reply, Number(values.unit) || 0, { errors: state.errors, status: state.status }),
    run: async (input, { request, reply }) => {
      await setReplyApproval(deps.db, request.actor, deps.clock.now(), { unitId: input.unit, on: input.replyApproval });
      return templatesPage(request, reply, input.unit, { notice: input.replyApproval ? '已开启：答复告知书须经负责人批准后出具。' : '已关闭答复审批：承办人直接出具答复告知书。' });
    },
  });

  app.get('/staff/requests/new', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const cctx = await caseContext(deps);
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, RegisterPage({ ctx, values: {}, errors: {}, units: await units(), today: cctx.today }));
  });

  formRoute(app, '/staff/requests/new', {
    guard: (request) => authorize(request.actor, 'staff.enter'),
    files: ['identityFiles'],
    schema: z.record(z.string(), z.unknown()),
    render: async ({ request, reply, values: typed }, state) => {
      const values = { ...applicationFromBody(typed).values, channel: typed.channel ?? '', arrivedOn: typed.arrivedOn ?? '', confirmedOn: typed.confirmedOn ?? '' };
      const ctx = app.viewContext(request, reply);
      const cctx = await caseContext(deps);
      return sendPage(request, reply, ctx, RegisterPage({ ctx, values, errors: state.errors, units: await units(), today: cctx.today }), { status: state.status });
    },
    run: async (body, { request, reply, files }) => {
      const { values, application } = applicationFromBody(body);
      const registration = { channel: formString(body.channel) || undefined, arrivedOn: formString(body.arrivedOn) || undefined, confirmedOn: formString(body.confirmedOn) };
      const r = await registerApplication(deps.db, await caseContext(deps), request.actor, { unitId: Number(values.unit) || 0, application, registration, files });
      return reply.redirect(withNotice(`/staff/requests/${r.id}`, `已登记，申请编号 ${r.caseNo}，查询码 ${r.queryCode}（请告知申请人）`, deps.config.secret), 303);
    },
  });

  async function casePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: {
      failed?: { action: string; values: Record<string, string>; errors: Record<string, string>; message?: string };
      preview?: { action: string; letter: { title: string; paragraphs: string[] } };
      status?: number;
      notice?: string;
    } = {},
  ) {
    const c = await getCase(deps.db, id);
    authorize(request.actor, 'request.handle', { unitPath: c.unit_path });
    const cctx = await caseContext(deps);
    const events = await caseEvents(deps.db, id);
    const ctx = app.viewContext(request, reply);
    const notice = extra.notice ?? readNotice(request.query, deps.config.secret);
    return sendPage(
      request,
      reply,
      ctx,
      CasePage({
        ctx,
        c,
        clock: caseClock(events, cctx),
        events,
        letters: await caseLetters(deps.db, id),
        officers: await officersFor(deps.db, c.unit_path),
        units: await units(),
        hints: historyHints(c, await applicantHistory(deps.db, c), cctx.today),
        sameCount: sameInformationCount(c, await unitRequestTexts(deps.db, c.unit_id)),
        canExtend: can(request.actor, 'request.approve_extension', { unitPath: c.unit_path }),
        today: cctx.today,
        failed: extra.failed,
        preview: extra.preview,
        notice,
        files: await caseFiles(deps.db, id),
        released: await releasedFiles(deps.db, id, { withPending: true }),
        deliveries: await messagesAbout(deps.db, 'request_case', id),
        approval: await approvalView(deps.db, request.actor, c, cctx.today),
      }),
      { status: extra.status },
    );
  }

  app.get('/staff/requests/:id', async (request, reply) => casePage(request, reply, caseId(request)));

  // Each step has its own fields, read and checked by its handler (stepHandlers.ts); the route passes them as strings.
  formRoute(app, '/staff/requests/:id/:action', {
    guard: (request) => {
      const action = (request.params as { action: string }).action;
      const handler = STEP_HANDLERS[action];
      if (!handler) throw new NotFoundError('没有这个办理步骤。');
      return { id: caseId(request), action, handler };
    },
    // The reply and the delivery may carry the released information as files (multipart).
    files: ['released'],
    schema: z.record(z.string(), z.unknown()).transform((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, formString(v).slice(0, 3000)]))),
    render: ({ request, reply, subject: { id, action }, values }, state) =>
      casePage(request, reply, id, {
        failed: { action, values, errors: state.errors, message: Object.keys(state.errors).length ? undefined : state.message },
        status: state.status,
      }),
    run: async (values, { request, reply, files, subject: { id, action, handler } }) => {
      delete values[CSRF_FIELD];
      if (values.preview === '1') {
        // The step runs for real inside a transaction that is then rolled back: the letter shown is exactly the one
        // the step would issue, and nothing (case, letter, number, message) is kept.
        const cctx = await caseContext(deps);
        const letter = await dryRun(deps.db, (tx) => handler(tx, cctx, request.actor, id, values, files));
        const shown = letter ?? { title: '此步骤不生成文书', paragraphs: [] };
        return casePage(request, reply, id, { failed: { action, values, errors: {} }, preview: { action, letter: shown } });
      }
      await handler(deps.db, await caseContext(deps), request.actor, id, values, files);
      return reply.redirect(withNotice(`/staff/requests/${id}`, `已完成：${handler.label}`, deps.config.secret), 303);
    },
  });

  app.get('/staff/requests/:id/files/:fileId', async (request, reply) => {
    const id = caseId(request);
    const c = await getCase(deps.db, id);
    authorize(request.actor, 'request.handle', { unitPath: c.unit_path });
    const f = await caseFile(deps.db, id, Number((request.params as { fileId: string }).fileId) || 0);
    if (!f) throw new NotFoundError('没有找到这个文件。');
    return reply
      .header('Content-Type', f.mime)
      .header('Content-Disposition', contentDisposition(f.filename))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .send(Buffer.from(f.content));
  });

  async function letterPage(
    request: FastifyRequest,
    reply: FastifyReply,
    file: string,
    correct?: { values: Record<string, string>; errors: Record<string, string>; message?: string; status?: number },
  ) {
    const id = caseId(request);
    const c = await getCase(deps.db, id);
    authorize(request.actor, 'request.handle', { unitPath: c.unit_path });
    const m = /^(\d+)(?:\.(docx|pdf))?$/.exec(file);
    const letter = m ? (await caseLetters(deps.db, id)).find((l) => l.id === Number(m[1])) : undefined;
    if (!m || !letter) throw new NotFoundError('没有找到这份文书。');
    if (m[2] === 'docx') return sendLetterDocx(reply, letter, c.unit_name);
    if (m[2] === 'pdf') return sendLetterPdf(reply, letter, c.unit_name);
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      LetterPage({
        ctx,
        letter,
        unitName: c.unit_name,
        back: { href: `/staff/requests/${id}`, label: c.case_no },
        docxHref: `/staff/requests/${id}/letters/${letter.id}.docx`,
        pdfHref: `/staff/requests/${id}/letters/${letter.id}.pdf`,
        staff: true,
        correct: { action: `/staff/requests/${id}/letters/${letter.id}/correct`, values: correct?.values ?? {}, errors: correct?.errors ?? {}, message: correct?.message },
      }),
      { status: correct?.status },
    );
  }

  app.get('/staff/requests/:id/letters/:file', async (request, reply) => letterPage(request, reply, (request.params as { file: string }).file));

  formRoute(app, '/staff/requests/:id/letters/:letterId/correct', {
    guard: (request) => ({ id: caseId(request), letterId: Number((request.params as { letterId: string }).letterId) || 0 }),
    schema: z.object({ text: field.raw(200_000), reason: field.text(300) }),
    render: ({ request, reply, subject, values }, state) => letterPage(request, reply, String(subject.letterId), { ...state, values }),
    run: async (input, { request, reply, subject: { id, letterId } }) => {
      const r = await correctLetter(deps.db, await caseContext(deps), request.actor, id, letterId, input);
      return reply.redirect(withNotice(`/staff/requests/${id}`, `已出具更正文书 ${r.letterNo}`, deps.config.secret), 303);
    },
  });
}

class DryRun extends Error {
  constructor(public readonly result: unknown) {
    super('dry run');
  }
}

/** Runs `fn` in a transaction and rolls it back (by throwing inside it), returning the letter it would have issued. */
async function dryRun(db: Db, fn: (tx: Queryable) => Promise<unknown>): Promise<{ title: string; paragraphs: string[] } | undefined> {
  try {
    await db.transaction(async (tx) => {
      throw new DryRun(await fn(tx));
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
    return (err.result as { letter?: { title: string; paragraphs: string[] } } | undefined)?.letter;
  }
  return undefined;
}
