/** The reports module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { buildReport, reportQueueCounts } from './build.ts';
export { importReport } from './commands/importReport.ts';
export { reportDocx, reportXlsx } from './export.ts';
export { reportBlocks } from './layout.ts';
export { registerReportStaffRoutes } from './routes.staff.tsx';
