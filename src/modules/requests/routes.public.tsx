/** The applicant's side of 依申请公开: guide, online application, progress lookup, corrections and letters. */
import { chinaDateTime } from '../../lib/clock.ts';
import { REPLY_WORKING_DAYS } from './clock.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isFormError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { formRoute } from '../../lib/form.ts';
import { sendPage } from '../../lib/render.ts';
import { formString } from '../../lib/validation.ts';
import { applicationSchema } from './forms.ts';
import { asTree, getUnit, listUnits } from '../orgs/index.ts';
import { audit } from '../../lib/audit.ts';
import { anonymous } from '../../lib/authz.ts';
import { caseClock, caseContext, caseEvents, getCase, getCaseByNo, hashCode } from './caseStore.ts';
import { caseLetters } from './letters.ts';
import { sendLetterDocx } from './letterDocx.ts';
import { receiptPdf, sendLetterPdf } from './letterPdf.ts';
import { submitApplication } from './commands/submitApplication.ts';
import { applicationFromBody } from './views/applicationFields.tsx';
import { ApplicantCasePage, ApplyPage, GuidePage, ReceiptPage, StatusLookupPage } from './views/publicPages.tsx';
import { LetterPage } from './views/letterPage.tsx';
import { CASE_COOKIE, grantCase, readCaseToken } from './access.ts';
import { nextState } from './states.ts';
import { notifyCorrectionReceived } from './notify.ts';
import { registerRecoveryRoutes } from './routes.recovery.tsx';
import { registerReleasedFileRoutes } from './routes.released.ts';
import { releasedFiles } from './released.ts';

/** Words that usually mean a complaint or petition rather than a request for information (Art. 39). */
const COMPLAINT = /投诉|举报|信访|上访|查处|要求处理|要求赔偿|反映问题|维权/;

export function registerRequestPublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  const limited = { config: { rateLimit: { max: 20, timeWindow: '10 minutes' } }, preHandler: app.rateLimit({ max: 20, timeWindow: '10 minutes' }) };

  async function unitOptions() {
    return asTree(await listUnits(deps.db)).map((u) => ({ id: u.id, name: u.name, depth: u.depth }));
  }

  registerRecoveryRoutes(app);
  registerReleasedFileRoutes(app);

  app.get('/ysqgk', async (request, reply) => {
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, GuidePage({ ctx }));
  });

  app.get('/ysqgk/apply', async (request, reply) => {
    const ctx = app.viewContext(request, reply);
    const unit = formString((request.query as Record<string, unknown>).unit);
    return sendPage(request, reply, ctx, ApplyPage({ ctx, values: { unit }, errors: {}, units: await unitOptions() }));
  });

  // The application's fields are many and checked by the command's own schema (applicationSchema); the route reads
  // them as strings.
  const anyFields = z.record(z.string(), z.unknown());
  type ApplyExtra = { errors?: Record<string, string>; matches?: { title: string; href: string; unitName: string }[]; complaint?: boolean; status?: number };
  const applyPage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, extra: ApplyExtra) => {
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ApplyPage({ ctx, values, errors: extra.errors ?? {}, units: await unitOptions(), matches: extra.matches, complaint: extra.complaint }), {
      status: extra.status,
    });
  };
  formRoute(app, '/ysqgk/apply', {
    options: limited,
    files: ['identityFiles'],
    schema: anyFields,
    render: ({ request, reply, values }, state) => applyPage(request, reply, applicationFromBody(values).values, state),
    run: async (body, { request, reply, files }) => {
      const { values, application } = applicationFromBody(body);
      const unitId = Number(values.unit) || undefined;
      const unit = unitId ? await getUnit(deps.db, unitId) : undefined;
      // First submission: show published information that may already answer it, and warn about complaints.
      if (formString(body.checked) !== '1' && values.infoDescription.trim().length >= 5) {
        const found = await app.searchIndex.search({ q: `${values.infoTitle} ${values.infoDescription}`.slice(0, 200), pageSize: 5 });
        const matches = found.results.filter((r) => r.score > 1).map((r) => ({ title: r.title, href: `/xxgk/${r.unitSlug}/items/${r.id}`, unitName: r.unitName }));
        const complaint = COMPLAINT.test(values.infoDescription);
        if (matches.length || complaint) {
          // Validate too, so the applicant sees every problem at once.
          try {
            await submitApplicationDryRun(application, unit?.id);
          } catch (err) {
            if (!isFormError(err)) throw err;
            return applyPage(request, reply, values, { errors: err.fields, matches, complaint, status: err.status });
          }
          return applyPage(request, reply, values, { matches, complaint });
        }
      }
      const r = await submitApplication(deps.db, await caseContext(deps), { unitId: unit?.id, application, files });
      reply.header('Cache-Control', 'no-store');
      const ctx = app.viewContext(request, reply);
      // The query code is shown this once and kept only as a hash: the PDF receipt travels inside the page (a data:
      // link), so the code is never in a URL or a server log.
      const pdf = await receiptPdf({ caseNo: r.caseNo, queryCode: r.queryCode, unitName: unit!.name, submittedAt: chinaDateTime(deps.clock.now()), replyDays: REPLY_WORKING_DAYS });
      return sendPage(
        request,
        reply,
        ctx,
        ReceiptPage({ ctx, caseNo: r.caseNo, queryCode: r.queryCode, unitName: unit!.name, receiptHref: `data:application/pdf;base64,${pdf.toString('base64')}` }),
      );
    },
  });

  /** Checks the form without saving, so the applicant sees every problem together with the matches. */
  async function submitApplicationDryRun(application: Record<string, string>, unitId: number | undefined) {
    const r = applicationSchema.safeParse(application);
    const errors: Record<string, string> = r.success ? {} : { ...r.errors };
    if (!unitId) errors.unit = '请选择向哪个机关申请';
    if (Object.keys(errors).length) throw new ValidationError(errors);
  }

  app.get('/ysqgk/status', async (request, reply) => {
    const ctx = app.viewContext(request, reply);
    // Sent here when the hour a lookup lasts has passed (or the cookie is gone): say so, not "page not found".
    const expired = (request.query as { expired?: string }).expired;
    const notice =
      expired === '1' ? '查询已超过一小时或已结束，请重新输入申请编号和查询码。' : expired === 'link' ? '下载链接已过期。请输入申请编号和查询码，在办理进度页下载。' : undefined;
    return sendPage(request, reply, ctx, StatusLookupPage({ ctx, values: {}, errors: {}, notice }));
  });

  formRoute(app, '/ysqgk/status', {
    options: limited,
    schema: z.object({
      caseNo: z.preprocess((v) => formString(v).trim().toUpperCase(), z.string().min(1, '请填写申请编号').max(30, '申请编号不超过30个字符')),
      queryCode: z.preprocess((v) => formString(v).trim(), z.string().min(1, '请填写查询码').max(30, '查询码不超过30个字符')),
    }),
    render: ({ request, reply, values }, state) => {
      const ctx = app.viewContext(request, reply);
      return sendPage(request, reply, ctx, StatusLookupPage({ ctx, values: { caseNo: values.caseNo ?? '' }, errors: state.errors, message: state.message }), {
        status: state.status,
      });
    },
    run: async ({ caseNo, queryCode }, { reply }) => {
      const c = await getCaseByNo(deps.db, caseNo);
      const ok = c && (await deps.db.query<{ h: string }>('SELECT query_code_hash AS h FROM request_cases WHERE id = $1', [c.id])).rows[0].h === hashCode(queryCode);
      if (!c || !ok) throw new ValidationError({}, '申请编号或查询码不正确，请核对后重试。');
      grantCase(reply, { secret: deps.config.secret, secure: deps.config.trustProxy }, c.id, deps.clock.now());
      return reply.redirect('/ysqgk/case', 303);
    },
  });

  /** The case this browser looked up within the hour, or null (the pages then send the applicant to the lookup). */
  function caseIdOf(request: FastifyRequest): number | null {
    return readCaseToken(deps.config.secret, request.cookies[CASE_COOKIE], deps.clock.now()) ?? null;
  }
  const EXPIRED = '/ysqgk/status?expired=1';

  async function casePage(request: FastifyRequest, reply: FastifyReply, extra: { notice?: string; errors?: Record<string, string>; status?: number } = {}) {
    const id = caseIdOf(request);
    if (!id) return reply.redirect(EXPIRED, 303);
    const c = await getCase(deps.db, id);
    const events = await caseEvents(deps.db, id);
    const cctx = await caseContext(deps);
    const lastNotice = [...events].reverse().find((e) => e.kind === 'request_correction');
    const correction =
      c.state === 'awaiting_correction' && lastNotice
        ? {
            items: lastNotice.details.items as string[],
            deadline: String(lastNotice.details.deadline),
            answered: events.some((e) => e.kind === 'applicant_correction' && e.id > lastNotice.id),
          }
        : undefined;
    const ctx = app.viewContext(request, reply);
    reply.header('Cache-Control', 'no-store');
    return sendPage(
      request,
      reply,
      ctx,
      ApplicantCasePage({
        ctx,
        c,
        clock: caseClock(events, cctx),
        letters: await caseLetters(deps.db, id),
        released: await releasedFiles(deps.db, id),
        correction,
        notice: extra.notice,
        errors: extra.errors ?? {},
      }),
      { status: extra.status },
    );
  }

  app.get('/ysqgk/case', async (request, reply) => casePage(request, reply));

  formRoute(app, '/ysqgk/case/correction', {
    options: limited,
    guard: (request) => caseIdOf(request),
    schema: z.object({
      text: z.preprocess(
        (v) =>
          formString(v)
            .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
            .trim(),
        z.string().min(1, '请填写补正内容').max(5000, '补正内容不能超过5000字'),
      ),
    }),
    render: ({ request, reply }, state) => casePage(request, reply, state),
    run: async ({ text }, { request, reply, subject: id }) => {
      if (!id) return reply.redirect(EXPIRED, 303);
      const cctx = await caseContext(deps);
      await deps.db.transaction(async (tx) => {
        const c = await getCase(tx, id, true);
        nextState(c.state, 'applicant_correction');
        await tx.query('INSERT INTO case_events (case_id, kind, on_date, at, actor_label, details) VALUES ($1, $2, $3, $4, $5, $6)', [
          id,
          'applicant_correction',
          cctx.today,
          cctx.now,
          '申请人（网上补正）',
          JSON.stringify({ text }),
        ]);
        await audit(tx, anonymous, {
          at: cctx.now,
          action: 'request.applicant_correction',
          subjectType: 'request_case',
          subjectId: id,
          unitId: c.unit_id,
          details: { caseNo: c.case_no },
        });
        await notifyCorrectionReceived(tx, cctx.now, c);
      });
      return casePage(request, reply, { notice: '补正内容已提交。' });
    },
  });

  app.get('/ysqgk/case/letters/:file', async (request, reply) => {
    const id = caseIdOf(request);
    if (!id) return reply.redirect(EXPIRED, 303);
    const file = (request.params as { file: string }).file;
    const m = /^(\d+)(?:\.(docx|pdf))?$/.exec(file);
    const letter = m ? (await caseLetters(deps.db, id)).find((l) => l.id === Number(m[1])) : undefined;
    if (!m || !letter) throw new NotFoundError('没有找到这份文书。');
    const c = await getCase(deps.db, id);
    reply.header('Cache-Control', 'no-store');
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
        back: { href: '/ysqgk/case', label: c.case_no },
        docxHref: `/ysqgk/case/letters/${letter.id}.docx`,
        pdfHref: `/ysqgk/case/letters/${letter.id}.pdf`,
      }),
    );
  });
}
