/** The proposals module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { decidePublication, recordFeedback, registerProposal, replyProposal, withdrawProposal } from './commands.ts';
export { getProposal, proposalsOfYear } from './queries.ts';
export { registerProposalPublicRoutes } from './routes.public.tsx';
export { registerProposalStaffRoutes } from './routes.staff.tsx';
export { reportSentence, yearSummary, KINDS as PROPOSAL_KINDS } from './rules.ts';
export { proposalFacts } from './facts.ts';
export { proposalSupervisionRecords } from './queries.ts';
