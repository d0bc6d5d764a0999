/** The search module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { reindexSearch } from './commands/reindex.ts';
export { analyse, SearchEngine } from './engine.ts';
export { evaluateFiles } from './evaluate.ts';
export { FACET_KEYS, readFilters } from './facets.ts';
export { cleanQuery } from './query.ts';
export { PopularCache } from './queryLog.ts';
export { registerSearchRoutes } from './routes.public.tsx';
export { registerSearchStaffRoutes } from './routes.staff.tsx';
export { runSearch } from './run.ts';
export { SearchIndex } from './searchIndex.ts';
export type { SearchDoc } from './searchIndex.ts';
export { SearchService, pruneSearchChanges } from './service.ts';
export { bigrams, tokenize } from './text.ts';
