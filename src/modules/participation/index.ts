/** The participation module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { notifyDispositions } from './commands/feedback.ts';
export { consultationQueueCounts, feedbackRecords } from './queries.ts';
export { registerParticipationApi } from './routes.api.ts';
export { registerParticipationPublicRoutes } from './routes.public.tsx';
export { registerParticipationStaffRoutes } from './routes.staff.tsx';
