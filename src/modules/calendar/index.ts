/** The calendar module's entry points: other modules, the app and the CLI import from here, never a file inside. */
export { registerCalendarRoutes } from './routes.staff.tsx';
export { CalendarService, loadCalendar } from './service.ts';
