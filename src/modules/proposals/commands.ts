/**
 * 建议提案办理 commands, each in one transaction with its event and audit entry: register what the congress or the
 * CPPCC assigned, answer it, record the proposer's feedback, decide publication (a published reply is drafted as an
 * information item in the unit's 建议提案办理结果 section, which then goes through the unit's review like any item),
 * and withdraw an entry with its reason (merged, withdrawn by the proposer).
 */
import { inTx, type DbOrTx, type Queryable } from '../../lib/db.ts';
import { actorLabel, authorize, type Actor } from '../../lib/authz.ts';
import { logRecordEvent, type EventLog } from '../../lib/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { isValidDate } from '../../lib/calendar.ts';
import { escapeHtml } from '../../lib/html.ts';
import { getUnit } from '../orgs/index.ts';
import { saveDraft } from '../publishing/index.ts';
import { getProposal, type ProposalRow } from './queries.ts';
import { checkPublication, defaultReplyDue, FEEDBACK, KINDS, RESULTS } from './rules.ts';

const LOG: EventLog = { table: 'proposal_events', column: 'proposal_id', subjectType: 'proposal', actionPrefix: 'proposal' };

async function locked(tx: Queryable, actor: Actor, id: number): Promise<ProposalRow> {
  await tx.query('SELECT 1 FROM proposals WHERE id = $1 FOR UPDATE', [id]);
  const p = await getProposal(tx, id);
  if (!p) throw new NotFoundError('没有这件建议提案。');
  authorize(actor, 'proposal.edit', { unitPath: p.unit_path });
  return p;
}

export interface ProposalInput {
  unitId: number;
  coUnitIds: number[];
  kind: string;
  year: number;
  session: string;
  number: string;
  title: string;
  proposer: string;
  assignedOn: string;
  replyDueOn: string;
}

export async function registerProposal(db: DbOrTx, actor: Actor, now: Date, input: ProposalInput): Promise<number> {
  const errors: Record<string, string> = {};
  if (!(input.kind in KINDS)) errors.kind = '请选择人大代表建议或政协委员提案';
  if (!input.session.trim()) errors.session = '请填写届次，如“市十七届人大四次会议”';
  if (!input.number.trim()) errors.number = '请填写编号';
  if (!input.title.trim()) errors.title = '请填写标题';
  if (!input.proposer.trim()) errors.proposer = '请填写领衔代表或委员';
  if (!isValidDate(input.assignedOn)) errors.assignedOn = '请填写交办日期';
  else if (input.replyDueOn && (!isValidDate(input.replyDueOn) || input.replyDueOn < input.assignedOn)) errors.replyDueOn = '答复期限不能早于交办日期';
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) errors.year = '请填写年度';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTx(db, async (tx) => {
    const unit = await getUnit(tx, input.unitId);
    if (!unit) throw new ValidationError({ unitId: '请选择主办单位' });
    authorize(actor, 'proposal.edit', { unitPath: unit.path });
    const coUnits = [...new Set(input.coUnitIds.filter((u) => u && u !== unit.id))];
    for (const u of coUnits) if (!(await getUnit(tx, u))) throw new ValidationError({ coUnitIds: '协办单位不存在' });
    const r = await tx.query<{ id: number }>(
      `INSERT INTO proposals (unit_id, co_unit_ids, kind, year, session, number, title, proposer, assigned_on, reply_due_on, state, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'assigned', $11, $11)
       ON CONFLICT (year, kind, session, number) DO NOTHING RETURNING id`,
      [
        unit.id,
        coUnits,
        input.kind,
        input.year,
        input.session.trim().slice(0, 100),
        input.number.trim().slice(0, 40),
        input.title.trim().slice(0, 200),
        input.proposer.trim().slice(0, 200),
        input.assignedOn,
        input.replyDueOn || defaultReplyDue(input.assignedOn),
        now,
      ],
    );
    if (!r.rows.length) throw new ConflictError('PROPOSAL_DUPLICATE', '这一届次已经登记过这个编号。', { number: '这一届次已经登记过这个编号' });
    await logRecordEvent(tx, LOG, actor, now, { id: r.rows[0].id, unit_id: unit.id }, 'registered', { number: input.number.trim() });
    return r.rows[0].id;
  });
}

export async function replyProposal(db: DbOrTx, actor: Actor, now: Date, id: number, input: { reply: string; replyNo: string; result: string; repliedOn: string }) {
  return inTx(db, async (tx) => {
    const p = await locked(tx, actor, id);
    if (p.state !== 'assigned') throw new ConflictError('PROPOSAL_INVALID_TRANSITION', '这件建议提案已答复或已撤销。');
    const errors: Record<string, string> = {};
    if (!input.reply.trim()) errors.reply = '请填写答复内容';
    if (!(input.result in RESULTS)) errors.result = '请选择办理结果分类';
    if (!isValidDate(input.repliedOn) || input.repliedOn < p.assigned_on) errors.repliedOn = '请填写答复日期（不早于交办日期）';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    await tx.query(`UPDATE proposals SET state = 'replied', reply = $2, reply_no = $3, result = $4, replied_on = $5, updated_at = $6 WHERE id = $1`, [
      id,
      input.reply.trim().slice(0, 50_000),
      input.replyNo.trim().slice(0, 60),
      input.result,
      input.repliedOn,
      now,
    ]);
    await logRecordEvent(tx, LOG, actor, now, p, 'replied', { result: input.result, onTime: input.repliedOn <= p.reply_due_on });
  });
}

export async function recordFeedback(db: DbOrTx, actor: Actor, now: Date, id: number, input: { feedback: string; note: string }) {
  return inTx(db, async (tx) => {
    const p = await locked(tx, actor, id);
    if (p.state !== 'replied') throw new ConflictError('PROPOSAL_INVALID_TRANSITION', '答复后才能记录代表委员的意见。');
    if (!(input.feedback in FEEDBACK)) throw new ValidationError({ feedback: '请选择代表委员对答复的意见' });
    await tx.query('UPDATE proposals SET feedback = $2, feedback_note = $3, updated_at = $4 WHERE id = $1', [id, input.feedback, input.note.trim().slice(0, 2000), now]);
    await logRecordEvent(tx, LOG, actor, now, p, 'feedback', { feedback: input.feedback });
  });
}

/**
 * The publication decision. 全文公开 and 摘要公开 draft an information item in the unit's 建议提案办理结果 section (the
 * reply, or the summary, with the entry's facts); it is published through the unit's review. 不公开 keeps its reason,
 * which the yearly summary shows. A decision is taken once; a published item is withdrawn through publishing.
 */
export async function decidePublication(db: DbOrTx, actor: Actor, now: Date, id: number, input: { publication: string; reason: string; summary: string }) {
  return inTx(db, async (tx) => {
    const p = await locked(tx, actor, id);
    if (p.state !== 'replied') throw new ConflictError('PROPOSAL_INVALID_TRANSITION', '答复后才能决定是否公开。');
    if (p.publication) throw new ConflictError('PROPOSAL_ALREADY_DECIDED', '已经决定过公开方式。');
    const d = checkPublication(input.publication, input.reason, input.summary);
    let itemId: number | null = null;
    if (d.publication !== 'none') {
      const title = `关于${KINDS[p.kind]}《${p.title}》（${p.session}第${p.number}号）的答复${d.publication === 'summary' ? '（摘要）' : ''}`;
      const text = d.publication === 'full' ? p.reply : d.summary;
      const bodyHtml = [
        `<p>${escapeHtml(p.proposer)}：</p>`,
        ...text.split('\n').map((line) => `<p>${escapeHtml(line)}</p>`),
        `<p>办理结果：${escapeHtml(RESULTS[p.result as keyof typeof RESULTS] ?? '')}。${p.reply_no ? `答复文号：${escapeHtml(p.reply_no)}。` : ''}</p>`,
      ].join('');
      // The draft is the platform's, made for the person who decided; the unit's reviewers publish it.
      const drafter: Actor = { kind: 'system', label: `建议提案办理（${actorLabel(actor)}）` };
      const draft = await saveDraft(tx, drafter, now, {
        unitId: p.unit_id,
        input: {
          kind: 'information',
          title: title.slice(0, 200),
          sectionCode: 'proposals',
          disclosure: 'proactive',
          topic: '综合政务\\政务公开',
          genre: '函',
          docNo: p.reply_no,
          summary: `${KINDS[p.kind]}答复，办理结果：${RESULTS[p.result as keyof typeof RESULTS] ?? ''}。`,
          bodyHtml,
        },
      });
      itemId = draft.itemId;
    }
    await tx.query('UPDATE proposals SET publication = $2, publication_reason = $3, summary = $4, item_id = $5, updated_at = $6 WHERE id = $1', [
      id,
      d.publication,
      d.reason,
      d.summary,
      itemId,
      now,
    ]);
    await logRecordEvent(tx, LOG, actor, now, p, 'publication_decided', { publication: d.publication, reason: d.reason, itemId });
    return { itemId };
  });
}

export async function withdrawProposal(db: DbOrTx, actor: Actor, now: Date, id: number, reason: string) {
  return inTx(db, async (tx) => {
    const p = await locked(tx, actor, id);
    if (p.state !== 'assigned') throw new ConflictError('PROPOSAL_INVALID_TRANSITION', '只有未答复的建议提案可以撤销登记。');
    if (!reason.trim()) throw new ValidationError({ withdrawnReason: '请写明撤销的原因（如并案办理、代表撤回）' });
    await tx.query(`UPDATE proposals SET state = 'withdrawn', withdrawn_reason = $2, updated_at = $3 WHERE id = $1`, [id, reason.trim().slice(0, 500), now]);
    await logRecordEvent(tx, LOG, actor, now, p, 'withdrawn', { reason: reason.trim() });
  });
}
