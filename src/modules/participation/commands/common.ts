/** What every consultation command shares: the context, the lock with authorisation, and the event log. */
import type { Queryable } from '../../../lib/db.ts';
import { authorize, type Action, type Actor } from '../../../lib/authz.ts';
import { logRecordEvent, type EventLog } from '../../../lib/audit.ts';
import { NotFoundError } from '../../../lib/errors.ts';
import type { WorkingDayCalendar } from '../../../lib/calendar.ts';
import { getConsultation, type ConsultationRow } from '../queries.ts';
import { chinaDate } from '../../../lib/clock.ts';

export interface ParticipationContext {
  now: Date;
  today: string;
  calendar: WorkingDayCalendar;
  feedbackWorkingDays: number;
}

export async function openConsultation(tx: Queryable, actor: Actor, id: number, action: Action = 'consultation.edit'): Promise<ConsultationRow> {
  const c = await getConsultation(tx, id, true);
  if (!c) throw new NotFoundError('没有这项意见征集。');
  authorize(actor, action, { unitPath: c.unit_path });
  return c;
}

/** The participation records that keep an event log, each in its own table. */
const EVENT_LOGS = {
  consultation: { table: 'consultation_events', column: 'consultation_id', subjectType: 'consultation', actionPrefix: 'consultation' },
  decision: { table: 'decision_entry_events', column: 'entry_id', subjectType: 'decision_entry', actionPrefix: 'decision' },
  meeting: { table: 'meeting_events', column: 'meeting_id', subjectType: 'meeting', actionPrefix: 'meeting' },
  survey: { table: 'survey_events', column: 'survey_id', subjectType: 'survey', actionPrefix: 'survey' },
} as const satisfies Record<string, EventLog>;

/** One entry of a record's event log, and the same in the audit log (action `<kind of record>.<event>`). */
export function logEvent(
  tx: Queryable,
  record: keyof typeof EVENT_LOGS,
  actor: Actor,
  now: Date,
  subject: { id: number; unit_id: number },
  kind: string,
  details: Record<string, unknown> = {},
) {
  return logRecordEvent(tx, EVENT_LOGS[record], actor, now, subject, kind, details);
}

/** The consultation's event log. */
export function recordEvent(tx: Queryable, actor: Actor, now: Date, c: Pick<ConsultationRow, 'id' | 'unit_id'>, kind: string, details: Record<string, unknown> = {}) {
  return logEvent(tx, 'consultation', actor, now, c, kind, details);
}

export async function participationContext(deps: {
  calendar: { get(): Promise<WorkingDayCalendar> };
  clock: { now(): Date };
  config: { feedbackWorkingDays: number };
}): Promise<ParticipationContext> {
  const now = deps.clock.now();
  return { now, today: chinaDate(now), calendar: await deps.calendar.get(), feedbackWorkingDays: deps.config.feedbackWorkingDays };
}
