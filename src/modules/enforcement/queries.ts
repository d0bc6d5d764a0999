/** Reads of 行政执法公示: decisions (search, one, the late ones), the 事前 register, draws, and the yearly figures. */
import type { EventLog } from '../../lib/audit.ts';
import { containsPattern, type Queryable } from '../../lib/db.ts';
import { isValidCreditCode, KINDS, type Kind, type Revocation } from './rules.ts';

export const LOG: EventLog = { table: 'enforcement_events', column: 'decision_id', subjectType: 'enforcement_decision', actionPrefix: 'enforcement' };
export const REGISTER_LOG: EventLog = { table: 'enforcement_register_events', column: 'entry_id', subjectType: 'enforcement_register', actionPrefix: 'enforcement_register' };

export interface DecisionRow {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_slug: string;
  unit_path: string;
  kind: Kind;
  doc_no: string;
  name: string;
  category: string;
  cause: string;
  basis: string;
  subject_type: 'organisation' | 'natural';
  subject_name: string;
  credit_code: string;
  legal_rep: string;
  result: string;
  decided_on: string;
  valid_until: string | null;
  authority: string;
  area_code: string;
  remark: string;
  due_on: string;
  due_provisional: boolean;
  published_at: Date;
  late: boolean;
  state: 'published' | 'withdrawn';
  revocation: Revocation | null;
  revoked_on: string | null;
  explanation: string;
  withdrawn_at: Date | null;
  withdrawal_late: boolean | null;
  import_id: number | null;
}

const DECISION = `SELECT d.*, d.decided_on::text AS decided_on, d.valid_until::text AS valid_until, d.due_on::text AS due_on,
    d.revoked_on::text AS revoked_on, u.name AS unit_name, u.slug AS unit_slug, u.path AS unit_path
  FROM enforcement_decisions d JOIN units u ON u.id = d.unit_id`;

export async function getDecision(q: Queryable, id: number): Promise<DecisionRow | undefined> {
  return (await q.query<DecisionRow>(`${DECISION} WHERE d.id = $1`, [id])).rows[0];
}

export interface DecisionFilter {
  unitId?: number;
  kind?: Kind;
  /** A whole 统一社会信用代码 (found by its index), or words of a 文号, a 相对人 or a decision's name. */
  q?: string;
  from?: string;
  to?: string;
  state?: 'published' | 'withdrawn';
  limit: number;
  offset: number;
}

/** A page of decisions, newest decision first; one more row than asked tells the caller there is a next page. */
export async function findDecisions(q: Queryable, f: DecisionFilter): Promise<{ rows: DecisionRow[]; more: boolean }> {
  const args: unknown[] = [];
  const where: string[] = [];
  const arg = (v: unknown) => `$${args.push(v)}`;
  if (f.unitId) where.push(`d.unit_id = ${arg(f.unitId)}`);
  if (f.kind) where.push(`d.kind = ${arg(f.kind)}`);
  if (f.state) where.push(`d.state = ${arg(f.state)}`);
  if (f.from) where.push(`d.decided_on >= ${arg(f.from)}`);
  if (f.to) where.push(`d.decided_on <= ${arg(f.to)}`);
  if (f.q && isValidCreditCode(f.q.toUpperCase())) where.push(`d.credit_code = ${arg(f.q.toUpperCase())}`);
  else if (f.q) {
    const like = arg(containsPattern(f.q));
    where.push(`(d.doc_no = ${arg(f.q)} OR d.doc_no LIKE ${like} OR d.subject_name LIKE ${like} OR d.name LIKE ${like})`);
  }
  const rows = (
    await q.query<DecisionRow>(
      `${DECISION} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.decided_on DESC, d.id DESC LIMIT ${arg(f.limit + 1)} OFFSET ${arg(f.offset)}`,
      args,
    )
  ).rows;
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}

/** Decisions published late, or withdrawn late, in the given units (for the staff's list), newest first. */
export async function lateDecisions(q: Queryable, unitPaths: string[], limit = 100): Promise<DecisionRow[]> {
  if (!unitPaths.length) return [];
  return (
    await q.query<DecisionRow>(
      `${DECISION} WHERE (d.late OR d.withdrawal_late) AND EXISTS (SELECT 1 FROM unnest($1::text[]) p WHERE u.path LIKE p || '%')
        ORDER BY d.published_at DESC LIMIT $2`,
      [unitPaths, limit],
    )
  ).rows;
}

export interface UnitSummary {
  id: number;
  name: string;
  slug: string;
  path: string;
}

/**
 * Units with anything of 行政执法公示, by one index probe per unit. An EXISTS is planned as a semi-join that hashes
 * the whole decisions table, and a bare LIMIT 1 as a scan that reads every row for a unit that has none (200–350 ms a
 * page at a million decisions); ordering by the index's own order keeps it to the index.
 */
export async function unitSummaries(q: Queryable): Promise<UnitSummary[]> {
  return (
    await q.query<UnitSummary>(
      `SELECT u.id, u.name, u.slug, u.path FROM units u
        WHERE (SELECT d.id FROM enforcement_decisions d WHERE d.unit_id = u.id ORDER BY d.decided_on DESC, d.id DESC LIMIT 1) IS NOT NULL
           OR (SELECT r.id FROM enforcement_register r WHERE r.unit_id = u.id LIMIT 1) IS NOT NULL
        ORDER BY u.path`,
    )
  ).rows;
}

/** A unit's counts for its staff: decisions published, published late, withdrawn, withdrawn late. */
export async function unitCounts(q: Queryable, unitId: number) {
  return (
    await q.query<{ published: number; late: number; withdrawn: number; withdrawal_late: number }>(
      `SELECT count(*) FILTER (WHERE state = 'published')::int AS published, count(*) FILTER (WHERE late)::int AS late,
              count(*) FILTER (WHERE state = 'withdrawn')::int AS withdrawn, count(*) FILTER (WHERE withdrawal_late)::int AS withdrawal_late
         FROM enforcement_decisions WHERE unit_id = $1`,
      [unitId],
    )
  ).rows[0];
}

/** The figures of a year for a unit, computed from the records (decision date in the year). */
export async function yearFigures(q: Queryable, unitId: number, year: number) {
  const rows = (
    await q.query<{ kind: Kind; total: number; late: number; withdrawn: number }>(
      `SELECT kind, count(*)::int AS total, count(*) FILTER (WHERE late)::int AS late, count(*) FILTER (WHERE state = 'withdrawn')::int AS withdrawn
         FROM enforcement_decisions WHERE unit_id = $1 AND decided_on >= $2 AND decided_on < $3 GROUP BY kind`,
      [unitId, `${year}-01-01`, `${year + 1}-01-01`],
    )
  ).rows;
  const byKind = Object.fromEntries(Object.keys(KINDS).map((k) => [k, rows.find((r) => r.kind === k) ?? { total: 0, late: 0, withdrawn: 0 }])) as Record<
    Kind,
    { total: number; late: number; withdrawn: number }
  >;
  for (const k of Object.keys(byKind) as Kind[]) byKind[k] = { total: byKind[k].total, late: byKind[k].late, withdrawn: byKind[k].withdrawn };
  const draws = (
    await q.query<{ n: number; entities: number }>(
      `SELECT count(*)::int AS n, coalesce(sum(entity_count), 0)::int AS entities FROM enforcement_draws WHERE unit_id = $1 AND drawn_at >= $2 AND drawn_at < $3`,
      [unitId, `${year}-01-01T00:00:00+08:00`, `${year + 1}-01-01T00:00:00+08:00`],
    )
  ).rows[0];
  return { year, byKind, total: rows.reduce((s, r) => s + r.total, 0), draws: draws.n, inspectedEntities: draws.entities };
}
export type YearFigures = Awaited<ReturnType<typeof yearFigures>>;

export interface StatsRow {
  unit_id: number;
  year: number;
  figures: YearFigures;
  note: string;
  published_at: Date;
  late: boolean;
}
export async function publishedStats(q: Queryable, unitId: number): Promise<StatsRow[]> {
  return (await q.query<StatsRow>('SELECT * FROM enforcement_annual_stats WHERE unit_id = $1 ORDER BY year DESC', [unitId])).rows;
}

export interface RegisterRow {
  id: number;
  unit_id: number;
  kind: string;
  title: string;
  fields: Record<string, string>;
  review_on: string;
  state: 'current' | 'withdrawn';
  reason: string;
  updated_at: Date;
}
export async function registerOf(q: Queryable, unitId: number, currentOnly: boolean): Promise<RegisterRow[]> {
  return (
    await q.query<RegisterRow>(
      `SELECT id, unit_id, kind, title, fields, review_on::text AS review_on, state, reason, updated_at FROM enforcement_register
        WHERE unit_id = $1 ${currentOnly ? "AND state = 'current'" : ''} ORDER BY kind, id`,
      [unitId],
    )
  ).rows;
}
export async function registerEntry(q: Queryable, id: number): Promise<(RegisterRow & { unit_path: string }) | undefined> {
  return (
    await q.query<RegisterRow & { unit_path: string }>(
      `SELECT r.id, r.unit_id, r.kind, r.title, r.fields, r.review_on::text AS review_on, r.state, r.reason, r.updated_at, u.path AS unit_path
         FROM enforcement_register r JOIN units u ON u.id = r.unit_id WHERE r.id = $1`,
      [id],
    )
  ).rows[0];
}

export interface DrawRow {
  id: number;
  unit_id: number;
  unit_slug: string;
  unit_path: string;
  item_id: number;
  item_title: string;
  title: string;
  entities: { id: string; name: string }[];
  inspectors: { id: string; name: string; certificate: string }[];
  exclusions: { inspector: string; entity: string; reason: string }[];
  entity_count: number;
  inspectors_per_entity: number;
  seed: string;
  pool_hash: string;
  algorithm: string;
  result: { entity: string; inspectors: string[] }[];
  drawn_at: Date;
  actor_label: string;
  inspection_ends_on: string;
  results_due_on: string;
  findings: string;
  results_published_at: Date | null;
  results_late: boolean | null;
}
const DRAW = `SELECT d.*, d.inspection_ends_on::text AS inspection_ends_on, d.results_due_on::text AS results_due_on,
    u.slug AS unit_slug, u.path AS unit_path, r.title AS item_title
  FROM enforcement_draws d JOIN units u ON u.id = d.unit_id JOIN enforcement_register r ON r.id = d.item_id`;
export async function getDraw(q: Queryable, id: number): Promise<DrawRow | undefined> {
  return (await q.query<DrawRow>(`${DRAW} WHERE d.id = $1`, [id])).rows[0];
}
export async function drawsOf(q: Queryable, unitId: number): Promise<DrawRow[]> {
  return (await q.query<DrawRow>(`${DRAW} WHERE d.unit_id = $1 ORDER BY d.id DESC LIMIT 200`, [unitId])).rows;
}

/** A unit's published decisions of a kind, oldest first, a page at a time (for the exports of any size). */
export async function* publishedPages(q: Queryable, unitId: number, kind: Kind, pageSize = 2000): AsyncGenerator<DecisionRow[]> {
  let after = 0;
  for (;;) {
    const rows = (
      await q.query<DecisionRow>(`${DECISION} WHERE d.unit_id = $1 AND d.kind = $2 AND d.state = 'published' AND d.id > $3 ORDER BY d.id LIMIT $4`, [unitId, kind, after, pageSize])
    ).rows;
    if (!rows.length) return;
    yield rows;
    after = rows[rows.length - 1].id;
  }
}

export async function countPublished(q: Queryable, unitId: number, kind: Kind): Promise<number> {
  return (await q.query<{ n: number }>("SELECT count(*)::int AS n FROM enforcement_decisions WHERE unit_id = $1 AND kind = $2 AND state = 'published'", [unitId, kind])).rows[0].n;
}

/** The newest decisions published (for the Atom feeds), of one unit or all. */
export async function recentDecisions(q: Queryable, unitId: number | null, limit = 50): Promise<DecisionRow[]> {
  return (await q.query<DecisionRow>(`${DECISION} WHERE ($1::int IS NULL OR d.unit_id = $1) ORDER BY d.updated_at DESC, d.id DESC LIMIT $2`, [unitId, limit])).rows;
}

export interface EnforcementSupervision {
  /** Decisions published in the 365 days to the date, and those of them published late. */
  published: number;
  late: { id: number; label: string; due_on: string; published_on: string }[];
  lateWithdrawals: { id: number; label: string; revoked_on: string; withdrawn_on: string }[];
  statsYears: number[];
  overdueDraws: { id: number; label: string; results_due_on: string; late_published: boolean }[];
  staleEntries: { id: number; label: string; review_on: string }[];
  active: boolean;
}

/** What the supervision indicator of 行政执法公示 counts for a unit on a date (findings capped at 100 each). */
export async function supervisionRecords(q: Queryable, unitId: number, asOf: string): Promise<EnforcementSupervision> {
  const since = `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4)}`;
  const china = "(published_at AT TIME ZONE 'Asia/Shanghai')::date";
  const published = (
    await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM enforcement_decisions WHERE unit_id = $1 AND ${china} > $2::date AND ${china} <= $3::date`, [unitId, since, asOf])
  ).rows[0].n;
  const late = (
    await q.query<{ id: number; label: string; due_on: string; published_on: string }>(
      `SELECT id, doc_no || ' ' || name AS label, due_on::text, ${china}::text AS published_on FROM enforcement_decisions
        WHERE unit_id = $1 AND late AND ${china} > $2::date AND ${china} <= $3::date ORDER BY published_at DESC LIMIT 100`,
      [unitId, since, asOf],
    )
  ).rows;
  const lateWithdrawals = (
    await q.query<{ id: number; label: string; revoked_on: string; withdrawn_on: string }>(
      `SELECT id, doc_no || ' ' || name AS label, revoked_on::text, (withdrawn_at AT TIME ZONE 'Asia/Shanghai')::date::text AS withdrawn_on FROM enforcement_decisions
        WHERE unit_id = $1 AND withdrawal_late AND revoked_on > $2::date ORDER BY withdrawn_at DESC LIMIT 100`,
      [unitId, since],
    )
  ).rows;
  const statsYears = (await q.query<{ year: number }>('SELECT year FROM enforcement_annual_stats WHERE unit_id = $1', [unitId])).rows.map((r) => r.year);
  const overdueDraws = (
    await q.query<{ id: number; label: string; results_due_on: string; late_published: boolean }>(
      `SELECT id, title AS label, results_due_on::text, coalesce(results_late, false) AS late_published FROM enforcement_draws
        WHERE unit_id = $1 AND ((results_published_at IS NULL AND results_due_on < $2::date) OR (results_late AND results_due_on > $3::date)) ORDER BY id DESC LIMIT 100`,
      [unitId, asOf, since],
    )
  ).rows;
  const staleEntries = (
    await q.query<{ id: number; label: string; review_on: string }>(
      `SELECT id, title AS label, review_on::text FROM enforcement_register WHERE unit_id = $1 AND state = 'current' AND review_on < $2::date ORDER BY review_on LIMIT 100`,
      [unitId, asOf],
    )
  ).rows;
  const active =
    (await q.query('SELECT 1 FROM enforcement_decisions WHERE unit_id = $1 ORDER BY decided_on DESC, id DESC LIMIT 1', [unitId])).rows.length > 0 ||
    (await q.query('SELECT 1 FROM enforcement_register WHERE unit_id = $1 LIMIT 1', [unitId])).rows.length > 0;
  return { published, late, lateWithdrawals, statsYears, overdueDraws, staleEntries, active };
}
