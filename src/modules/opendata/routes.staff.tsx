/** Staff routes of the data catalogue: the list, a new dataset, one dataset with its resources and review. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { idParam } from '../../lib/validation.ts';
import { listUnits } from '../orgs/index.ts';
import { addResource, approveDataset, removeResource, returnDataset, saveDataset, submitDataset, withdrawDataset } from './commands.ts';
import { areaNames, datasetEvents, datasetsOf, getDataset, resourcesByIds, unitCatalogueItems } from './queries.ts';
import { DatasetEditPage, DatasetsPage } from './views/staffPages.tsx';

const ROLES = ['office_admin', 'publisher', 'reviewer'] as const;

export function registerOpendataStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  const limits = { maxBytes: deps.config.maxUploadBytes, maxRows: deps.config.dataMaxRows, maxColumns: deps.config.dataMaxColumns };
  const idOf = (request: FastifyRequest) => idParam(request.params, '没有这个数据集。');
  const back = (reply: FastifyReply, id: number, notice: string) => reply.redirect(withNotice(`/staff/data/${id}`, notice, deps.config.secret), 303);

  app.get('/staff/data', async (request, reply) => {
    if (!can(request.actor, 'dataset.review')) authorize(request.actor, 'dataset.edit');
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, DatasetsPage({ ctx, rows: await datasetsOf(deps.db, grantedPaths(request.actor, [...ROLES])) }));
  });

  async function page(request: FastifyRequest, reply: FastifyReply, id: number | undefined, state: Partial<FormState> = {}, lists: Record<string, string[]> = {}) {
    const actor = request.actor;
    const d = id ? await getDataset(deps.db, id) : undefined;
    if (id && !d) throw new NotFoundError('没有这个数据集。');
    if (d && !can(actor, 'dataset.review', { unitPath: d.unit_path })) authorize(actor, 'dataset.edit', { unitPath: d.unit_path });
    if (!d) authorize(actor, 'dataset.edit');
    const units = (await listUnits(deps.db)).filter((u) => can(actor, 'dataset.edit', { unitPath: u.path }));
    // The items a dataset may be filed under are its unit's; a new dataset's, those of the unit chosen (or the first).
    const unitId = d?.unit_id ?? (Number(state.values?.unitId) || units[0]?.id);
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      DatasetEditPage({
        ctx,
        d,
        units: units.map((u) => ({ id: u.id, name: u.name })),
        areas: await areaNames(deps.db),
        resources: d ? await resourcesByIds(deps.db, d.resource_ids) : [],
        catalogueChoices: unitId ? await unitCatalogueItems(deps.db, unitId) : [],
        catalogueKeys: state.values ? (lists.catalogueKeys ?? []) : (d?.metadata.catalogueKeys ?? []),
        events: d ? await datasetEvents(deps.db, d.id) : [],
        mayEdit: d ? can(actor, 'dataset.edit', { unitPath: d.unit_path }) : true,
        mayReview: !!d && can(actor, 'dataset.review', { unitPath: d.unit_path }),
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.errors && Object.keys(state.errors).length ? undefined : state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  }

  const metadataSchema = z.object({
    unitId: field.int('请选择提供单位'),
    name: field.text(100),
    changeNote: field.text(500),
    title: field.text(200),
    summary: field.text(3000),
    areaCode: field.text(4),
    topic: field.text(100),
    keywords: field.text(1000),
    frequency: field.text(20),
    openness: field.text(20),
    opennessReason: field.text(1000),
    licenceId: field.text(20),
    terms: field.text(3000),
    temporalStart: field.text(10),
    temporalEnd: field.text(10),
    spatial: field.text(200),
    contactName: field.text(100),
    contactPhone: field.text(50),
    contactEmail: field.text(200),
    maintainer: field.text(200),
    catalogueKeys: field.list(20),
  });
  const save = (input: z.infer<typeof metadataSchema>, request: FastifyRequest, id?: number) => {
    const { unitId, name, changeNote, ...metadata } = input;
    return saveDataset(deps.db, request.actor, deps.clock.now(), { unitId, name, changeNote, metadata }, id);
  };

  app.get('/staff/data/new', (request, reply) => page(request, reply, undefined));
  formRoute(app, '/staff/data/new', {
    schema: metadataSchema,
    render: ({ request, reply, lists }, state) => page(request, reply, undefined, state, lists),
    run: async (input, { request, reply }) => back(reply, await save(input, request), '已保存。请添加数据资源，核对后送审。'),
  });
  app.get('/staff/data/:id', (request, reply) => page(request, reply, idOf(request)));
  const post = <S extends z.ZodType>(
    path: string,
    schema: S,
    run: (input: z.infer<S>, request: FastifyRequest, id: number, files: { field: string; filename: string; content: Buffer }[]) => Promise<string>,
    files?: string[],
  ) =>
    formRoute(app, `/staff/data/:id${path}`, {
      guard: (request) => idOf(request),
      schema,
      files,
      render: ({ request, reply, subject, lists }, state) => page(request, reply, subject, state, lists),
      run: async (input, { request, reply, subject, files: uploaded }) => back(reply, subject, await run(input, request, subject, uploaded)),
    });
  post('', metadataSchema, async (input, request, id) => {
    await save(input, request, id);
    return '已保存。';
  });
  post(
    '/resources',
    z.object({ resourceName: field.text(200), description: field.text(1000), dictionary: field.text(20_000), url: field.text(1000) }),
    async (input, request, id, files) => {
      const file = files.find((f) => f.field === 'file' && f.content.length);
      if (!file && !input.url) throw new ValidationError({ file: '请上传一个文件，或填写一个链接（二者选一）' });
      await addResource(
        deps.db,
        request.actor,
        deps.clock.now(),
        id,
        {
          name: input.resourceName,
          description: input.description,
          dictionary: input.dictionary,
          file: file ? { filename: file.filename, content: file.content } : undefined,
          url: input.url || undefined,
        },
        limits,
      );
      return '已添加数据资源。';
    },
    ['file'],
  );
  post('/resources/remove', z.object({ resourceId: field.text(40) }), async (input, request, id) => {
    await removeResource(deps.db, request.actor, deps.clock.now(), id, input.resourceId);
    return '已移出这个资源（已发布的版本中仍保留）。';
  });
  post('/submit', z.object({}), async (_i, request, id) => {
    await submitDataset(deps.db, request.actor, deps.clock.now(), id);
    return '已送审。';
  });
  post('/review', z.object({ decision: field.text(10), note: field.text(1000) }), async (input, request, id) => {
    if (input.decision === 'approve') await approveDataset(deps.db, request.actor, deps.clock.now(), id);
    else await returnDataset(deps.db, request.actor, deps.clock.now(), id, input.note);
    return input.decision === 'approve' ? '已审核发布。' : '已退回修改。';
  });
  post('/withdraw', z.object({ reason: field.text(500) }), async (input, request, id) => {
    await withdrawDataset(deps.db, request.actor, deps.clock.now(), id, input.reason);
    return '已撤回。';
  });
}
