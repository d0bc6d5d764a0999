/**
 * Keeping the decision catalogue (重大行政决策事项目录): entries, their stage and steps, their links, and the catalogue's
 * published revisions. Entries are never deleted: a removed entry keeps its page with the reason.
 */
import { logEvent } from './common.ts';
import { inTx, type DbOrTx, type Queryable } from '../../../lib/db.ts';
import { actorLabel, actorUserId, authorize, type Actor } from '../../../lib/authz.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../lib/errors.ts';
import { isValidDate } from '../../../lib/calendar.ts';
import { getUnit } from '../../orgs/index.ts';
import { resolveItemRefs, saveDraft, sectionsForUnit } from '../../publishing/index.ts';
import { escapeHtml } from '../../../lib/html.ts';
import { getConsultation } from '../queries.ts';
import { getDecisionEntry, type DecisionEntryRow } from '../decisionQueries.ts';
import { assertStageMove, decisionCode, DECISION_STAGES, stepsFromForm } from '../decisions.ts';

export interface DecisionEntryInput {
  unitId: number;
  year: number;
  title: string;
  leadUnit: string;
  plannedOn: string;
  summary: string;
  required: string[];
  doneOn: Record<string, string>;
  legalityFrom: string;
  legalityTo: string;
  decidedOn: string;
  consultationId: string;
  decisionItemRef: string;
  interpretationItemRef: string;
}

async function openEntry(tx: Queryable, actor: Actor, id: number, action: 'decision.edit' | 'decision.publish' = 'decision.edit'): Promise<DecisionEntryRow> {
  const e = await getDecisionEntry(tx, id, true);
  if (!e) throw new NotFoundError('没有这个决策事项。');
  authorize(actor, action, { unitPath: e.unit_path });
  return e;
}

const optionalDate = (v: string, key: string, label: string, errors: Record<string, string>) => {
  const d = v.trim();
  if (d && !isValidDate(d)) errors[key] = `${label}不是有效日期`;
  return d || null;
};

async function checked(tx: Queryable, unitPath: string, input: DecisionEntryInput) {
  const errors: Record<string, string> = {};
  const title = input.title.trim();
  if (!title) errors.title = '请填写决策事项名称';
  else if (title.length > 200) errors.title = '名称不超过200个字';
  if (!input.leadUnit.trim()) errors.leadUnit = '请填写承办单位';
  if (!isValidDate(input.plannedOn)) errors.plannedOn = '请填写计划决策时间（日期）';
  const legalityFrom = optionalDate(input.legalityFrom, 'legalityFrom', '送交合法性审查日期', errors);
  const legalityTo = optionalDate(input.legalityTo, 'legalityTo', '合法性审查意见日期', errors);
  if (legalityFrom && legalityTo && legalityTo < legalityFrom) errors.legalityTo = '审查意见日期不能早于送审日期';
  const decidedOn = optionalDate(input.decidedOn, 'decidedOn', '决定日期', errors);
  let consultationId: number | null = null;
  if (input.consultationId) {
    const c = await getConsultation(tx, Number(input.consultationId));
    // The lead department often runs the consultation on the government's behalf: its own or a unit's below it.
    if (!c || !c.unit_path.startsWith(unitPath)) errors.consultationId = '请选择本单位或下属部门的意见征集';
    else consultationId = c.id;
  }
  const item = async (ref: string, key: string) => {
    if (!ref.trim()) return null;
    const r = await resolveItemRefs(tx, [ref]);
    if (r.errors.length || r.ids.length !== 1) {
      errors[key] = r.errors[0] ?? '没有找到这条已公开的信息';
      return null;
    }
    return r.ids[0];
  };
  const decisionItemId = await item(input.decisionItemRef, 'decisionItemRef');
  const interpretationItemId = await item(input.interpretationItemRef, 'interpretationItemRef');
  let steps;
  try {
    steps = stepsFromForm(input.required, input.doneOn);
  } catch (e) {
    if (e instanceof ValidationError) Object.assign(errors, e.fields);
    else throw e;
  }
  if (Object.keys(errors).length || !steps) throw new ValidationError(errors);
  return {
    title,
    leadUnit: input.leadUnit.trim(),
    summary: input.summary.trim(),
    steps,
    legalityFrom,
    legalityTo,
    decidedOn,
    consultationId,
    decisionItemId,
    interpretationItemId,
  };
}

/** With the decision, the consultation's feedback is due that day if that is earlier (ADR 0017). */
async function bringFeedbackForward(tx: Queryable, actor: Actor, now: Date, consultationId: number | null, decidedOn: string | null) {
  if (!consultationId || !decidedOn) return;
  const r = await tx.query<{ id: number; unit_id: number }>(
    `UPDATE consultations SET feedback_due_on = $2, updated_at = $3 WHERE id = $1 AND state = 'published' AND feedback_due_on > $2 RETURNING id::int, unit_id`,
    [consultationId, decidedOn, now],
  );
  if (r.rows[0]) {
    await tx.query('INSERT INTO consultation_events (consultation_id, kind, at, actor_user_id, actor_label, details) VALUES ($1, $2, $3, $4, $5, $6)', [
      consultationId,
      'feedback_due_moved',
      now,
      actorUserId(actor),
      actorLabel(actor),
      JSON.stringify({ feedbackDueOn: decidedOn, why: 'decided' }),
    ]);
  }
}

export async function saveDecisionEntry(db: DbOrTx, actor: Actor, now: Date, input: DecisionEntryInput, id?: number): Promise<number> {
  return inTx(db, async (tx) => {
    if (id) {
      const e = await openEntry(tx, actor, id);
      if (e.state === 'removed') throw new ConflictError('DECISION_INVALID_TRANSITION', '这个事项已从目录中移除，不能再修改。');
      const v = await checked(tx, e.unit_path, input);
      const before = { title: e.title, leadUnit: e.lead_unit, plannedOn: e.planned_on, decidedOn: e.decided_on };
      await tx.query(
        `UPDATE decision_entries SET title = $2, lead_unit = $3, planned_on = $4, summary = $5, steps = $6, legality_from = $7, legality_to = $8, decided_on = $9,
                consultation_id = $10, decision_item_id = $11, interpretation_item_id = $12, updated_at = $13 WHERE id = $1`,
        [
          id,
          v.title,
          v.leadUnit,
          input.plannedOn,
          v.summary,
          JSON.stringify(v.steps),
          v.legalityFrom,
          v.legalityTo,
          v.decidedOn,
          v.consultationId,
          v.decisionItemId,
          v.interpretationItemId,
          now,
        ],
      );
      const after = { title: v.title, leadUnit: v.leadUnit, plannedOn: input.plannedOn, decidedOn: v.decidedOn };
      const changed = Object.fromEntries(Object.entries(after).filter(([k, val]) => before[k as keyof typeof before] !== val));
      await logEvent(tx, 'decision', actor, now, e, 'edited', { changed, before: Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof typeof before]])) });
      await bringFeedbackForward(tx, actor, now, v.consultationId, v.decidedOn);
      return id;
    }
    const unit = await getUnit(tx, input.unitId);
    if (!unit) throw new ValidationError({ unitId: '请选择单位' });
    authorize(actor, 'decision.edit', { unitPath: unit.path });
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw new ValidationError({ year: '请填写年度' });
    const v = await checked(tx, unit.path, input);
    // Numbers run per unit and year; the row lock on the unit's entries keeps two clerks from taking the same one.
    await tx.query('SELECT id FROM decision_entries WHERE unit_id = $1 AND year = $2 FOR UPDATE', [unit.id, input.year]);
    const seq = (await tx.query<{ n: number }>('SELECT COALESCE(max(seq), 0)::int + 1 AS n FROM decision_entries WHERE unit_id = $1 AND year = $2', [unit.id, input.year])).rows[0]
      .n;
    const code = decisionCode(input.year, seq);
    const r = await tx.query<{ id: number }>(
      `INSERT INTO decision_entries (unit_id, year, seq, code, title, lead_unit, planned_on, summary, steps, legality_from, legality_to, decided_on, consultation_id,
                                     decision_item_id, interpretation_item_id, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17) RETURNING id::int`,
      [
        unit.id,
        input.year,
        seq,
        code,
        v.title,
        v.leadUnit,
        input.plannedOn,
        v.summary,
        JSON.stringify(v.steps),
        v.legalityFrom,
        v.legalityTo,
        v.decidedOn,
        v.consultationId,
        v.decisionItemId,
        v.interpretationItemId,
        actorUserId(actor),
        now,
      ],
    );
    await logEvent(tx, 'decision', actor, now, { id: r.rows[0].id, unit_id: unit.id }, 'created', { code, title: v.title });
    await bringFeedbackForward(tx, actor, now, v.consultationId, v.decidedOn);
    return r.rows[0].id;
  });
}

export async function advanceDecisionStage(db: DbOrTx, actor: Actor, now: Date, id: number, stage: string, note: string) {
  return inTx(db, async (tx) => {
    const e = await openEntry(tx, actor, id);
    if (e.state === 'removed') throw new ConflictError('DECISION_INVALID_TRANSITION', '这个事项已从目录中移除。');
    const to = assertStageMove(e.stage, stage);
    await tx.query('UPDATE decision_entries SET stage = $2, updated_at = $3 WHERE id = $1', [id, to, now]);
    await logEvent(tx, 'decision', actor, now, e, 'stage', { from: e.stage, to, label: DECISION_STAGES[to], note: note.trim().slice(0, 500) });
  });
}

/** Taken off the catalogue (e.g. 不再作为重大行政决策), with the reason shown on its page; never deleted. */
export async function removeDecisionEntry(db: DbOrTx, actor: Actor, now: Date, id: number, reason: string) {
  return inTx(db, async (tx) => {
    const e = await openEntry(tx, actor, id);
    if (e.state === 'removed') throw new ConflictError('DECISION_INVALID_TRANSITION', '这个事项已经移除。');
    const why = reason.trim();
    if (!why) throw new ValidationError({ removeReason: '请写明移除的原因，原因将在事项页面上公开' });
    await tx.query(`UPDATE decision_entries SET state = 'removed', removed_reason = $2, updated_at = $3 WHERE id = $1`, [id, why.slice(0, 500), now]);
    await logEvent(tx, 'decision', actor, now, e, 'removed', { reason: why });
  });
}

/**
 * Publishes the unit's catalogue of the year as its next revision: a snapshot of the listed entries. A revision after
 * the first says what changed (调整说明), and earlier revisions stay readable. With a section, the revision is also
 * drafted as an information item of that 法定主动公开内容 column, which then goes through 保密审查 and 审核 like any item.
 */
export async function publishDecisionCatalogue(
  db: DbOrTx,
  actor: Actor,
  now: Date,
  unitId: number,
  year: number,
  note: string,
  sectionCode = '',
): Promise<{ revision: number; itemId?: number }> {
  return inTx(db, async (tx) => {
    const unit = await getUnit(tx, unitId);
    if (!unit) throw new NotFoundError('没有这个单位。');
    authorize(actor, 'decision.publish', { unitPath: unit.path });
    if (sectionCode && !(await sectionsForUnit(tx, unit)).some((s) => s.code === sectionCode && s.enabled && s.group === 'proactive'))
      throw new ValidationError({ sectionCode: '请选择本单位开设的法定主动公开内容栏目' });
    await tx.query('SELECT 1 FROM decision_entries WHERE unit_id = $1 AND year = $2 FOR UPDATE', [unitId, year]);
    const entries = (
      await tx.query<{ id: number; code: string; title: string; leadUnit: string; plannedOn: string }>(
        `SELECT id::int, code, title, lead_unit AS "leadUnit", planned_on::text AS "plannedOn" FROM decision_entries
          WHERE unit_id = $1 AND year = $2 AND state = 'listed' ORDER BY seq`,
        [unitId, year],
      )
    ).rows;
    const last = (await tx.query<{ n: number }>('SELECT COALESCE(max(revision), 0)::int AS n FROM decision_catalogue_revisions WHERE unit_id = $1 AND year = $2', [unitId, year]))
      .rows[0].n;
    if (!entries.length && !last) throw new ValidationError({ note: `${year}年度目录还没有事项` });
    if (last && !note.trim()) throw new ValidationError({ note: '调整目录时请写明调整说明（增加、移除或变更了哪些事项及原因）' });
    const revision = last + 1;
    await tx.query('INSERT INTO decision_catalogue_revisions (unit_id, year, revision, note, entries, published_at, published_by) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      unitId,
      year,
      revision,
      note.trim().slice(0, 2000),
      JSON.stringify(entries),
      now,
      actorUserId(actor),
    ]);
    for (const e of entries) await logEvent(tx, 'decision', actor, now, { id: e.id, unit_id: unitId }, 'catalogued', { revision });
    if (!sectionCode) return { revision };
    const title = `${unit.name}${year}年度重大行政决策事项目录${revision > 1 ? `（第${revision}版）` : ''}`;
    const rows = entries
      .map((e) => `<tr><td>${escapeHtml(e.code)}</td><td>${escapeHtml(e.title)}</td><td>${escapeHtml(e.leadUnit)}</td><td>${escapeHtml(e.plannedOn)}</td></tr>`)
      .join('');
    const bodyHtml = [
      note.trim() ? `<p>调整说明：${escapeHtml(note.trim())}</p>` : '',
      `<table><tbody><tr><th>编号</th><th>决策事项</th><th>承办单位</th><th>计划决策时间</th></tr>${rows}</tbody></table>`,
      `<p>各事项的办理阶段和程序完成情况：<a href="/hdjl/jcml/${unit.slug}/${year}">${escapeHtml(unit.name)}${year}年度重大行政决策事项目录</a></p>`,
    ].join('');
    const drafter: Actor = { kind: 'system', label: `重大行政决策事项目录（${actorLabel(actor)}）` };
    const draft = await saveDraft(tx, drafter, now, {
      unitId,
      input: { kind: 'information', title, sectionCode, disclosure: 'proactive', topic: '综合政务\\政务公开', genre: '其他', summary: `共${entries.length}项。`, bodyHtml },
    });
    return { revision, itemId: draft.itemId };
  });
}
