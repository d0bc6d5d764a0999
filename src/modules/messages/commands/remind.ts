/**
 * Reminders of due dates to the owner unit's 留言承办人 (run by every node's timer, like the requests' reminders): a
 * message due within REMIND_WORKING_DAYS, and one past its due date. The primary key of message_reminders makes each
 * reminder exist once, whichever node gets there first; a new due date (an extension, a transfer) reminds again.
 */
import type { Db } from '../../../lib/db.ts';
import { inTx } from '../../../lib/db.ts';
import { notifyOfficers } from '../notify.ts';
import type { MessageContext } from './handle.ts';

export const REMIND_WORKING_DAYS = 2;

export async function remindMessagesDue(db: Db, ctx: MessageContext): Promise<number> {
  const soon = ctx.calendar.addWorkingDays(ctx.today, REMIND_WORKING_DAYS).date;
  const due = await db.query<{ id: number; case_no: string; title: string; due_on: string; unit_path: string }>(
    `SELECT m.id::int, m.case_no, m.title, m.due_on::text, u.path AS unit_path FROM messages m JOIN units u ON u.id = m.unit_id
      WHERE m.state IN ('open', 'reviewing') AND m.due_on <= $1`,
    [soon],
  );
  let created = 0;
  for (const m of due.rows) {
    const kind = m.due_on < ctx.today ? 'overdue' : 'due_soon';
    await inTx(db, async (tx) => {
      const r = await tx.query('INSERT INTO message_reminders (message_id, kind, due_on, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING message_id', [
        m.id,
        kind,
        m.due_on,
        ctx.now,
      ]);
      if (!r.rows.length) return;
      created++;
      await notifyOfficers(tx, ctx.now, { ...m, title: `${kind === 'overdue' ? '已逾期' : `${m.due_on}到期`}：${m.title}` }, m.unit_path, 'message.due');
    });
  }
  return created;
}
