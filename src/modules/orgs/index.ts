/** The orgs module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { createUser } from './commands/createUser.ts';
export { asTree, getUnit, getUnitByCode, getUnitBySlug, listUnits, usersHolding } from './queries.ts';
export type { UnitRow } from './queries.ts';
export { registerOrgsRoutes } from './routes.staff.tsx';
export { ROLES } from './schema.ts';
export { SESSION_COOKIE, actorForApiKey, loadActorFromRequest } from './sessions.ts';
export { unitOfficials } from './commands/officials.ts';
export type { Officials } from './commands/officials.ts';
