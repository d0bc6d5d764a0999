/** Staff screens for government information: list, draft, import, attachments, personal data, workflow, validity. */
import { readNotice, withNotice } from '../../lib/notice.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, NotFoundError, isFormError } from '../../lib/errors.ts';
import { authorize, can, grantedPaths, type Actor } from '../../lib/authz.ts';
import { sendPage } from '../../lib/render.ts';
import { chinaDate } from '../../lib/clock.ts';
import { formString } from '../../lib/validation.ts';
import { readMultipart } from '../../lib/multipart.ts';
import { asTree, getUnit, listUnits } from '../orgs/queries.ts';
import { sectionsForUnit } from './sections.ts';
import { formToInput, formValues, versionToForm, type FormValues } from './forms.ts';
import { getItem, getVersion, latestVersion, linkedItems, listAttachments, listEvents, listFindings, listStaffItems, listUnpublishedProactive, listVersions } from './queries.ts';
import { saveDraft } from './commands/saveDraft.ts';
import { transitionItem } from './commands/transition.ts';
import { startRevision } from './commands/startRevision.ts';
import { changeValidity } from './commands/changeValidity.ts';
import { addAttachments, removeAttachment } from './commands/attachments.ts';
import { resolveFinding } from './commands/resolveFinding.ts';
import { importDocx } from './docxImport.ts';
import { explainDue, timeliness } from './timeliness.ts';
import { TRANSITIONS, type TransitionName } from './states.ts';
import { ItemFormPage } from './views/itemForm.tsx';
import { ItemDetailPage } from './views/itemDetail.tsx';
import { ItemListPage, TimelinessPage } from './views/itemList.tsx';
import { sendBlob } from './download.ts';
import { configureSections } from './commands/configureSections.ts';
import { SectionsPage } from './views/sectionsPage.tsx';
import { formList } from '../../lib/validation.ts';
import { SECTIONS } from './taxonomy.ts';

const CONTENT_ROLES = ['office_admin', 'publisher', 'reviewer', 'secrecy_reviewer'] as const;
const idParam = (request: FastifyRequest, key = 'id') => Number((request.params as Record<string, string>)[key]) || 0;

export function registerPublishingStaffRoutes(app: FastifyInstance) {
  const { deps } = app;

  async function publisherUnits(actor: Actor) {
    const paths = grantedPaths(actor, ['publisher']);
    return asTree(await listUnits(deps.db)).filter((u) => paths.some((p) => u.path.startsWith(p)));
  }

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    o: {
      mode: 'new' | 'edit';
      itemId?: number;
      unitId: number;
      values: FormValues;
      errors?: Record<string, string>;
      message?: string;
      status?: number;
      proposals?: Parameters<typeof ItemFormPage>[0]['proposals'];
      importMessages?: string[];
    },
  ) {
    const units = await publisherUnits(request.actor);
    const unit = await getUnit(deps.db, o.unitId);
    if (!unit) throw new NotFoundError('单位不存在。');
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      ItemFormPage({
        ctx,
        mode: o.mode,
        itemId: o.itemId,
        units,
        unitId: unit.id,
        sections: await sectionsForUnit(deps.db, unit),
        values: o.values,
        errors: o.errors ?? {},
        message: o.message,
        proposals: o.proposals,
        importMessages: o.importMessages,
      }),
      { status: o.status },
    );
  }

  async function loadItemForStaff(request: FastifyRequest) {
    const item = await getItem(deps.db, idParam(request));
    if (!item || !can(request.actor, 'item.read_internal', { unitPath: item.unit_path })) {
      // Another unit's drafts are not even confirmed to exist.
      if (request.actor.kind === 'anonymous') authorize(request.actor, 'staff.enter');
      throw new NotFoundError('没有找到这条信息。');
    }
    return item;
  }

  async function renderDetail(request: FastifyRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; message?: string; status?: number; notice?: string } = {}) {
    const item = await loadItemForStaff(request);
    const version = (await latestVersion(deps.db, item.id))!;
    const calendar = await deps.calendar.get();
    const published = item.current_version_id ? await getVersion(deps.db, item.current_version_id) : undefined;
    const t = timeliness(version.formed_date, chinaDate(deps.clock.now()), published?.publish_date ?? null, calendar);
    const data = {
      item,
      version,
      published,
      attachments: await listAttachments(deps.db, version.id),
      findings: await listFindings(deps.db, version.id),
      versions: await listVersions(deps.db, item.id),
      events: await listEvents(deps.db, item.id),
      links: await linkedItems(deps.db, item.id, item.kind === 'interpretation' ? 'interprets' : 'interpreted_by', false),
      timeliness: t,
      dueExplanation: explainDue(version.formed_date, t.due),
    };
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ItemDetailPage({ ctx, data, errors: extra.errors, message: extra.message, notice: extra.notice }), { status: extra.status });
  }

  /** Runs a command; on a user-facing error re-renders the item page with the message (nothing was written). */
  async function act(request: FastifyRequest, reply: FastifyReply, fn: () => Promise<unknown>, notice: string) {
    try {
      await fn();
      return reply.redirect(withNotice(`/staff/items/${idParam(request)}`, notice, deps.config.secret), 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      return renderDetail(request, reply, { errors: err.fields, message: err.message, status: err.status });
    }
  }

  app.get('/staff/items', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const q = request.query as Record<string, string>;
    const page = Math.max(1, Math.min(10_000, Number(q.page) || 1));
    const pageSize = 50;
    const paths = grantedPaths(request.actor, [...CONTENT_ROLES]);
    const state = typeof q.state === 'string' ? q.state.slice(0, 20) : '';
    const search = typeof q.q === 'string' ? q.q.trim().slice(0, 100) : '';
    const { rows, total } = await listStaffItems(deps.db, paths, { state: state || undefined, q: search || undefined, limit: pageSize, offset: (page - 1) * pageSize });
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ItemListPage({ ctx, rows, total, page, pageSize, state, q: search, canCreate: grantedPaths(request.actor, ['publisher']).length > 0 }));
  });

  app.get('/staff/items/timeliness', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const calendar = await deps.calendar.get();
    const today = chinaDate(deps.clock.now());
    const rows = (await listUnpublishedProactive(deps.db, grantedPaths(request.actor, [...CONTENT_ROLES]))).map((r) => {
      const t = timeliness(r.formed_date, today, null, calendar);
      return { ...r, due: t.due.date, provisional: t.due.provisional, status: t.status, daysLeft: t.daysLeft };
    });
    rows.sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, TimelinessPage({ ctx, rows }));
  });

  app.get('/staff/items/new', async (request, reply) => {
    const units = await publisherUnits(request.actor);
    if (!units.length) authorize(request.actor, 'item.draft', { unitPath: '' });
    const wanted = Number((request.query as Record<string, string>).unit) || 0;
    const unitId = units.find((u) => u.id === wanted)?.id ?? units[0].id;
    return renderForm(request, reply, { mode: 'new', unitId, values: { kind: 'information', disclosure: 'proactive' } });
  });

  app.post('/staff/items/import-docx', async (request, reply) => {
    const form = await readMultipart(app, request);
    const units = await publisherUnits(request.actor);
    if (!units.length) authorize(request.actor, 'item.draft', { unitPath: '' });
    const wanted = Number((request.query as Record<string, string>).unit) || 0;
    const unitId = units.find((u) => u.id === wanted)?.id ?? units[0].id;
    const file = form.files.find((f) => f.field === 'docx');
    const values: FormValues = { kind: 'information', disclosure: 'proactive' };
    if (!file) return renderForm(request, reply, { mode: 'new', unitId, values, errors: { docx: '请选择要导入的 .docx 文件' }, status: 400 });
    const { checkUpload } = await import('./uploads.ts');
    try {
      const checked = await checkUpload(file.filename, file.content, deps.config.maxUploadBytes);
      if (checked.ext !== 'docx') throw new AppError('UPLOAD_REJECTED', 415, '只能从 .docx 格式的 Word 文档导入；.doc 请先另存为 .docx。');
      const r = await importDocx(file.content);
      Object.assign(values, {
        title: r.proposals.title ?? '',
        docNo: r.proposals.docNo ?? '',
        issuingOrgans: r.proposals.issuingOrgans.join('，'),
        writtenDate: r.proposals.writtenDate ?? '',
        bodyHtml: r.bodyHtml,
      });
      return renderForm(request, reply, { mode: 'new', unitId, values, proposals: r.proposals, importMessages: r.messages });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return renderForm(request, reply, { mode: 'new', unitId, values, errors: { docx: err.message }, message: err.message, status: err.status });
    }
  });

  app.post('/staff/items', async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const values = formValues(body);
    const unitId = Number(formString(body.unitId)) || 0;
    try {
      const r = await saveDraft(deps.db, request.actor, deps.clock.now(), { unitId, input: formToInput(values) });
      return reply.redirect(`/staff/items/${r.itemId}${r.unresolved ? '#personal-data' : ''}`, 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      return renderForm(request, reply, { mode: 'new', unitId, values, errors: err.fields, message: err.message, status: err.status });
    }
  });

  app.get('/staff/items/:id', async (request, reply) => {
    return renderDetail(request, reply, { notice: readNotice(request.query, deps.config.secret) });
  });

  app.get('/staff/items/:id/edit', async (request, reply) => {
    const item = await loadItemForStaff(request);
    authorize(request.actor, 'item.draft', { unitPath: item.unit_path });
    const v = (await latestVersion(deps.db, item.id))!;
    const links = (await linkedItems(deps.db, item.id, 'interprets', false)).map((l) => l.id);
    return renderForm(request, reply, { mode: 'edit', itemId: item.id, unitId: item.unit_id, values: versionToForm(v, item.kind, links) });
  });

  app.post('/staff/items/:id/edit', async (request, reply) => {
    const item = await loadItemForStaff(request);
    const values = formValues(request.body as Record<string, unknown>);
    try {
      const r = await saveDraft(deps.db, request.actor, deps.clock.now(), { unitId: item.unit_id, itemId: item.id, input: formToInput(values) });
      return reply.redirect(`/staff/items/${item.id}${r.unresolved ? '#personal-data' : ''}`, 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      return renderForm(request, reply, { mode: 'edit', itemId: item.id, unitId: item.unit_id, values, errors: err.fields, message: err.message, status: err.status });
    }
  });

  app.post('/staff/items/:id/transition', async (request, reply) => {
    await loadItemForStaff(request);
    const body = request.body as Record<string, unknown>;
    const name = formString(body.name) as TransitionName;
    if (!(name in TRANSITIONS)) throw new AppError('VALIDATION_FAILED', 400, '未知的操作。');
    return act(
      request,
      reply,
      () => transitionItem(deps.db, request.actor, deps.clock.now(), idParam(request), name, { remarks: formString(body.remarks), indexPattern: deps.config.indexPattern }),
      `已${TRANSITIONS[name].label}`,
    );
  });

  app.post('/staff/items/:id/revise', async (request, reply) => {
    await loadItemForStaff(request);
    try {
      await startRevision(deps.db, request.actor, deps.clock.now(), idParam(request));
      return reply.redirect(`/staff/items/${idParam(request)}/edit`, 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      return renderDetail(request, reply, { message: err.message, status: err.status });
    }
  });

  app.post('/staff/items/:id/validity', async (request, reply) => {
    await loadItemForStaff(request);
    const body = request.body as Record<string, unknown>;
    const by = formString(body.byItemId).trim();
    return act(
      request,
      reply,
      () =>
        changeValidity(deps.db, request.actor, deps.clock.now(), idParam(request), {
          validity: formString(body.validity),
          byItemId: by ? Number(by.replace(/\D/g, '')) || -1 : null,
        }),
      '已保存有效性',
    );
  });

  app.post('/staff/items/:id/findings/:fid', async (request, reply) => {
    await loadItemForStaff(request);
    const body = request.body as Record<string, unknown>;
    return act(
      request,
      reply,
      () =>
        resolveFinding(deps.db, request.actor, deps.clock.now(), idParam(request), idParam(request, 'fid'), {
          action: formString(body.action),
          justification: formString(body.justification),
        }),
      '已处理个人信息',
    );
  });

  app.post('/staff/items/:id/attachments', async (request, reply) => {
    await loadItemForStaff(request);
    const form = await readMultipart(app, request);
    if (!form.files.length) return renderDetail(request, reply, { errors: { files: '请选择要上传的文件' }, message: '没有选择文件。', status: 400 });
    return act(request, reply, () => addAttachments(deps.db, request.actor, deps.clock.now(), idParam(request), form.files, deps.config.maxUploadBytes), '已上传附件');
  });

  app.post('/staff/items/:id/attachments/:aid/remove', async (request, reply) => {
    await loadItemForStaff(request);
    return act(request, reply, () => removeAttachment(deps.db, request.actor, deps.clock.now(), idParam(request), idParam(request, 'aid')), '已删除附件');
  });

  app.get('/staff/items/:id/attachments/:aid', async (request, reply) => {
    const item = await loadItemForStaff(request);
    return sendBlob(deps.db, reply, { itemId: item.id, attachmentId: idParam(request, 'aid'), publicOnly: false });
  });

  async function sectionsPage(request: FastifyRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; message?: string; notice?: string; status?: number } = {}) {
    const unit = await getUnit(deps.db, idParam(request));
    if (!unit) throw new NotFoundError();
    authorize(request.actor, 'unit.manage', { unitPath: unit.path });
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      SectionsPage({ ctx, unit, sections: await sectionsForUnit(deps.db, unit), errors: extra.errors ?? {}, message: extra.message, notice: extra.notice }),
      { status: extra.status },
    );
  }

  app.get('/staff/units/:id/sections', async (request, reply) => sectionsPage(request, reply));

  app.post('/staff/units/:id/sections', async (request, reply) => {
    const b = request.body as Record<string, unknown>;
    const enabled = new Set(formList(b.enabled));
    const settings = SECTIONS.filter((s) => s.group === 'proactive').map((s) => ({
      code: s.code,
      enabled: enabled.has(s.code),
      label: formString(b[`label_${s.code}`]),
      rhythm: formString(b[`rhythm_${s.code}`]),
    }));
    try {
      await configureSections(deps.db, request.actor, deps.clock.now(), idParam(request), settings);
      return sectionsPage(request, reply, { notice: '栏目设置已保存' });
    } catch (err) {
      if (!isFormError(err)) throw err;
      return sectionsPage(request, reply, { errors: err.fields, message: err.message, status: err.status });
    }
  });

  app.get('/staff/items/:id/versions/:no', async (request, reply) => {
    const item = await loadItemForStaff(request);
    const no = idParam(request, 'no');
    const r = await deps.db.query<{ id: number }>('SELECT id FROM item_versions WHERE item_id = $1 AND version_no = $2', [item.id, no]);
    if (!r.rows.length) throw new NotFoundError('没有这个版本。');
    return reply.redirect(`/xxgk/${item.unit_slug}/items/${item.id}/versions/${no}`);
  });
}
