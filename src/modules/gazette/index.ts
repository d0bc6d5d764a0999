/** The gazette module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { addEntry, createIssue, moveEntry, nextNumbers, publishIssue, removeEntry, updateIssue, withdrawIssue } from './commands.ts';
export { citationsOf, dueItems, gazetteName, gazetteUnit, itemCitations } from './queries.ts';
export { citationText, defaultSection } from './rules.ts';
export { importLegacyIssues } from './importLegacy.ts';
export { LEGACY_COLUMNS, parseLegacySheet } from './legacy.ts';
export { registerGazetteApi } from './routes.api.ts';
export { registerGazettePublicRoutes } from './routes.public.tsx';
export { registerGazetteStaffRoutes } from './routes.staff.tsx';
