/** The opendata module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { addResource, approveDataset, removeResource, returnDataset, saveDataset, submitDataset, withdrawDataset } from './commands.ts';
export { freshnessRecords, publishedDataset, publishedDatasets } from './queries.ts';
export { FREQUENCIES, isOverdue } from './rules.ts';
export { registerCkanApi } from './routes.ckan.ts';
export { registerOpendataPublicRoutes } from './routes.public.tsx';
export { registerOpendataStaffRoutes } from './routes.staff.tsx';
export { registerOpendataAccessRoutes } from './routes.access.tsx';
export { opendataQueueCounts } from './queues.ts';
export { applyForData, grantApplication } from './applications.ts';
export { answerDemand, submitDemand } from './demands.ts';
export { cachedCatalogue } from './ckan.ts';
export { datasetHints, datasetsForCatalogue, type DatasetHint } from './hints.ts';
