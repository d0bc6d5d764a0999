/** The normative-documents module's entry points: other modules, the app and the CLI import from here only. */
export { decide, publishCampaign, recordFiling, startCampaign } from './commands.ts';
export { filingOf } from './queries.ts';
export { CONCLUSIONS } from './rules.ts';
export { registerNormativeStaffRoutes } from './routes.staff.tsx';
