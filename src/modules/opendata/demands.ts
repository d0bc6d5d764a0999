/**
 * Data demands (需求反馈): anyone asks for data to be opened, or comments on a dataset, without an account; the unit
 * answers within the working days of the local rule, and the answer is public with the question (personal data in
 * the question masked; the writer's name and contact never shown). Late answers are counted.
 */
import { inTx, type DbOrTx, type Queryable } from '../../lib/db.ts';
import { authorize, type Actor } from '../../lib/authz.ts';
import { logRecordEvent, type EventLog } from '../../lib/audit.ts';
import { ConflictError, ErrorCodes, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { notifyContact, notifyStaff, splitContact } from '../notifications/index.ts';
import { getUnit } from '../orgs/index.ts';
import { detectPersonalData, maskInText } from '../publishing/index.ts';
import { checkAnswer, checkDemand, dueDate, type DemandInput, type DemandKind } from './access.ts';
import { nextCaseNo, type CaseContext } from './applications.ts';
import { publishedDataset } from './queries.ts';

const LOG: EventLog = { table: 'data_demand_events', column: 'demand_id', subjectType: 'data_demand', actionPrefix: 'data_demand' };

export interface DemandRow {
  id: number;
  case_no: string;
  kind: DemandKind;
  dataset_id: number | null;
  dataset_name: string | null;
  dataset_title: string | null;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  title: string;
  body: string;
  writer_name: string;
  contact: string;
  state: 'open' | 'answered';
  received_on: string;
  due_on: string;
  answer: string;
  answered_on: string | null;
  public: boolean;
  private_reason: string;
}

const SELECT = `SELECT m.id, m.case_no, m.kind, m.dataset_id, d.name AS dataset_name, d.metadata->>'title' AS dataset_title, m.unit_id, u.name AS unit_name,
       u.path AS unit_path, m.title, m.body, m.writer_name, m.contact, m.state, m.received_on::text, m.due_on::text, m.answer, m.answered_on::text,
       m.public, m.private_reason
  FROM data_demands m JOIN units u ON u.id = m.unit_id LEFT JOIN datasets d ON d.id = m.dataset_id`;

export async function getDemand(q: Queryable, id: number, lock = false): Promise<DemandRow | undefined> {
  if (lock) await q.query('SELECT 1 FROM data_demands WHERE id = $1 FOR UPDATE', [id]);
  return (await q.query<DemandRow>(`${SELECT} WHERE m.id = $1`, [id])).rows[0];
}

export async function demandsOf(q: Queryable, paths: string[]): Promise<DemandRow[]> {
  if (!paths.length) return [];
  return (await q.query<DemandRow>(`${SELECT} WHERE u.path LIKE ANY($1) ORDER BY (m.state = 'open') DESC, m.due_on, m.id DESC LIMIT 1000`, [paths.map((p) => `${p}%`)])).rows;
}

/** Answered public demands, newest answer first, and how many are still being handled. */
export async function publicDemands(q: Queryable, limit: number, offset: number, datasetId?: number) {
  const where = `m.state = 'answered' AND m.public${datasetId ? ' AND m.dataset_id = $3' : ''}`;
  const params: unknown[] = [limit, offset, ...(datasetId ? [datasetId] : [])];
  const rows = (await q.query<DemandRow>(`${SELECT} WHERE ${where} ORDER BY m.answered_on DESC, m.id DESC LIMIT $1 OFFSET $2`, params)).rows;
  const counts = (
    await q.query<{ answered: number; open: number }>(
      `SELECT count(*) FILTER (WHERE m.state = 'answered' AND m.public)::int AS answered, count(*) FILTER (WHERE m.state = 'open')::int AS open
         FROM data_demands m ${datasetId ? 'WHERE m.dataset_id = $1' : ''}`,
      datasetId ? [datasetId] : [],
    )
  ).rows[0];
  return { rows, ...counts };
}

export async function demandEvents(q: Queryable, id: number) {
  return (await q.query<{ kind: string; at: Date; actor_label: string }>('SELECT kind, at, actor_label FROM data_demand_events WHERE demand_id = $1 ORDER BY id', [id])).rows;
}

export interface DemandSubmission extends DemandInput {
  /** The dataset commented on, or named in a request; its unit answers. */
  datasetName: string;
  /** For a request for new data without a dataset: the unit asked. */
  unitId: number | null;
}

export async function submitDemand(db: DbOrTx, ctx: CaseContext, input: DemandSubmission) {
  const v = checkDemand(input);
  return inTx(db, async (tx) => {
    const d = input.datasetName ? await publishedDataset(tx, input.datasetName) : undefined;
    if (input.datasetName && !d) throw new ValidationError({ datasetName: '没有这个数据集' });
    if (v.kind === 'comment' && !d) throw new ValidationError({ datasetName: '对数据集提意见，请从数据集页面进入' });
    const unit = d ? await getUnit(tx, d.unit_id) : input.unitId ? await getUnit(tx, input.unitId) : undefined;
    if (!unit) throw new ValidationError({ unitId: '请选择向哪个单位提出' }, '未提交，请按提示修改。');
    // The question is public with its answer: an ID number or phone written into it is masked before it is stored.
    const mask = (s: string) => maskInText(s, detectPersonalData(s));
    const caseNo = await nextCaseNo(tx, 'SJXQ', Number(ctx.today.slice(0, 4)));
    const due = dueDate(ctx.calendar, ctx.today, ctx.workingDays);
    const id = (
      await tx.query<{ id: number }>(
        `INSERT INTO data_demands (case_no, kind, dataset_id, unit_id, title, body, writer_name, contact, state, received_on, due_on, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10, $11, $11) RETURNING id`,
        [caseNo, v.kind, d?.id ?? null, unit.id, mask(v.title), mask(v.body), v.writerName, v.contact, ctx.today, due, ctx.now],
      )
    ).rows[0].id;
    await logRecordEvent(tx, LOG, { kind: 'anonymous' }, ctx.now, { id, unit_id: unit.id }, 'received', { due_on: due });
    await notifyStaff(tx, ctx.now, {
      unitPath: unit.path,
      roles: ['office_admin', 'publisher'],
      kind: 'data.demand',
      title: `${caseNo}：${v.title.slice(0, 40)}，${due}前答复`,
      link: `/staff/data/demands/${id}`,
    });
    return { id, caseNo, dueOn: due, unitName: unit.name };
  });
}

export async function answerDemand(db: DbOrTx, actor: Actor, ctx: CaseContext, id: number, input: { answer: string; isPublic: boolean; privateReason: string }) {
  const v = checkAnswer(input.answer, input.isPublic, input.privateReason);
  return inTx(db, async (tx) => {
    const m = await getDemand(tx, id, true);
    if (!m) throw new NotFoundError('没有这条需求。');
    authorize(actor, 'dataset.edit', { unitPath: m.unit_path });
    if (m.state !== 'open') throw new ConflictError(ErrorCodes.DATA_DEMAND_ANSWERED, '这条需求已答复。');
    await tx.query(`UPDATE data_demands SET state = 'answered', answer = $2, answered_on = $3, public = $4, private_reason = $5, updated_at = $6 WHERE id = $1`, [
      id,
      v.answer,
      ctx.today,
      input.isPublic,
      v.privateReason,
      ctx.now,
    ]);
    await logRecordEvent(tx, LOG, actor, ctx.now, m, 'answered', { public: input.isPublic, late: ctx.today > m.due_on });
    const to = splitContact(m.contact);
    if (to.email || to.phone)
      await notifyContact(tx, ctx.now, ctx.contact, to, {
        purpose: 'data_demand.answered',
        subject: `数据开放需求已答复（${m.case_no}）`,
        body: `您提出的「${m.title}」，${m.unit_name}答复如下：\n${v.answer}`,
        smsParams: { caseNo: m.case_no },
        links: input.isPublic ? [{ label: '查看答复', url: `/sjkf/xqfk#${m.case_no}` }] : [],
        subjectType: 'data_demand',
        subjectId: m.id,
      });
  });
}
