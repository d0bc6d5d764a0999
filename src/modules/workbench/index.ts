/** The workbench module's entry points: the staff dashboard with each person's queues. */
export { registerWorkbenchRoutes } from './routes.staff.tsx';
export { queuesFor } from './queues.ts';
