/** The enforcement-publicity module's entry points: other modules, the app and the CLI import from here only. */
export { importDecisions, recordDecision, revokeDecision, type RowSource } from './commands.ts';
export { makeDraw, publishDrawResults, publishYearStats, saveRegisterEntry, withdrawRegisterEntry } from './registerCommands.ts';
export { runDraw, poolHash, ALGORITHM } from './draw.ts';
export { headerOf, KINDS } from './rules.ts';
export { supervisionRecords as enforcementSupervisionRecords, type EnforcementSupervision } from './queries.ts';
export { registerEnforcementApi } from './routes.api.ts';
export { registerEnforcementPublicRoutes } from './routes.public.tsx';
export { registerEnforcementStaffRoutes } from './routes.staff.tsx';
