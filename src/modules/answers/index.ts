/** The answers module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { approveEntry, returnEntry, saveEntry, submitEntry, withdrawEntry } from './commands.ts';
export { answersForCatalogue, answersForItem, currentPublicEntries, publicEntry } from './queries.ts';
export { registerAnswerPublicRoutes } from './routes.public.tsx';
export { answerFinder } from './finder.ts';
export { registerAnswerStaffRoutes } from './routes.staff.tsx';
export { answerSupervisionRecords } from './queries.ts';
export { opinionRecordsOf } from './opinionStore.ts';
export { clocks as opinionClocks } from './opinion.ts';
export { concernGaps } from './concerns.ts';
export { saveConcern, retireConcern } from './concerns.ts';
export { closeIncident, opinionYearSentence, recordResponse, registerIncident } from './opinionStore.ts';
export { evaluateAnswerFiles, evaluateAnswers } from './evaluate.ts';
export { registerAnswerApi } from './routes.api.ts';
export { countHint, hintCounts } from './queries.ts';
