/** The supervision module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { checkLinks } from './linkCheck.ts';
export { registerSupervisionRoutes } from './routes.staff.tsx';
export { unitIndicators } from './build.ts';
