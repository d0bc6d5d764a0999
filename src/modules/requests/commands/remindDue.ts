/**
 * Reminders before due dates (run by every node's timer and by `npx gongkai requests remind`): a case due within
 * REMIND_WORKING_DAYS, a case past its due date, and a 补正 notice that must go out within the next two working
 * days. The primary key of case_reminders makes each reminder exist once, whichever node gets there first.
 */
import { DUE_STATES, RUNNING_STATES, sqlStates, type CaseState } from '../states.ts';
import type { Db } from '../../../lib/db.ts';
import type { CaseContext } from '../caseStore.ts';
import { CORRECTION_NOTICE_WORKING_DAYS } from '../clock.ts';

export const REMIND_WORKING_DAYS = 3;

export async function remindDue(db: Db, ctx: CaseContext): Promise<number> {
  const soon = ctx.calendar.addWorkingDays(ctx.today, REMIND_WORKING_DAYS).date;
  const open = await db.query<{ id: number; due_on: string | null; received_on: string | null; state: CaseState; noticed: boolean }>(
    `SELECT c.id::int, c.due_on::text, c.received_on::text, c.state,
            EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = 'request_correction') AS noticed
       FROM request_cases c WHERE c.state IN ${sqlStates(DUE_STATES)}`,
  );
  let created = 0;
  for (const c of open.rows) {
    const wanted: { kind: string; due: string }[] = [];
    if (c.due_on && c.due_on < ctx.today) wanted.push({ kind: 'overdue', due: c.due_on });
    else if (c.due_on && c.due_on <= soon && RUNNING_STATES.includes(c.state)) wanted.push({ kind: 'due_soon', due: c.due_on });
    if (c.state === 'handling' && c.received_on && !c.noticed) {
      const noticeDue = ctx.calendar.addWorkingDays(c.received_on, CORRECTION_NOTICE_WORKING_DAYS).date;
      if (noticeDue >= ctx.today && noticeDue <= ctx.calendar.addWorkingDays(ctx.today, 2).date) wanted.push({ kind: 'correction_notice_due', due: noticeDue });
    }
    for (const w of wanted) {
      const r = await db.query('INSERT INTO case_reminders (case_id, kind, due_on, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING case_id', [
        c.id,
        w.kind,
        w.due,
        ctx.now,
      ]);
      created += r.rows.length;
    }
  }
  return created;
}

export const REMINDER_LABELS: Record<string, string> = {
  due_soon: `${REMIND_WORKING_DAYS}个工作日内到期`,
  overdue: '已超过答复期限',
  correction_notice_due: '如需补正，须在此日前一次性告知（条例第三十条）',
};
