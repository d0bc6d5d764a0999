/** The context every message command takes: the time, the calendar, and how the writer can be reached. */
import { chinaDate } from '../../lib/clock.ts';
import type { WorkingDayCalendar } from '../../lib/calendar.ts';
import type { MessageContext } from './commands/handle.ts';

export async function messageContext(deps: {
  clock: { now(): Date };
  calendar: { get(): Promise<WorkingDayCalendar> };
  config: { sms?: { templates: Record<string, string> } };
}): Promise<MessageContext> {
  const now = deps.clock.now();
  return { now, today: chinaDate(now), calendar: await deps.calendar.get(), contact: { smsEnabled: !!deps.config.sms, smsTemplates: deps.config.sms?.templates ?? {} } };
}
