/** What every consultation command shares: the context, the lock with authorisation, and the event log. */
import type { Queryable } from '../../../lib/db.ts';
import { actorLabel, actorUserId, authorize, type Action, type Actor } from '../../../lib/authz.ts';
import { audit } from '../../../lib/audit.ts';
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

/** The participation records that keep an event log, each in its own table (state machines of one shape). */
const EVENT_LOGS = {
  consultation: { table: 'consultation_events', column: 'consultation_id' },
  decision: { table: 'decision_entry_events', column: 'entry_id' },
  meeting: { table: 'meeting_events', column: 'meeting_id' },
  survey: { table: 'survey_events', column: 'survey_id' },
} as const;

/** One entry of a record's event log, and the same in the audit log (action `<kind of record>.<event>`). */
export async function logEvent(
  tx: Queryable,
  record: keyof typeof EVENT_LOGS,
  actor: Actor,
  now: Date,
  subject: { id: number; unit_id: number },
  kind: string,
  details: Record<string, unknown> = {},
) {
  const { table, column } = EVENT_LOGS[record];
  await tx.query(`INSERT INTO ${table} (${column}, kind, at, actor_user_id, actor_label, details) VALUES ($1, $2, $3, $4, $5, $6)`, [
    subject.id,
    kind,
    now,
    actorUserId(actor),
    actorLabel(actor),
    JSON.stringify(details),
  ]);
  const subjectType = record === 'decision' ? 'decision_entry' : record;
  await audit(tx, actor, { at: now, action: `${record}.${kind}`, subjectType, subjectId: subject.id, unitId: subject.unit_id, details });
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
