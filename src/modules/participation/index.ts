/** The participation module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { notifyDispositions } from './commands/feedback.ts';
export { consultationQueueCounts, feedbackRecords } from './queries.ts';
export { registerParticipationApi } from './routes.api.ts';
export { registerParticipationPublicRoutes } from './routes.public.tsx';
export { registerParticipationStaffRoutes } from './routes.staff.tsx';
export { registerDecisionPublicRoutes } from './decisions.routes.public.tsx';
export { registerDecisionStaffRoutes } from './decisions.routes.staff.tsx';
export { registerMeetingStaffRoutes } from './meetings.routes.staff.tsx';
export { decisionFindings } from './decisionQueries.ts';
export { unitMeetings } from './meetingQueries.ts';
export { openMeetingCounts } from './meetings.ts';
export { registerSurveyPublicRoutes } from './surveys.routes.public.tsx';
export { registerSurveyStaffRoutes } from './surveys.routes.staff.tsx';
export { participationFacts, participationSentence } from './decisionQueries.ts';
export type { ParticipationFacts } from './decisionQueries.ts';
export { publishConsultation, saveConsultation } from './commands/consultations.ts';
export { generateFeedback } from './commands/feedback.ts';
export { listComments } from './queries.ts';
