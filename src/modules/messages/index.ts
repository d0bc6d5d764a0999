/** The messages module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { decideTransfer, mergeMessage, publishMessage, receiveMessage, replyMessage, requestTransfer, resolveDispute, withdrawMessage } from './commands/handle.ts';
export type { MessageContext, MessageInput } from './commands/handle.ts';
export { getMessage, getMessageByCaseNo, inbox, publicArchive } from './queries.ts';
export { CHANNELS, MESSAGE_TYPES, STATE_LABELS } from './rules.ts';
export { registerMessagePublicRoutes } from './routes.public.tsx';
export { registerMessageStaffRoutes } from './routes.staff.tsx';
export { rateMessage, recordRectification } from './commands/ratings.ts';
export { supervisionRecords } from './queries.ts';
export { vetoLine } from './rules.ts';
export { registerMessageApi } from './routes.api.ts';
export { extendMessage } from './commands/handle.ts';
export { registerOpen311Routes } from './routes.open311.ts';
export { remindMessagesDue } from './commands/remind.ts';
export { messageContext } from './context.ts';
export { messageYearSentence } from './statistics.ts';
export { addMailbox, saveTemplate } from './commands/settings.ts';
