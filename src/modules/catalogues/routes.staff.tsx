/** Staff screens of the standard catalogues: areas and templates, a unit's catalogues, review steps, coverage, filing. */
import { readNotice, withNotice } from '../../lib/notice.ts';
import { chinaDate } from '../../lib/clock.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { field, formRoute } from '../../lib/form.ts';
import { audit } from '../../lib/audit.ts';
import { sendPage } from '../../lib/render.ts';
import { asTree, getUnit, listUnits } from '../orgs/index.ts';
import { getItem } from '../publishing/index.ts';
import { contentDisposition } from '../../lib/download.ts';
import { catalogueItems, getCatalogue, listAreas, publishedCatalogues, templates, unitCatalogues, type CatalogueHead } from './queries.ts';
import { blankCatalogueXlsx, catalogueXlsx, type ImportProblem } from './excel.ts';
import { CatalogueImportError, importCatalogue } from './commands/importCatalogue.ts';
import { adoptTemplate } from './commands/adoptTemplate.ts';
import { transitionCatalogue } from './commands/transitionCatalogue.ts';
import { fileItemUnderCatalogue } from './commands/fileItem.ts';
import { summarise } from './coverage.ts';
import { assessCatalogue } from './assess.ts';
import { CATALOGUE_STEPS, type CatalogueStep } from './states.ts';
import { CatalogueDetailPage, CataloguesHome, CoveragePage, FileItemPage, UnitCataloguesPage } from './views/staffPages.tsx';

type Extra = { notice?: string; errors?: Record<string, string>; problems?: ImportProblem[]; status?: number };

export function registerCatalogueStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  const today = () => chinaDate(deps.clock.now());
  const tree = async () => asTree(await listUnits(deps.db)).map((u) => ({ id: u.id, name: u.name, depth: u.depth, path: u.path }));

  async function home(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}) {
    authorize(request.actor, 'staff.enter');
    const paths = grantedPaths(request.actor, ['office_admin', 'publisher']);
    const units = await tree();
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      CataloguesHome({
        ctx,
        areas: await listAreas(deps.db),
        units,
        myUnits: units.filter((u) => paths.some((p) => u.path.startsWith(p))),
        templates: await templates(deps.db),
        canManage: can(request.actor, 'catalogue.manage_areas'),
        notice: extra.notice,
        errors: extra.errors ?? {},
        problems: extra.problems,
      }),
      { status: extra.status },
    );
  }

  async function unitPage(request: FastifyRequest, reply: FastifyReply, unitId: number, extra: Extra = {}) {
    const unit = await getUnit(deps.db, unitId);
    if (!unit) throw new NotFoundError('没有这个单位。');
    const canEdit = can(request.actor, 'catalogue.edit', { unitPath: unit.path });
    const canApprove = can(request.actor, 'catalogue.approve', { unitPath: unit.path });
    if (!canEdit && !canApprove) authorize(request.actor, 'catalogue.edit', { unitPath: unit.path });
    const all = (await unitCatalogues(deps.db, unit.id)).filter((c) => !c.is_template);
    const latest = new Map<string, CatalogueHead>();
    const published = new Map<string, CatalogueHead>();
    for (const c of all) {
      if (!latest.has(c.area_code)) latest.set(c.area_code, c);
      if (c.state === 'published') published.set(c.area_code, c);
    }
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      UnitCataloguesPage({
        ctx,
        unit,
        areas: await listAreas(deps.db),
        latest,
        published,
        templates: await templates(deps.db),
        can: { edit: canEdit, approve: canApprove },
        notice: extra.notice,
        errors: extra.errors ?? {},
        problems: extra.problems,
      }),
      { status: extra.status },
    );
  }

  app.get('/staff/catalogues', async (request, reply) => home(request, reply));
  app.get('/staff/catalogues/unit/:unitId', async (request, reply) => unitPage(request, reply, Number((request.params as { unitId: string }).unitId) || 0));

  formRoute(app, '/staff/catalogues/areas/:code', {
    guard: (request) => {
      authorize(request.actor, 'catalogue.manage_areas');
      return (request.params as { code: string }).code;
    },
    schema: z.object({ name: field.text(100), leadUnitId: field.int('请选择牵头单位'), responsibleUnitIds: field.list(200) }),
    // The 26 areas share one page, so the message goes on the area's own name field.
    render: ({ request, reply, subject: code }, state) =>
      home(request, reply, { errors: { [`name-${code}`]: Object.values(state.errors)[0] ?? state.message ?? '' }, status: state.status }),
    run: async (input, { request, reply, subject: code }) => {
      const name = input.name;
      const lead = input.leadUnitId || null;
      const responsible = [...new Set(input.responsibleUnitIds.map(Number).filter((n) => Number.isInteger(n) && n > 0))];
      if (!name || name.length > 40) throw new ValidationError({ name: '领域名称须为1至40个字' });
      await deps.db.transaction(async (tx) => {
        const r = await tx.query('UPDATE catalogue_areas SET name = $2, lead_unit_id = $3, confirmed = confirmed OR name <> $2, updated_at = $4 WHERE code = $1 RETURNING code', [
          code,
          name,
          lead,
          deps.clock.now(),
        ]);
        if (!r.rows.length) throw new NotFoundError('没有这个领域。');
        await tx.query('DELETE FROM catalogue_area_units WHERE area_code = $1', [code]);
        if (responsible.length)
          await tx.query('INSERT INTO catalogue_area_units (area_code, unit_id) SELECT $1, u.id FROM units u WHERE u.id = ANY($2::int[])', [code, responsible]);
        await audit(tx, request.actor, {
          at: deps.clock.now(),
          action: 'catalogue.area_updated',
          subjectType: 'catalogue_area',
          subjectId: code,
          details: { name, leadUnitId: lead, responsible },
        });
      });
      return home(request, reply, { notice: `已保存领域 ${code}：${name}` });
    },
  });

  const importSchema = z.object({ unit: field.int('请选择单位'), template: field.checkbox(), area: field.text(20) });
  const importBack = (request: FastifyRequest, reply: FastifyReply, unitId: number, asTemplate: boolean, extra: Extra) =>
    asTemplate ? home(request, reply, extra) : unitPage(request, reply, unitId, extra);
  formRoute(app, '/staff/catalogues/import', {
    files: ['file'],
    schema: importSchema,
    render: ({ request, reply, values }, state) => importBack(request, reply, Number(values.unit) || 0, values.template === '1', state),
    run: async (input, { request, reply, files }) => {
      try {
        const r = await importCatalogue(deps.db, request.actor, deps.clock.now(), {
          unitId: input.unit,
          areaCode: input.area,
          asTemplate: input.template,
          file: files.find((f) => f.field === 'file')?.content,
        });
        const notice = input.template ? `已导入 ${r.rows} 个事项` : `已导入 ${r.rows} 个事项，核对后可报送审核`;
        return reply.redirect(withNotice(`/staff/catalogues/${r.catalogueId}`, notice, deps.config.secret), 303);
      } catch (err) {
        // The row-by-row problems of a spreadsheet are listed under the form.
        if (!(err instanceof CatalogueImportError)) throw err;
        return importBack(request, reply, input.unit, input.template, { errors: err.fields, problems: err.problems, status: 400 });
      }
    },
  });

  formRoute(app, '/staff/catalogues/adopt', {
    schema: z.object({ unit: field.int('请选择单位'), template: field.int('请选择模板') }),
    render: ({ request, reply, values }, state) => unitPage(request, reply, Number(values.unit) || 0, state),
    run: async (input, { request, reply }) => {
      const r = await adoptTemplate(deps.db, request.actor, deps.clock.now(), { unitId: input.unit, templateId: input.template });
      return reply.redirect(withNotice(`/staff/catalogues/${r.catalogueId}`, `已按模板生成 ${r.rows} 个事项，可导出修改后再导入`, deps.config.secret), 303);
    },
  });

  async function detail(request: FastifyRequest, reply: FastifyReply, id: number, extra: Extra = {}) {
    const c = await getCatalogue(deps.db, id);
    const canEdit = can(request.actor, c.is_template ? 'catalogue.manage_areas' : 'catalogue.edit', { unitPath: c.unit_path });
    const canApprove = can(request.actor, c.is_template ? 'catalogue.manage_areas' : 'catalogue.approve', { unitPath: c.unit_path });
    // A template is read (and adopted) by every unit that compiles catalogues: office admins and publishers anywhere.
    const mayRead = canEdit || canApprove || (c.is_template && grantedPaths(request.actor, ['office_admin', 'publisher']).length > 0);
    if (!mayRead) authorize(request.actor, 'catalogue.edit', { unitPath: c.unit_path });
    const events = (
      await deps.db.query<{ kind: string; at: string; actor_label: string; remarks: string }>(
        `SELECT kind, to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS at, actor_label, remarks FROM catalogue_events WHERE catalogue_id = $1 ORDER BY id`,
        [id],
      )
    ).rows;
    const ctx = app.viewContext(request, reply);
    const notice = extra.notice ?? readNotice(request.query, deps.config.secret);
    return sendPage(
      request,
      reply,
      ctx,
      CatalogueDetailPage({ ctx, c, items: await catalogueItems(deps.db, id), events, can: { edit: canEdit, approve: canApprove }, notice, errors: extra.errors ?? {} }),
      { status: extra.status },
    );
  }

  app.get('/staff/catalogues/coverage', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const paths = grantedPaths(request.actor, ['office_admin', 'publisher', 'reviewer']);
    const calendar = await deps.calendar.get();
    const asOf = today();
    const heads = (await publishedCatalogues(deps.db)).filter((h) => paths.some((p) => h.unit_path.startsWith(p)));
    const assess = (h: CatalogueHead) => assessCatalogue(deps.db, h, calendar, asOf);
    const rows = [];
    for (const h of heads)
      rows.push({ unitId: h.unit_id, unitName: h.unit_name, areaName: h.area_name, catalogueId: h.id, counts: summarise((await assess(h)).map((x) => x.coverage)) });
    const pick = Number((request.query as Record<string, unknown>).catalogue) || 0;
    const chosen = heads.find((h) => h.id === pick);
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      CoveragePage({ ctx, asOf, rows, detail: chosen ? { unitName: chosen.unit_name, areaName: chosen.area_name, items: await assess(chosen) } : undefined }),
    );
  });

  // A blank standard-layout workbook of an area, to fill offline and import (any staff who compile catalogues).
  app.get('/staff/catalogues/areas/:code/blank.xlsx', async (request, reply) => {
    if (!grantedPaths(request.actor, ['office_admin', 'publisher']).length) authorize(request.actor, 'catalogue.manage_areas');
    const area = (await listAreas(deps.db)).find((a) => a.code === (request.params as { code: string }).code);
    if (!area) throw new NotFoundError('没有这个领域。');
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', contentDisposition(`${area.name}领域标准目录（空白模板）.xlsx`))
      .header('Cache-Control', 'no-store')
      .send(await blankCatalogueXlsx(area.name));
  });

  app.get('/staff/catalogues/:id', async (request, reply) => {
    const raw = (request.params as { id: string }).id;
    const m = /^(\d+)(\.xlsx)?$/.exec(raw);
    if (!m) throw new NotFoundError('没有找到这个目录。');
    if (!m[2]) return detail(request, reply, Number(m[1]));
    const c = await getCatalogue(deps.db, Number(m[1]));
    // Templates are for every unit that compiles a catalogue; other drafts for their unit and its approvers.
    if (c.is_template && !grantedPaths(request.actor, ['office_admin', 'publisher']).length) authorize(request.actor, 'catalogue.manage_areas');
    if (!c.is_template && c.state !== 'published')
      authorize(request.actor, can(request.actor, 'catalogue.approve', { unitPath: c.unit_path }) ? 'catalogue.approve' : 'catalogue.edit', { unitPath: c.unit_path });
    const title = `${c.unit_name}${c.area_name}领域基层政务公开标准目录`;
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', contentDisposition(`${title}.xlsx`))
      .header('Cache-Control', 'no-store')
      .send(await catalogueXlsx(title, await catalogueItems(deps.db, c.id)));
  });

  formRoute(app, '/staff/catalogues/:id/:step', {
    guard: (request) => {
      const step = (request.params as { step: string }).step as CatalogueStep;
      if (!(step in CATALOGUE_STEPS)) throw new NotFoundError('没有这个步骤。');
      return { id: Number((request.params as { id: string }).id) || 0, step };
    },
    schema: z.object({ remarks: field.text(2000) }),
    render: ({ request, reply, subject }, state) =>
      detail(request, reply, subject.id, { errors: Object.keys(state.errors).length ? state.errors : { step: state.message ?? '' }, status: state.status }),
    run: async (input, { request, reply, subject: { id, step } }) => {
      await transitionCatalogue(deps.db, request.actor, deps.clock.now(), id, step, input.remarks);
      return reply.redirect(withNotice(`/staff/catalogues/${id}`, `已完成：${CATALOGUE_STEPS[step].label}`, deps.config.secret), 303);
    },
  });

  async function filePage(request: FastifyRequest, reply: FastifyReply, itemId: number, extra: Extra = {}) {
    const item = await getItem(deps.db, itemId);
    if (!item) throw new NotFoundError('没有找到这条信息。');
    authorize(request.actor, 'item.draft', { unitPath: item.unit_path });
    const options: { value: string; label: string }[] = [];
    for (const h of await publishedCatalogues(deps.db, item.unit_id))
      for (const i of await catalogueItems(deps.db, h.id))
        options.push({ value: `${h.area_code}|${i.itemKey}`, label: `${h.area_name}：${i.level1}${i.level2 ? ` / ${i.level2}` : ''}` });
    const cur = await deps.db.query<{ a: string | null; k: string | null; title: string }>(
      'SELECT i.catalogue_area AS a, i.catalogue_key AS k, v.title FROM information_items i JOIN item_versions v ON v.id = (SELECT max(id) FROM item_versions WHERE item_id = i.id) WHERE i.id = $1',
      [itemId],
    );
    const row = cur.rows[0];
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      FileItemPage({ ctx, item: { id: itemId, title: row.title }, options, current: row.a && row.k ? `${row.a}|${row.k}` : '', errors: extra.errors ?? {}, notice: extra.notice }),
      { status: extra.status },
    );
  }

  app.get('/staff/items/:id/catalogue', async (request, reply) => filePage(request, reply, Number((request.params as { id: string }).id) || 0));
  formRoute(app, '/staff/items/:id/catalogue', {
    guard: (request) => Number((request.params as { id: string }).id) || 0,
    schema: z.object({ catalogue: field.text(200) }),
    render: ({ request, reply, subject: id }, state) => filePage(request, reply, id, state),
    run: async (input, { request, reply, subject: id }) => {
      await fileItemUnderCatalogue(deps.db, request.actor, deps.clock.now(), id, input.catalogue);
      return filePage(request, reply, id, { notice: '已保存。' });
    },
  });
}
