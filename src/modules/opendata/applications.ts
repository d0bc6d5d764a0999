/**
 * 有条件开放 applications: anyone applies for a conditional dataset with purpose, security measures and commitments;
 * the providing unit grants (with conditions and a term) or refuses (with the reason) within the working days of the
 * local rule; the applicant follows, downloads while the grant holds, and gets the decision letter. Each command is
 * one transaction with its event and audit entry.
 */
import { inTx, type DbOrTx, type Queryable } from '../../lib/db.ts';
import { authorize, type Actor } from '../../lib/authz.ts';
import { logRecordEvent, recordEvents, type EventLog } from '../../lib/audit.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { hashCode, newQueryCode } from '../../lib/queryCode.ts';
import type { WorkingDayCalendar } from '../../lib/calendar.ts';
import { notifyContact, notifyStaff, splitContact, type ContactSettings } from '../notifications/index.ts';
import { checkApplication, checkGrant, checkRefusal, dueDate, nextAccessState, type AccessState, type ApplicationInput, type GrantInput } from './access.ts';
import { publishedDataset } from './queries.ts';

const LOG: EventLog = { table: 'data_access_events', column: 'application_id', subjectType: 'data_access_application', actionPrefix: 'data_access' };
const FOLLOW = { label: '查询申请进度、下载数据', url: '/sjkf/sq/cx' };

export interface CaseContext {
  now: Date;
  today: string;
  calendar: WorkingDayCalendar;
  workingDays: number;
  contact: ContactSettings;
}

/** The next case number of a kind and year (SJSQ2026000001). */
export async function nextCaseNo(tx: Queryable, kind: 'SJSQ' | 'SJXQ', year: number): Promise<string> {
  const n = (
    await tx.query<{ last: number }>(
      'INSERT INTO data_case_counters (kind, year, last) VALUES ($1, $2, 1) ON CONFLICT (kind, year) DO UPDATE SET last = data_case_counters.last + 1 RETURNING last',
      [kind, year],
    )
  ).rows[0].last;
  return `${kind}${year}${String(n).padStart(6, '0')}`;
}

export interface ApplicationRow {
  id: number;
  case_no: string;
  query_code_hash: string;
  dataset_id: number;
  dataset_name: string;
  dataset_title: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  state: AccessState;
  applicant_name: string;
  organisation: string;
  credit_code: string;
  contact: string;
  purpose: string;
  security_measures: string;
  commitments: string[];
  received_on: string;
  due_on: string;
  decided_on: string | null;
  decision_reason: string;
  conditions: string;
  granted_until: string | null;
  downloads: number;
}

const SELECT = `SELECT a.id, a.case_no, a.query_code_hash, a.dataset_id, d.name AS dataset_name, d.metadata->>'title' AS dataset_title, a.unit_id,
       u.name AS unit_name, u.path AS unit_path, a.state, a.applicant_name, a.organisation, a.credit_code, a.contact, a.purpose, a.security_measures,
       a.commitments, a.received_on::text, a.due_on::text, a.decided_on::text, a.decision_reason, a.conditions, a.granted_until::text, a.downloads
  FROM data_access_applications a JOIN datasets d ON d.id = a.dataset_id JOIN units u ON u.id = a.unit_id`;

export async function getApplication(q: Queryable, id: number, lock = false): Promise<ApplicationRow | undefined> {
  if (lock) await q.query('SELECT 1 FROM data_access_applications WHERE id = $1 FOR UPDATE', [id]);
  return (await q.query<ApplicationRow>(`${SELECT} WHERE a.id = $1`, [id])).rows[0];
}

/** The applicant's own application: a wrong code answers like a missing case, so numbers cannot be probed. */
export async function findApplication(q: Queryable, caseNo: string, queryCode: string): Promise<ApplicationRow> {
  const a = caseNo && queryCode ? (await q.query<ApplicationRow>(`${SELECT} WHERE a.case_no = $1`, [caseNo.trim().toUpperCase().slice(0, 30)])).rows[0] : undefined;
  if (!a || a.query_code_hash !== hashCode(queryCode)) throw new ValidationError({ queryCode: '申请编号或查询码不对，请核对后重试' });
  return a;
}

/** The units' applications, undecided first, then by due date. */
export async function applicationsOf(q: Queryable, paths: string[]): Promise<ApplicationRow[]> {
  if (!paths.length) return [];
  return (await q.query<ApplicationRow>(`${SELECT} WHERE u.path LIKE ANY($1) ORDER BY (a.state = 'received') DESC, a.due_on, a.id DESC LIMIT 1000`, [paths.map((p) => `${p}%`)]))
    .rows;
}

export const applicationEvents = (q: Queryable, id: number) => recordEvents(q, LOG, id);

/** A new application for a published 有条件开放 dataset, with its case number, query code (shown once) and due date. */
export async function applyForData(db: DbOrTx, ctx: CaseContext, datasetName: string, input: ApplicationInput) {
  const v = checkApplication(input);
  return inTx(db, async (tx) => {
    const d = await publishedDataset(tx, datasetName);
    if (!d) throw new NotFoundError('没有这个数据集，或它已撤回。');
    if (d.metadata.openness !== 'conditional') throw new ValidationError({ purpose: '这个数据集不是有条件开放，无须申请。' });
    const caseNo = await nextCaseNo(tx, 'SJSQ', Number(ctx.today.slice(0, 4)));
    const queryCode = newQueryCode();
    const due = dueDate(ctx.calendar, ctx.today, ctx.workingDays);
    const id = (
      await tx.query<{ id: number }>(
        `INSERT INTO data_access_applications (case_no, query_code_hash, dataset_id, unit_id, state, applicant_name, organisation, credit_code, contact, purpose,
                                               security_measures, commitments, received_on, due_on, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'received', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id`,
        [
          caseNo,
          hashCode(queryCode),
          d.id,
          d.unit_id,
          v.applicantName,
          v.organisation,
          v.creditCode,
          v.contact,
          v.purpose,
          v.securityMeasures,
          v.commitments,
          ctx.today,
          due,
          ctx.now,
        ],
      )
    ).rows[0].id;
    const anonymous: Actor = { kind: 'anonymous' };
    await logRecordEvent(tx, LOG, anonymous, ctx.now, { id, unit_id: d.unit_id }, 'received', { dataset: d.name, due_on: due });
    const unitPath = (await tx.query<{ path: string }>('SELECT path FROM units WHERE id = $1', [d.unit_id])).rows[0].path;
    await notifyStaff(tx, ctx.now, {
      unitPath,
      roles: ['office_admin', 'publisher'],
      kind: 'data.application',
      title: `${caseNo}：申请「${d.metadata.title}」，${due}前决定`,
      link: `/staff/data/applications/${id}`,
    });
    await toApplicant(tx, ctx, { id, case_no: caseNo, contact: v.contact }, 'data_access.received', `数据开放申请已收到（${caseNo}）`, [
      `您申请的「${d.metadata.title}」由${d.unit_name}审核，${due}前作出决定。`,
      `申请编号：${caseNo}`,
      `查询码：${queryCode}`,
      '请妥善保存，凭申请编号和查询码可以在网上查看进度、取得答复书和下载获准的数据。',
    ]);
    return { id, caseNo, queryCode, dueOn: due };
  });
}

function toApplicant(tx: Queryable, ctx: CaseContext, a: { id: number; case_no: string; contact: string }, purpose: string, subject: string, lines: string[]) {
  const to = splitContact(a.contact);
  if (!to.email && !to.phone) return;
  return notifyContact(tx, ctx.now, ctx.contact, to, {
    purpose,
    subject,
    body: lines.join('\n'),
    smsParams: { caseNo: a.case_no },
    links: [FOLLOW],
    subjectType: 'data_access_application',
    subjectId: a.id,
  });
}

async function decidable(tx: Queryable, actor: Actor, id: number) {
  const a = await getApplication(tx, id, true);
  if (!a) throw new NotFoundError('没有这份申请。');
  authorize(actor, 'dataset.edit', { unitPath: a.unit_path });
  return a;
}

export async function grantApplication(db: DbOrTx, actor: Actor, ctx: CaseContext, id: number, input: GrantInput) {
  const g = checkGrant(input, ctx.today);
  return inTx(db, async (tx) => {
    const a = await decidable(tx, actor, id);
    await tx.query(`UPDATE data_access_applications SET state = $2, decided_on = $3, conditions = $4, granted_until = $5, updated_at = $6 WHERE id = $1`, [
      id,
      nextAccessState(a.state, 'grant'),
      ctx.today,
      g.conditions,
      g.grantedUntil,
      ctx.now,
    ]);
    await logRecordEvent(tx, LOG, actor, ctx.now, a, 'granted', { granted_until: g.grantedUntil, late: ctx.today > a.due_on });
    await toApplicant(tx, ctx, a, 'data_access.decided', `数据开放申请：同意开放（${a.case_no}）`, [
      `您申请的「${a.dataset_title}」，${a.unit_name}同意向您开放，使用期限至${g.grantedUntil}。`,
      g.conditions ? `使用条件：${g.conditions}` : '',
      '请凭申请编号和查询码在网上下载数据和答复书。',
    ]);
  });
}

export async function refuseApplication(db: DbOrTx, actor: Actor, ctx: CaseContext, id: number, reason: string) {
  const r = checkRefusal(reason);
  return inTx(db, async (tx) => {
    const a = await decidable(tx, actor, id);
    await tx.query(`UPDATE data_access_applications SET state = $2, decided_on = $3, decision_reason = $4, updated_at = $5 WHERE id = $1`, [
      id,
      nextAccessState(a.state, 'refuse'),
      ctx.today,
      r,
      ctx.now,
    ]);
    await logRecordEvent(tx, LOG, actor, ctx.now, a, 'refused', { late: ctx.today > a.due_on });
    await toApplicant(tx, ctx, a, 'data_access.decided', `数据开放申请：不予开放（${a.case_no}）`, [
      `您申请的「${a.dataset_title}」，${a.unit_name}决定不予开放。`,
      `理由：${r}`,
      '答复书可凭申请编号和查询码在网上取得。',
    ]);
  });
}

export async function withdrawApplication(db: DbOrTx, ctx: CaseContext, caseNo: string, queryCode: string) {
  return inTx(db, async (tx) => {
    const found = await findApplication(tx, caseNo, queryCode);
    const a = (await getApplication(tx, found.id, true))!;
    await tx.query('UPDATE data_access_applications SET state = $2, updated_at = $3 WHERE id = $1', [a.id, nextAccessState(a.state, 'withdraw'), ctx.now]);
    await logRecordEvent(tx, LOG, { kind: 'anonymous' }, ctx.now, a, 'withdrawn');
  });
}

/** Each download by the applicant is counted and logged. */
export async function recordDownload(db: DbOrTx, now: Date, a: ApplicationRow, resourceId: string, format: string) {
  return inTx(db, async (tx) => {
    await tx.query('UPDATE data_access_applications SET downloads = downloads + 1 WHERE id = $1', [a.id]);
    await logRecordEvent(tx, LOG, { kind: 'anonymous' }, now, a, 'downloaded', { resource: resourceId, format });
  });
}
