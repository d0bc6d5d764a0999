/** Staff screens for government information: list, draft, import, attachments, personal data, workflow, validity. */
import { readNotice, withNotice } from '../../lib/notice.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { field, formRoute, type FormContext, type FormState } from '../../lib/form.ts';
import { authorize, can, grantedPaths, type Actor } from '../../lib/authz.ts';
import { sendPage } from '../../lib/render.ts';
import { chinaDate } from '../../lib/clock.ts';
import { formString } from '../../lib/validation.ts';
import { asTree, getUnit, listUnits } from '../orgs/index.ts';
import { sectionsForUnit } from './sections.ts';
import { formToInput, interpretLines, itemFormSchema, versionToForm, type FormValues } from './forms.ts';
import {
  resolveItemRefs,
  itemRefOf,
  lookupPublishedItems,
  usedTopics,
  countUnresolvedFindings,
  getItem,
  getVersion,
  latestVersion,
  linkedItems,
  listAttachments,
  listEvents,
  listFindings,
  listStaffItems,
  listUnpublishedProactive,
  listVersions,
} from './queries.ts';
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
import { ItemDetailPage, REVIEW_EVENTS } from './views/itemDetail.tsx';
import { ReviewSheetPage } from './views/reviewSheet.tsx';
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
        usedTopics: await usedTopics(deps.db, unit.id),
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
      validityByRef: item.validity_by_item_id ? await itemRefOf(deps.db, item.validity_by_item_id) : '',
    };
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ItemDetailPage({ ctx, data, errors: extra.errors, message: extra.message, notice: extra.notice }), { status: extra.status });
  }

  /** Saves a draft and the files that came with it in one transaction; `unresolved` counts their personal data too. */
  async function saveWithFiles(actor: Actor, draft: Parameters<typeof saveDraft>[3], files: { filename: string; content: Buffer }[]) {
    return deps.db.transaction(async (tx) => {
      const saved = await saveDraft(tx, actor, deps.clock.now(), draft);
      if (!files.length) return saved;
      await addAttachments(tx, actor, deps.clock.now(), saved.itemId, files, deps.config.maxUploadBytes);
      return { ...saved, unresolved: saved.unresolved || (await countUnresolvedFindings(tx, saved.versionId)) > 0 };
    });
  }

  /** The policies an interpretation names (by 索引号, 文号 or title, a line each), or the lines that name none. */
  async function interpretsOf(text: string) {
    const r = await resolveItemRefs(deps.db, interpretLines(text));
    if (r.errors.length) throw new ValidationError({ interprets: r.errors.join('；') });
    return r.ids;
  }

  /** The item's staff page again with the message of a refused step (nothing was written). */
  const detailAgain = ({ request, reply }: FormContext<unknown>, state: FormState) => renderDetail(request, reply, state);
  const backToItem = (request: FastifyRequest, reply: FastifyReply, notice: string) =>
    reply.redirect(withNotice(`/staff/items/${idParam(request)}`, notice, deps.config.secret), 303);
  const guardItem = (request: FastifyRequest) => loadItemForStaff(request);

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

  // The item picker's answers (JSON, for the script that enhances the fields naming items; the fields work without it).
  app.get('/staff/items/lookup', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const q = (request.query as Record<string, unknown>).q;
    reply.header('Cache-Control', 'no-store');
    return { items: await lookupPublishedItems(deps.db, typeof q === 'string' ? q : '') };
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

  // The unit of a new item comes from the query string (?unit=), so a form error keeps the unit the clerk chose.
  const newItemUnit = async (request: FastifyRequest) => {
    const units = await publisherUnits(request.actor);
    if (!units.length) authorize(request.actor, 'item.draft', { unitPath: '' });
    const wanted = Number((request.query as Record<string, string>).unit) || 0;
    return units.find((u) => u.id === wanted)?.id ?? units[0].id;
  };

  formRoute(app, '/staff/items/import-docx', {
    guard: newItemUnit,
    files: ['docx'],
    schema: z.object({}),
    render: ({ request, reply, subject: unitId }, state) =>
      renderForm(request, reply, {
        mode: 'new',
        unitId,
        ...state,
        values: { kind: 'information', disclosure: 'proactive' },
        errors: { docx: state.message ?? '', ...state.errors },
      }),
    run: async (_input, { request, reply, subject: unitId, files }) => {
      const file = files.find((f) => f.field === 'docx');
      if (!file) throw new ValidationError({ docx: '请选择要导入的 .docx 文件' }, '请选择要导入的 .docx 文件。');
      const { checkUpload } = await import('./uploads.ts');
      const checked = await checkUpload(file.filename, file.content, deps.config.maxUploadBytes);
      if (checked.ext !== 'docx') throw new AppError('UPLOAD_REJECTED', 415, '只能从 .docx 格式的 Word 文档导入；.doc 请先另存为 .docx。');
      const r = await importDocx(file.content);
      const values: FormValues = {
        kind: 'information',
        disclosure: 'proactive',
        title: r.proposals.title ?? '',
        docNo: r.proposals.docNo ?? '',
        issuingOrgans: r.proposals.issuingOrgans.join('，'),
        writtenDate: r.proposals.writtenDate ?? '',
        bodyHtml: r.bodyHtml,
      };
      return renderForm(request, reply, { mode: 'new', unitId, values, proposals: r.proposals, importMessages: r.messages });
    },
  });

  formRoute(app, '/staff/items', {
    // Attachments can come with the first save: the draft and its files are one transaction.
    files: ['files'],
    schema: itemFormSchema.extend({ unitId: field.int('请选择单位') }),
    render: ({ request, reply, values }, state) => renderForm(request, reply, { mode: 'new', unitId: Number(values.unitId) || 0, ...state }),
    run: async ({ unitId, ...values }, { request, reply, files }) => {
      const r = await saveWithFiles(request.actor, { unitId, input: formToInput(values, await interpretsOf(values.interprets)) }, files);
      return reply.redirect(`/staff/items/${r.itemId}${r.unresolved ? '#personal-data' : ''}`, 303);
    },
  });

  app.get('/staff/items/:id', async (request, reply) => {
    return renderDetail(request, reply, { notice: readNotice(request.query, deps.config.secret) });
  });

  app.get('/staff/items/:id/review-sheet', async (request, reply) => {
    const item = await loadItemForStaff(request);
    const v = (await latestVersion(deps.db, item.id))!;
    const versions = new Map((await listVersions(deps.db, item.id)).map((x) => [x.id, x.version_no]));
    const events = (await listEvents(deps.db, item.id))
      .filter((e) => REVIEW_EVENTS.has(e.type))
      .map((e) => ({ ...e, version_no: e.version_id ? (versions.get(e.version_id) ?? null) : null }));
    const ctx = app.viewContext(request, reply);
    const disclosure = { proactive: '主动公开', on_request: '依申请公开', withheld: '不予公开' }[v.disclosure];
    return sendPage(
      request,
      reply,
      ctx,
      ReviewSheetPage({
        ctx,
        item: { id: item.id, title: v.title, unitName: item.unit_name, docNo: v.doc_no ?? '', indexNo: item.index_no, disclosure },
        events,
        printedAt: deps.clock.now(),
      }),
    );
  });

  app.get('/staff/items/:id/edit', async (request, reply) => {
    const item = await loadItemForStaff(request);
    authorize(request.actor, 'item.draft', { unitPath: item.unit_path });
    const v = (await latestVersion(deps.db, item.id))!;
    const links = (await linkedItems(deps.db, item.id, 'interprets', false)).map((l) => l.index_no ?? l.title);
    return renderForm(request, reply, { mode: 'edit', itemId: item.id, unitId: item.unit_id, values: versionToForm(v, item.kind, links, item.legal_form) });
  });

  formRoute(app, '/staff/items/:id/edit', {
    guard: guardItem,
    files: ['files'],
    schema: itemFormSchema,
    render: ({ request, reply, subject: item }, state) => renderForm(request, reply, { mode: 'edit', itemId: item.id, unitId: item.unit_id, ...state }),
    run: async (values, { request, reply, files, subject: item }) => {
      const r = await saveWithFiles(request.actor, { unitId: item.unit_id, itemId: item.id, input: formToInput(values, await interpretsOf(values.interprets)) }, files);
      return reply.redirect(`/staff/items/${item.id}${r.unresolved ? '#personal-data' : ''}`, 303);
    },
  });

  formRoute(app, '/staff/items/:id/transition', {
    guard: guardItem,
    schema: z.object({
      name: field.oneOf(Object.keys(TRANSITIONS) as TransitionName[], '未知的操作。'),
      remarks: field.text(2000),
    }),
    render: detailAgain,
    run: async (input, { request, reply }) => {
      await transitionItem(deps.db, request.actor, deps.clock.now(), idParam(request), input.name, { remarks: input.remarks, indexPattern: deps.config.indexPattern });
      return backToItem(request, reply, `已${TRANSITIONS[input.name].label}`);
    },
  });

  formRoute(app, '/staff/items/:id/revise', {
    guard: guardItem,
    schema: z.object({}),
    render: detailAgain,
    run: async (_input, { request, reply }) => {
      await startRevision(deps.db, request.actor, deps.clock.now(), idParam(request));
      return reply.redirect(`/staff/items/${idParam(request)}/edit`, 303);
    },
  });

  formRoute(app, '/staff/items/:id/validity', {
    guard: guardItem,
    // The replacing item is named like a policy an interpretation names (索引号, 文号 or full title), or pasted as its link.
    schema: z.object({ validity: field.text(50), byItemId: field.text(300) }),
    render: detailAgain,
    run: async (input, { request, reply }) => {
      const link = /\/items\/(\d{1,12})(?:\D|$)/.exec(input.byItemId);
      let by: number | null = null;
      if (link) by = Number(link[1]);
      else if (input.byItemId) {
        const r = await resolveItemRefs(deps.db, [input.byItemId]);
        if (r.errors.length) throw new ValidationError({ byItemId: r.errors[0] });
        by = r.ids[0];
      }
      await changeValidity(deps.db, request.actor, deps.clock.now(), idParam(request), { validity: input.validity, byItemId: by });
      return backToItem(request, reply, '已保存有效性');
    },
  });

  formRoute(app, '/staff/items/:id/findings/:fid', {
    guard: guardItem,
    schema: z.object({ action: field.text(50), justification: field.text(2000) }),
    render: detailAgain,
    run: async (input, { request, reply }) => {
      await resolveFinding(deps.db, request.actor, deps.clock.now(), idParam(request), idParam(request, 'fid'), input);
      return backToItem(request, reply, '已处理个人信息');
    },
  });

  formRoute(app, '/staff/items/:id/attachments', {
    guard: guardItem,
    files: ['files'],
    schema: z.object({}),
    render: detailAgain,
    run: async (_input, { request, reply, files }) => {
      if (!files.length) throw new ValidationError({ files: '请选择要上传的文件' }, '没有选择文件。');
      await addAttachments(deps.db, request.actor, deps.clock.now(), idParam(request), files, deps.config.maxUploadBytes);
      return backToItem(request, reply, '已上传附件');
    },
  });

  formRoute(app, '/staff/items/:id/attachments/:aid/remove', {
    guard: guardItem,
    schema: z.object({}),
    render: detailAgain,
    run: async (_input, { request, reply }) => {
      await removeAttachment(deps.db, request.actor, deps.clock.now(), idParam(request), idParam(request, 'aid'));
      return backToItem(request, reply, '已删除附件');
    },
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

  // One row per section, its fields named after it (label_CODE, rhythm_CODE); the ticked ones come as `enabled`.
  formRoute(app, '/staff/units/:id/sections', {
    schema: z.record(z.string(), z.unknown()),
    render: ({ request, reply }, state) => sectionsPage(request, reply, state),
    run: async (b, { request, reply }) => {
      const enabled = new Set(formList(b.enabled));
      const settings = SECTIONS.filter((s) => s.group === 'proactive').map((s) => ({
        code: s.code,
        enabled: enabled.has(s.code),
        label: formString(b[`label_${s.code}`]).trim().slice(0, 50),
        rhythm: formString(b[`rhythm_${s.code}`]).trim().slice(0, 200),
      }));
      await configureSections(deps.db, request.actor, deps.clock.now(), idParam(request), settings);
      return sectionsPage(request, reply, { notice: '栏目设置已保存' });
    },
  });
}
