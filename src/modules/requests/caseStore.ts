/**
 * Reading and writing cases. Every step goes through `recordStep`: the state machine decides whether it is possible,
 * the event is appended, the case row (state, due date) is brought in step, and the audit log gets a line, all in
 * the caller's transaction.
 */
import { hashCode, newQueryCode } from '../../lib/queryCode.ts';
import type { ContactSettings } from '../notifications/index.ts';
import { notifyDueChange, notifyReceived } from './notify.ts';
import { chinaDate } from '../../lib/clock.ts';
import type { Queryable } from '../../lib/db.ts';
import type { WorkingDayCalendar } from '../../lib/calendar.ts';
import { audit } from '../../lib/audit.ts';
import { actorLabel, actorUserId, type Actor } from '../../lib/authz.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { nextState, type CaseEventKind, type CaseState } from './states.ts';
import { computeClock, type ClockState } from './clock.ts';
import { clockInputFromEvents, type CaseEvent } from './caseClock.ts';

export interface CaseContext {
  calendar: WorkingDayCalendar;
  now: Date;
  /** Today in China (the legal dates of steps). */
  today: string;
  feePausesClock: boolean;
  correctionWorkingDays: number;
  /** How the applicant is told of steps (e-mail, SMS templates); none when absent. */
  contact?: ContactSettings;
  /** Signs the links to released files sent by e-mail; and the largest file accepted. */
  secret?: string;
  maxUploadBytes?: number;
}

export interface CaseRow {
  id: number;
  case_no: string;
  unit_id: number;
  unit_path: string;
  unit_name: string;
  officer_id: number | null;
  officer_name: string | null;
  state: CaseState;
  channel: string;
  applicant_type: 'natural' | 'legal';
  applicant_subtype: string | null;
  applicant_name: string;
  id_type: string;
  id_number: string;
  contact_person: string;
  phone: string;
  email: string;
  address: string;
  postcode: string;
  info_title: string;
  info_doc_no: string;
  info_description: string;
  delivery_form: string;
  delivery_method: string;
  submitted_at: Date;
  received_on: string | null;
  clock_started_on: string | null;
  due_on: string | null;
  due_provisional: boolean;
  outcome: string | null;
  replied_on: string | null;
  delivered_on: string | null;
  published_item_id: number | null;
}

export interface StoredEvent extends CaseEvent {
  id: number;
  at: Date;
  actor_label: string;
}

const CASE_SQL = `SELECT c.id::int, c.case_no, c.unit_id, u.path AS unit_path, u.name AS unit_name, c.officer_id, o.display_name AS officer_name, c.state, c.channel,
    c.applicant_type, c.applicant_subtype, c.applicant_name, c.id_type, c.id_number, c.contact_person, c.phone, c.email, c.address, c.postcode,
    c.info_title, c.info_doc_no, c.info_description, c.delivery_form, c.delivery_method, c.submitted_at,
    c.received_on::text, c.clock_started_on::text, c.due_on::text, c.due_provisional, c.outcome, c.replied_on::text, c.delivered_on::text, c.published_item_id::int
  FROM request_cases c JOIN units u ON u.id = c.unit_id LEFT JOIN users o ON o.id = c.officer_id`;

export async function getCase(q: Queryable, id: number, lock = false): Promise<CaseRow> {
  if (lock) await q.query('SELECT 1 FROM request_cases WHERE id = $1 FOR UPDATE', [id]);
  const r = await q.query<CaseRow>(`${CASE_SQL} WHERE c.id = $1`, [id]);
  if (!r.rows[0]) throw new NotFoundError('没有找到这个申请。');
  return r.rows[0];
}

export async function getCaseByNo(q: Queryable, caseNo: string): Promise<CaseRow | undefined> {
  return (await q.query<CaseRow>(`${CASE_SQL} WHERE c.case_no = $1`, [caseNo])).rows[0];
}

export async function caseEvents(q: Queryable, caseId: number): Promise<StoredEvent[]> {
  return (await q.query<StoredEvent>('SELECT id::int, kind, on_date::text, at, actor_label, details FROM case_events WHERE case_id = $1 ORDER BY id', [caseId])).rows;
}

export function caseClock(events: CaseEvent[], ctx: Pick<CaseContext, 'calendar' | 'today' | 'feePausesClock'>): ClockState | null {
  const input = clockInputFromEvents(events, ctx.feePausesClock);
  return input ? computeClock(ctx.calendar, input, ctx.today) : null;
}

export { hashCode, newQueryCode };

/** The next number of a yearly sequence, taken atomically (two submissions at once get different numbers). */
export async function nextNumber(q: Queryable, scope: string, year: number): Promise<number> {
  const r = await q.query<{ last: number }>(
    `INSERT INTO request_counters (scope, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (scope, year) DO UPDATE SET last = request_counters.last + 1 RETURNING last`,
    [scope, year],
  );
  return r.rows[0].last;
}

/** Case numbers: YSQ + year + six digits, one sequence for the city (applicants quote it on the phone). */
export async function nextCaseNo(q: Queryable, year: number): Promise<string> {
  return `YSQ${year}${String(await nextNumber(q, 'case', year)).padStart(6, '0')}`;
}

/** Appends one step and brings the case row in step. Returns the new state and clock. */
/** Steps that stop, restart or move the reply clock: the applicant is told of each. */
const CLOCK_CHANGES = new Set<CaseEventKind>(['request_correction', 'receive_correction', 'start_consultation', 'end_consultation', 'fee_notice', 'fee_paid', 'extend']);

export async function recordStep(
  tx: Queryable,
  ctx: CaseContext,
  actor: Actor,
  c: CaseRow,
  kind: CaseEventKind,
  onDate: string,
  details: Record<string, unknown> = {},
  patch: Record<string, unknown> = {},
): Promise<{ state: CaseState; clock: ClockState | null }> {
  const state = nextState(c.state, kind);
  await tx.query('INSERT INTO case_events (case_id, kind, on_date, at, actor_user_id, actor_label, details) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    c.id,
    kind,
    onDate,
    ctx.now,
    actorUserId(actor),
    actorLabel(actor),
    JSON.stringify(details),
  ]);
  const events = await caseEvents(tx, c.id);
  const clock = caseClock(events, ctx);
  const open = !['replied', 'delivered', 'archived'].includes(state);
  const fields: Record<string, unknown> = { state, due_on: open ? (clock?.dueOn ?? null) : c.due_on, due_provisional: clock?.provisional ?? false, updated_at: ctx.now, ...patch };
  const cols = Object.keys(fields);
  await tx.query(`UPDATE request_cases SET ${cols.map((k, i) => `${k} = $${i + 2}`).join(', ')} WHERE id = $1`, [c.id, ...cols.map((k) => fields[k])]);
  if (open && CLOCK_CHANGES.has(kind)) await notifyDueChange(tx, ctx, c, kind, clock);
  await audit(tx, actor, {
    at: ctx.now,
    action: `request.${kind}`,
    subjectType: 'request_case',
    subjectId: c.id,
    unitId: c.unit_id,
    details: { caseNo: c.case_no, onDate, ...redact(details) },
  });
  return { state, clock };
}

/** The audit log names what happened, not the applicant's personal data. */
function redact(d: Record<string, unknown>): Record<string, unknown> {
  const { idNumber: _i, phone: _p, email: _e, address: _a, ...rest } = d;
  return rest;
}

export interface NewCase {
  unitId: number;
  channel: string;
  application: {
    applicantType: string;
    applicantSubtype?: string;
    applicantName: string;
    idType: string;
    idNumber: string;
    contactPerson: string;
    phone: string;
    email: string;
    address: string;
    postcode: string;
    infoTitle: string;
    infoDocNo: string;
    infoDescription: string;
    deliveryForm: string;
    deliveryMethod: string;
  };
  receivedOn?: string;
}

/** Creates a case with its first event ('submit' online, 'register' by staff) and a fresh query code. */
export async function insertCase(tx: Queryable, ctx: CaseContext, actor: Actor, n: NewCase, first: 'submit' | 'register', details: Record<string, unknown>) {
  const a = n.application;
  const queryCode = newQueryCode();
  const caseNo = await nextCaseNo(tx, Number(ctx.today.slice(0, 4)));
  const state = nextState(null, first);
  const r = await tx.query<{ id: number }>(
    `INSERT INTO request_cases (case_no, query_code_hash, unit_id, state, channel, applicant_type, applicant_subtype, applicant_name, id_type, id_number,
       contact_person, phone, email, address, postcode, info_title, info_doc_no, info_description, delivery_form, delivery_method, submitted_at,
       received_on, clock_started_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22) RETURNING id::int`,
    [
      caseNo,
      hashCode(queryCode),
      n.unitId,
      state,
      n.channel,
      a.applicantType,
      a.applicantSubtype ?? null,
      a.applicantName,
      a.idType,
      a.idNumber,
      a.contactPerson,
      a.phone,
      a.email,
      a.address,
      a.postcode,
      a.infoTitle,
      a.infoDocNo,
      a.infoDescription,
      a.deliveryForm,
      a.deliveryMethod,
      ctx.now,
      n.receivedOn ?? null,
    ],
  );
  const id = r.rows[0].id;
  const label = actor.kind === 'anonymous' ? '申请人（网上申请）' : actorLabel(actor);
  await tx.query('INSERT INTO case_events (case_id, kind, on_date, at, actor_user_id, actor_label, details) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    id,
    first,
    n.receivedOn ?? ctx.today,
    ctx.now,
    actorUserId(actor),
    label,
    JSON.stringify(details),
  ]);
  if (n.receivedOn) {
    const clock = caseClock(await caseEvents(tx, id), ctx);
    await tx.query('UPDATE request_cases SET due_on = $2, due_provisional = $3 WHERE id = $1', [id, clock?.dueOn ?? null, clock?.provisional ?? false]);
  }
  await audit(tx, actor, { at: ctx.now, action: `request.${first}`, subjectType: 'request_case', subjectId: id, unitId: n.unitId, details: { caseNo, channel: n.channel } });
  await notifyReceived(tx, ctx, await getCase(tx, id), queryCode, first === 'submit');
  return { id, caseNo, queryCode };
}

/** The context steps run in: the calendar, now, and today's date in China (UTC+8, no daylight saving). */
export async function caseContext(deps: {
  calendar: { get(): Promise<WorkingDayCalendar> };
  clock: { now(): Date };
  config: { feePausesClock: boolean; correctionWorkingDays: number; sms?: { templates: Record<string, string> }; secret?: string; maxUploadBytes?: number };
}): Promise<CaseContext> {
  const now = deps.clock.now();
  return {
    calendar: await deps.calendar.get(),
    now,
    today: chinaDate(now),
    feePausesClock: deps.config.feePausesClock,
    correctionWorkingDays: deps.config.correctionWorkingDays,
    contact: { smsEnabled: !!deps.config.sms, smsTemplates: deps.config.sms?.templates ?? {} },
    secret: deps.config.secret,
    maxUploadBytes: deps.config.maxUploadBytes,
  };
}
