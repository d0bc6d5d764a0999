/** The catalogues module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { assessCatalogue } from './assess.ts';
export { catalogueQueueCounts, publishedCatalogues } from './queries.ts';
export { registerCataloguePublicRoutes } from './routes.public.tsx';
export { registerCatalogueStaffRoutes } from './routes.staff.tsx';
