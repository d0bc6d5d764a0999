/** The 基层政务公开标准化规范化 section of a unit's column: its published catalogues and what is filed under them. */
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { sendPublicPage } from '../../lib/render.ts';
import { getUnitBySlug } from '../orgs/index.ts';
import { sectionsForUnit } from '../publishing/index.ts';
import { catalogueItems, filedItems, publishedCatalogues } from './queries.ts';
import { CataloguePortalPage } from './views/publicPage.tsx';

export function registerCataloguePublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  app.get('/xxgk/:unit/jczwgk', async (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => {
      const unit = await getUnitBySlug(deps.db, (request.params as { unit: string }).unit);
      if (!unit) throw new NotFoundError('没有这个单位。');
      const area = String((request.query as Record<string, unknown>).area ?? '').slice(0, 4);
      const heads = await publishedCatalogues(deps.db, unit.id);
      // One area at a time: a county's 26 catalogues would make one very long page.
      const head = heads.find((h) => h.area_code === area) ?? heads[0];
      const shown = head
        ? {
            head,
            items: await catalogueItems(deps.db, head.id),
            filed: await filedItems(deps.db, unit.id, head.area_code),
            // The knowledge base builds on catalogues, so its answers arrive through the app (no import cycle).
            answers: await app.catalogueAnswers(unit.id, head.area_code),
            datasets: await app.catalogueDatasets(unit.id, head.area_code),
          }
        : undefined;
      return CataloguePortalPage({ ctx, unit, sections: await sectionsForUnit(deps.db, unit), heads, shown });
    }),
  );
}
