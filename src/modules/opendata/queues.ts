/** The data catalogue's queues for the workbench: applications to decide and demands to answer, with the late ones. */
import type { Queryable } from '../../lib/db.ts';

export async function opendataQueueCounts(q: Queryable, paths: string[], today: string) {
  if (!paths.length) return { applications: 0, applications_late: 0, demands: 0, demands_late: 0 };
  const like = paths.map((p) => `${p}%`);
  const a = (
    await q.query<{ open: number; late: number }>(
      `SELECT count(*)::int AS open, count(*) FILTER (WHERE a.due_on < $2)::int AS late
         FROM data_access_applications a JOIN units u ON u.id = a.unit_id WHERE a.state = 'received' AND u.path LIKE ANY($1)`,
      [like, today],
    )
  ).rows[0];
  const m = (
    await q.query<{ open: number; late: number }>(
      `SELECT count(*)::int AS open, count(*) FILTER (WHERE m.due_on < $2)::int AS late
         FROM data_demands m JOIN units u ON u.id = m.unit_id WHERE m.state = 'open' AND u.path LIKE ANY($1)`,
      [like, today],
    )
  ).rows[0];
  return { applications: a.open, applications_late: a.late, demands: m.open, demands_late: m.late };
}
