/** Lists of cases for the staff dashboards, scoped to the units the actor handles requests for. */
import { DUE_STATES, OPEN_STATES, RUNNING_STATES, sqlStates } from './states.ts';
import { containsPattern, type Db } from '../../lib/db.ts';
import type { WorkingDayCalendar } from '../../lib/calendar.ts';

export type CaseView = 'open' | 'mine' | 'to_confirm' | 'corrected' | 'to_approve' | 'due_soon' | 'overdue' | 'paused' | 'closed' | 'all';

/** The same number as the reminders (REMIND_WORKING_DAYS): what is due within it is highlighted everywhere. */
export const DUE_SOON_WORKING_DAYS = 3;

export const CASE_VIEWS: Record<CaseView, string> = {
  open: '办理中（全部）',
  mine: '我承办的',
  to_confirm: '待确认收到（网上申请）',
  corrected: '申请人已补正，待登记',
  to_approve: '答复待负责人审批',
  due_soon: `${DUE_SOON_WORKING_DAYS}个工作日内到期`,
  overdue: '已超期',
  paused: '暂停计时（征求意见、待缴费、待补正）',
  closed: '已答复',
  all: '全部',
};

export interface CaseListRow {
  id: number;
  case_no: string;
  applicant_name: string;
  unit_name: string;
  channel: string;
  received_on: string | null;
  due_on: string | null;
  due_provisional: boolean;
  state: string;
  officer_name: string | null;
  outcome: string | null;
  replied_on: string | null;
}

export interface CaseFilter {
  paths: string[];
  view: CaseView;
  userId: number | null;
  today: string;
  calendar: WorkingDayCalendar;
  /** Case number, applicant or words of the request. */
  q?: string;
}

/** An online correction not yet registered: the last applicant correction came after the last notice. */
const CORRECTED = `c.state = 'awaiting_correction' AND EXISTS (SELECT 1 FROM case_events a WHERE a.case_id = c.id AND a.kind = 'applicant_correction'
  AND a.id > (SELECT max(n.id) FROM case_events n WHERE n.case_id = c.id AND n.kind = 'request_correction'))`;

function caseWhere(f: CaseFilter): { where: string[]; params: unknown[] } {
  const where = ['u.path LIKE ANY($1)'];
  const params: unknown[] = [f.paths.map((p) => `${p}%`)];
  const open = `c.state IN ${sqlStates(OPEN_STATES)}`;
  switch (f.view) {
    case 'open':
      where.push(open);
      break;
    case 'mine':
      params.push(f.userId ?? 0);
      where.push(open, `c.officer_id = $${params.length}`);
      break;
    case 'to_confirm':
      where.push(`c.state = 'submitted'`);
      break;
    case 'corrected':
      where.push(CORRECTED);
      break;
    case 'to_approve':
      where.push(`c.state = 'awaiting_approval'`);
      break;
    case 'due_soon':
      params.push(f.today, f.calendar.addWorkingDays(f.today, DUE_SOON_WORKING_DAYS).date);
      where.push(`c.state IN ${sqlStates(RUNNING_STATES)}`, `c.due_on >= $${params.length - 1}`, `c.due_on <= $${params.length}`);
      break;
    case 'overdue':
      params.push(f.today);
      where.push(`c.state IN ${sqlStates(DUE_STATES)}`, `c.due_on < $${params.length}`);
      break;
    case 'paused':
      where.push(`c.state IN ('awaiting_correction', 'consulting', 'awaiting_fee')`);
      break;
    case 'closed':
      where.push(`c.state IN ('replied', 'delivered', 'archived')`);
      break;
  }
  const q = f.q?.trim();
  if (q) {
    params.push(containsPattern(q));
    const n = params.length;
    where.push(`(c.case_no ILIKE $${n} OR c.applicant_name ILIKE $${n} OR c.info_title ILIKE $${n} OR c.info_description ILIKE $${n})`);
  }
  return { where, params };
}

export async function listCases(db: Db, opts: CaseFilter & { limit?: number; sort?: 'due' | 'received' }): Promise<CaseListRow[]> {
  if (!opts.paths.length) return [];
  const { where, params } = caseWhere(opts);
  params.push(opts.limit ?? 500);
  const order = opts.sort === 'received' ? 'c.received_on DESC NULLS FIRST, c.id DESC' : 'c.due_on NULLS LAST, c.id';
  const r = await db.query<CaseListRow>(
    `SELECT c.id::int, c.case_no, c.applicant_name, u.name AS unit_name, c.channel, c.received_on::text, c.due_on::text, c.due_provisional, c.state,
            o.display_name AS officer_name, c.outcome, c.replied_on::text
       FROM request_cases c JOIN units u ON u.id = c.unit_id LEFT JOIN users o ON o.id = c.officer_id
      WHERE ${where.join(' AND ')}
      ORDER BY ${order}
      LIMIT $${params.length}`,
    params,
  );
  return r.rows;
}

/** How many cases each queue of the dashboard holds, for the actor's units. */
export async function caseQueueCounts(
  db: Db,
  f: Omit<CaseFilter, 'view' | 'q'>,
): Promise<Record<'mine' | 'to_confirm' | 'corrected' | 'to_approve' | 'due_soon' | 'overdue', number>> {
  const out = { mine: 0, to_confirm: 0, corrected: 0, to_approve: 0, due_soon: 0, overdue: 0 };
  if (!f.paths.length) return out;
  for (const view of Object.keys(out) as (keyof typeof out)[]) {
    const { where, params } = caseWhere({ ...f, view });
    out[view] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM request_cases c JOIN units u ON u.id = c.unit_id WHERE ${where.join(' AND ')}`, params)).rows[0].n;
  }
  return out;
}

/** Officers a case of this unit can be assigned to. */
export async function officersFor(db: Db, unitPath: string): Promise<{ id: number; name: string }[]> {
  const r = await db.query<{ id: number; name: string }>(
    `SELECT DISTINCT u.id, u.display_name AS name FROM users u JOIN role_assignments r ON r.user_id = u.id JOIN units g ON g.id = r.unit_id
      WHERE u.active AND r.role IN ('request_officer', 'office_admin') AND $1 LIKE g.path || '%' ORDER BY u.display_name`,
    [unitPath],
  );
  return r.rows;
}

/** Earlier applications of the same applicant for similar information (Art. 35, 36(6)), newest first. */
export async function applicantHistory(
  db: Db,
  c: { id: number; id_number: string },
): Promise<{ id: number; case_no: string; info_title: string; info_description: string; outcome: string | null; replied_on: string | null; submitted: string }[]> {
  const r = await db.query<{ id: number; case_no: string; info_title: string; info_description: string; outcome: string | null; replied_on: string | null; submitted: string }>(
    `SELECT id::int, case_no, info_title, info_description, outcome, replied_on::text, to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS submitted
       FROM request_cases WHERE id_number = $1 AND id <> $2 ORDER BY id DESC LIMIT 50`,
    [c.id_number, c.id],
  );
  return r.rows;
}

/** Reminders of the last two weeks for cases still open, in the actor's units. */
export async function activeReminders(db: Db, paths: string[], since: Date): Promise<{ case_id: number; case_no: string; kind: string; due_on: string; unit_name: string }[]> {
  if (!paths.length) return [];
  const r = await db.query<{ case_id: number; case_no: string; kind: string; due_on: string; unit_name: string }>(
    `SELECT r.case_id::int, c.case_no, r.kind, r.due_on::text, u.name AS unit_name
       FROM case_reminders r JOIN request_cases c ON c.id = r.case_id JOIN units u ON u.id = c.unit_id
      WHERE u.path LIKE ANY($1) AND r.created_at >= $2 AND c.state IN ${sqlStates(DUE_STATES)}
      ORDER BY r.due_on, c.case_no LIMIT 100`,
    [paths.map((p) => `${p}%`), since],
  );
  return r.rows;
}

/** Applications of the unit, any applicant, for comparing how often the same information is asked for (Art. 44). */
export async function unitRequestTexts(db: Db, unitId: number): Promise<{ id: number; text: string }[]> {
  const r = await db.query<{ id: number; text: string }>(
    `SELECT id::int, info_title || ' ' || info_description AS text FROM request_cases WHERE unit_id = $1 ORDER BY id DESC LIMIT 2000`,
    [unitId],
  );
  return r.rows;
}
