/**
 * 政务舆情回应 records, each change in one transaction with its event and audit entry: the office registers an
 * incident, records each response with the time it was given and the published item that carries it, and closes the
 * incident with a summary. Reads for the staff pages and supervision.
 */
import { inTx, type DbOrTx, type Queryable } from '../../lib/db.ts';
import { authorize, type Actor } from '../../lib/authz.ts';
import { logRecordEvent, type EventLog } from '../../lib/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { getUnit } from '../orgs/index.ts';
import { resolveItemRefs } from '../publishing/index.ts';
import { clocks, RESPONSE_KINDS, SEVERITY, type ResponseKind, type Severity } from './opinion.ts';

const LOG: EventLog = { table: 'opinion_events', column: 'incident_id', subjectType: 'opinion_incident', actionPrefix: 'opinion' };

export interface IncidentRow {
  id: number;
  unit_id: number;
  unit_path: string;
  responsible_unit_ids: number[];
  responsible_names: string[];
  title: string;
  description: string;
  severity: Severity;
  surfaced_at: Date;
  state: 'open' | 'closed';
  summary: string;
  closed_at: Date | null;
}

export interface ResponseRow {
  id: number;
  kind: ResponseKind;
  given_at: Date;
  item_id: number | null;
  item_title: string | null;
  unit_slug: string | null;
  note: string;
}

const SELECT = `SELECT i.id, i.unit_id, u.path AS unit_path, i.responsible_unit_ids,
       ARRAY(SELECT r.name FROM units r WHERE r.id = ANY(i.responsible_unit_ids) ORDER BY r.path) AS responsible_names,
       i.title, i.description, i.severity, i.surfaced_at, i.state, i.summary, i.closed_at
  FROM opinion_incidents i JOIN units u ON u.id = i.unit_id`;

export async function getIncident(q: Queryable, id: number): Promise<IncidentRow | undefined> {
  return (await q.query<IncidentRow>(`${SELECT} WHERE i.id = $1`, [id])).rows[0];
}

/** Incidents registered in the given units, or naming one of them responsible. */
export async function incidentsOf(q: Queryable, paths: string[]): Promise<IncidentRow[]> {
  if (!paths.length) return [];
  return (
    await q.query<IncidentRow>(
      `${SELECT} WHERE u.path LIKE ANY($1) OR EXISTS (SELECT 1 FROM units r WHERE r.id = ANY(i.responsible_unit_ids) AND r.path LIKE ANY($1))
       ORDER BY i.surfaced_at DESC LIMIT 500`,
      [paths.map((p) => `${p}%`)],
    )
  ).rows;
}

export async function responsesOf(q: Queryable, incidentId: number): Promise<ResponseRow[]> {
  return (
    await q.query<ResponseRow>(
      `SELECT r.id, r.kind, r.given_at, r.item_id, v.title AS item_title, u.slug AS unit_slug, r.note
         FROM opinion_responses r LEFT JOIN information_items i ON i.id = r.item_id LEFT JOIN item_versions v ON v.id = i.current_version_id
         LEFT JOIN units u ON u.id = i.unit_id WHERE r.incident_id = $1 ORDER BY r.given_at, r.id`,
      [incidentId],
    )
  ).rows;
}

/** A date-time typed as 2026-03-02T09:30 (China time), as an instant. */
export function chinaInstant(s: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s)) return null;
  const d = new Date(`${s}:00+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export async function registerIncident(
  db: DbOrTx,
  actor: Actor,
  now: Date,
  input: { unitId: number; title: string; description: string; severity: string; surfacedAt: string; responsibleUnitIds: number[] },
): Promise<number> {
  const errors: Record<string, string> = {};
  if (!input.title.trim()) errors.title = '请填写舆情事项';
  if (!(input.severity in SEVERITY)) errors.severity = '请选择级别';
  const surfaced = chinaInstant(input.surfacedAt);
  if (!surfaced || surfaced > now) errors.surfacedAt = '请填写舆情出现的时间（不晚于现在），如 2026-03-02T09:30';
  if (!input.responsibleUnitIds.length) errors.responsibleUnitIds = '请选择负责回应的单位';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTx(db, async (tx) => {
    const unit = await getUnit(tx, input.unitId);
    if (!unit) throw new ValidationError({ unitId: '请选择单位' });
    authorize(actor, 'opinion.manage', { unitPath: unit.path });
    for (const id of input.responsibleUnitIds) if (!(await getUnit(tx, id))) throw new ValidationError({ responsibleUnitIds: '负责单位不存在' });
    const r = await tx.query<{ id: number }>(
      `INSERT INTO opinion_incidents (unit_id, responsible_unit_ids, title, description, severity, surfaced_at, state, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $7) RETURNING id`,
      [unit.id, [...new Set(input.responsibleUnitIds)], input.title.trim().slice(0, 200), input.description.trim().slice(0, 5000), input.severity, surfaced, now],
    );
    await logRecordEvent(tx, LOG, actor, now, { id: r.rows[0].id, unit_id: unit.id }, 'registered', { severity: input.severity, surfacedAt: surfaced });
    return r.rows[0].id;
  });
}

export async function recordResponse(db: DbOrTx, actor: Actor, now: Date, id: number, input: { kind: string; givenAt: string; itemRef: string; note: string }) {
  return inTx(db, async (tx) => {
    await tx.query('SELECT 1 FROM opinion_incidents WHERE id = $1 FOR UPDATE', [id]);
    const inc = await getIncident(tx, id);
    if (!inc) throw new NotFoundError('没有这件舆情。');
    authorize(actor, 'opinion.manage', { unitPath: inc.unit_path });
    if (inc.state === 'closed') throw new ConflictError('OPINION_CLOSED', '这件舆情已办结。');
    const errors: Record<string, string> = {};
    if (!(input.kind in RESPONSE_KINDS)) errors.kind = '请选择回应方式';
    const given = chinaInstant(input.givenAt);
    if (!given || given > now || given < inc.surfaced_at) errors.givenAt = '请填写回应的时间（在舆情出现之后、不晚于现在）';
    let itemId: number | null = null;
    if (input.itemRef.trim()) {
      const link = /\/items\/(\d{1,12})(?:\D|$)/.exec(input.itemRef);
      const refs = link ? { ids: [Number(link[1])], errors: [] } : await resolveItemRefs(tx, [input.itemRef]);
      if (refs.errors.length) errors.itemRef = refs.errors[0];
      else itemId = refs.ids[0];
    } else if (input.kind !== 'press_conference') errors.itemRef = '请填写发布回应的信息（索引号、文号、标题全文或链接）';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    await tx.query('INSERT INTO opinion_responses (incident_id, kind, given_at, item_id, note, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      id,
      input.kind,
      given,
      itemId,
      input.note.trim().slice(0, 2000),
      now,
    ]);
    await tx.query('UPDATE opinion_incidents SET updated_at = $2 WHERE id = $1', [id, now]);
    await logRecordEvent(tx, LOG, actor, now, inc, 'responded', { kind: input.kind, givenAt: given, itemId });
  });
}

export async function closeIncident(db: DbOrTx, actor: Actor, now: Date, id: number, summary: string) {
  return inTx(db, async (tx) => {
    await tx.query('SELECT 1 FROM opinion_incidents WHERE id = $1 FOR UPDATE', [id]);
    const inc = await getIncident(tx, id);
    if (!inc) throw new NotFoundError('没有这件舆情。');
    authorize(actor, 'opinion.manage', { unitPath: inc.unit_path });
    if (inc.state === 'closed') throw new ConflictError('OPINION_CLOSED', '这件舆情已办结。');
    if (!summary.trim()) throw new ValidationError({ summary: '请写明回应和处置情况的小结' });
    await tx.query(`UPDATE opinion_incidents SET state = 'closed', summary = $2, closed_at = $3, updated_at = $3 WHERE id = $1`, [id, summary.trim().slice(0, 5000), now]);
    await logRecordEvent(tx, LOG, actor, now, inc, 'closed');
  });
}

/** Incidents a unit is responsible for, with their responses, for supervision. */
export async function opinionRecordsOf(q: Queryable, unitId: number) {
  const rows = (
    await q.query<{ id: number; title: string; severity: Severity; surfaced_at: Date }>(
      'SELECT id, title, severity, surfaced_at FROM opinion_incidents WHERE $1 = ANY(responsible_unit_ids) ORDER BY id',
      [unitId],
    )
  ).rows;
  const out = [];
  for (const r of rows) out.push({ ...r, responses: (await responsesOf(q, r.id)).map((x) => ({ kind: x.kind, given_at: x.given_at })) });
  return out;
}

/** The year's public-opinion incidents a unit registered or was responsible for, as a sentence for its annual report. */
export async function opinionYearSentence(q: Queryable, unitId: number, year: number, now: Date): Promise<string> {
  const rows = (
    await q.query<{ id: number; severity: Severity; surfaced_at: Date }>(
      `SELECT id, severity, surfaced_at FROM opinion_incidents
        WHERE (unit_id = $1 OR $1 = ANY(responsible_unit_ids)) AND surfaced_at >= $2 AND surfaced_at < $3`,
      [unitId, new Date(`${year}-01-01T00:00:00+08:00`), new Date(`${year + 1}-01-01T00:00:00+08:00`)],
    )
  ).rows;
  if (!rows.length) return '';
  let inTime = 0;
  for (const r of rows) {
    const cs = clocks(r.severity, r.surfaced_at, await responsesOf(q, r.id), now);
    if (cs.every((c) => c.status === 'met')) inTime++;
  }
  const major = rows.filter((r) => r.severity === 'major').length;
  return `回应政务舆情${rows.length}件${major ? `（其中特别重大、重大突发事件${major}件）` : ''}，按时回应${inTime}件。`;
}
