/** The audit module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { registerAuditRoutes } from './routes.staff.tsx';
