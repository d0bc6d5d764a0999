/** The portal module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { listPublicItems } from './queries.ts';
export type { PublicListRow } from './queries.ts';
export { registerPortalRoutes } from './routes.public.tsx';
export { ColumnFrame } from './views/frame.tsx';
export { visitsReport } from './pageViews.ts';
export type { VisitRow } from './pageViews.ts';
