/** The audit log as the office reads it: filtered, paged, scoped to the units the reader administers. */
import type { Queryable } from '../../lib/db.ts';

export interface AuditFilter {
  q?: string;
  action?: string;
  from?: string;
  to?: string;
}

export interface AuditRow {
  seq: number | null;
  at: Date;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string;
  unit_name: string | null;
  ip: string;
  details: Record<string, unknown>;
}

/**
 * Entries about units in the reader's subtrees; entries with no unit (sign-ins, city-wide settings) only for a reader
 * whose grant is at the top of the tree. Free text matches the actor, the subject and the details.
 */
export async function listAudit(q: Queryable, paths: string[], seesCityWide: boolean, f: AuditFilter, limit: number, offset: number) {
  const where: string[] = [`(u.path LIKE ANY ($1::text[])${seesCityWide ? ' OR a.unit_id IS NULL' : ''})`];
  const params: unknown[] = [paths.map((p) => `${p}%`)];
  /** Adds a condition whose every `?` is the one new parameter. */
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  const like = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);
  if (f.q) add('(a.actor_label ILIKE ? OR a.subject_id ILIKE ? OR a.details::text ILIKE ?)', `%${like(f.q)}%`);
  if (f.action) add('a.action LIKE ?', `${like(f.action)}%`);
  if (f.from) add(`a.at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, f.from);
  if (f.to) add(`a.at < ((?::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`, f.to);
  const sql = `FROM audit_log a LEFT JOIN units u ON u.id = a.unit_id WHERE ${where.join(' AND ')}`;
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n ${sql}`, params)).rows[0].n;
  const rows = (
    await q.query<AuditRow>(
      `SELECT a.seq::int AS seq, a.at, a.actor_label, a.action, a.subject_type, a.subject_id, u.name AS unit_name, a.ip, a.details ${sql} ORDER BY a.id DESC LIMIT ${limit} OFFSET ${offset}`,
      params,
    )
  ).rows;
  return { rows, total };
}
