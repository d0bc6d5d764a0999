/** The requests module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { caseContext } from './caseStore.ts';
export { caseQueueCounts, DUE_SOON_WORKING_DAYS } from './queries.ts';
export { remindDue } from './commands/remindDue.ts';
export { OUTCOME_BY_CODE } from './outcomes.ts';
export { registerRequestApi } from './routes.api.ts';
export { registerRequestPublicRoutes } from './routes.public.tsx';
export { registerRequestStaffRoutes } from './routes.staff.tsx';
export { CASE_STATE_LABELS, DUE_STATES, sqlStates } from './states.ts';
export type { CaseState } from './states.ts';
