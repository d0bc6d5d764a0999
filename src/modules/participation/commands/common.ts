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

/** One entry of the consultation's event log, and the same in the audit log. */
export async function recordEvent(tx: Queryable, actor: Actor, now: Date, c: Pick<ConsultationRow, 'id' | 'unit_id'>, kind: string, details: Record<string, unknown> = {}) {
  await tx.query('INSERT INTO consultation_events (consultation_id, kind, at, actor_user_id, actor_label, details) VALUES ($1, $2, $3, $4, $5, $6)', [
    c.id,
    kind,
    now,
    actorUserId(actor),
    actorLabel(actor),
    JSON.stringify(details),
  ]);
  await audit(tx, actor, { at: now, action: `consultation.${kind}`, subjectType: 'consultation', subjectId: c.id, unitId: c.unit_id, details });
}

export async function participationContext(deps: {
  calendar: { get(): Promise<WorkingDayCalendar> };
  clock: { now(): Date };
  config: { feedbackWorkingDays: number };
}): Promise<ParticipationContext> {
  const now = deps.clock.now();
  return { now, today: chinaDate(now), calendar: await deps.calendar.get(), feedbackWorkingDays: deps.config.feedbackWorkingDays };
}
