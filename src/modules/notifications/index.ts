/** The notifications module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { deliverDue, enqueueEmail, enqueueSms, messagesAbout, retryDelayMs, MAX_ATTEMPTS } from './outbox.ts';
export type { DeliveryRecord, OutboxLink, Transports } from './outbox.ts';
export { notifyStaff, notifyUsers, settleLoadedHistory, unreadCount, STAFF_KINDS } from './inbox.ts';
export type { StaffKind } from './inbox.ts';
export { notifyContact, mobileNumber, splitContact } from './contact.ts';
export type { ContactSettings } from './contact.ts';
export { transportsFrom } from './transports.ts';
export { startOutboxWorker } from './worker.ts';
export { registerNotificationRoutes } from './routes.staff.tsx';
