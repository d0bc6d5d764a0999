/**
 * 事前公开 entries (kept current: every change logged with the old values, a next review date), 双随机 draws (recorded
 * once, never changed; the inspection's results published later against a 20-working-day clock), and the yearly
 * statistics (computed from the records when published, by 31 January).
 */
import { randomBytes } from 'node:crypto';
import { inTx, type DbOrTx, type Queryable } from '../../lib/db.ts';
import { actorLabel, actorUserId, authorize, type Actor } from '../../lib/authz.ts';
import { audit, logRecordEvent } from '../../lib/audit.ts';
import { chinaDate } from '../../lib/clock.ts';
import { isValidDate, type WorkingDayCalendar } from '../../lib/calendar.ts';
import { ConflictError, ErrorCodes, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { getUnit } from '../orgs/index.ts';
import { ALGORITHM, runDraw, type Exclusion, type PoolEntity, type PoolInspector } from './draw.ts';
import { getDraw, registerEntry, registerOf, REGISTER_LOG, yearFigures } from './queries.ts';
import { checkRegisterEntry, isLate, statsDueOn, type RegisterKind } from './rules.ts';

const RESULTS_WORKING_DAYS = 20;

async function unitFor(tx: Queryable, actor: Actor, unitId: number) {
  const unit = await getUnit(tx, unitId);
  if (!unit) throw new NotFoundError('没有这个单位。');
  authorize(actor, 'enforcement.edit', { unitPath: unit.path });
  return unit;
}

/** Adds an entry (no id) or changes one; the change log keeps what it was. Returns the entry's id. */
export async function saveRegisterEntry(
  db: DbOrTx,
  actor: Actor,
  now: Date,
  input: { id?: number; unitId: number; kind: RegisterKind; title: string; reviewOn: string; fields: Record<string, string> },
): Promise<number> {
  const { errors, value } = checkRegisterEntry(input.kind, input, chinaDate(now));
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTx(db, async (tx) => {
    if (input.id) {
      const old = await registerEntry(tx, input.id);
      if (!old || old.unit_id !== input.unitId || old.kind !== input.kind) throw new NotFoundError('没有这一项。');
      authorize(actor, 'enforcement.edit', { unitPath: old.unit_path });
      if (old.state !== 'current') throw new ConflictError(ErrorCodes.ENFORCEMENT_WITHDRAWN, '这一项已经撤下了。');
      await tx.query('UPDATE enforcement_register SET title = $2, fields = $3, review_on = $4, updated_at = $5 WHERE id = $1', [
        old.id,
        value.title,
        JSON.stringify(value.fields),
        value.reviewOn,
        now,
      ]);
      await logRecordEvent(tx, REGISTER_LOG, actor, now, { id: old.id, unit_id: old.unit_id }, 'changed', {
        before: { title: old.title, fields: old.fields, reviewOn: old.review_on },
      });
      return old.id;
    }
    const unit = await unitFor(tx, actor, input.unitId);
    const id = (
      await tx.query<{ id: number }>(
        'INSERT INTO enforcement_register (unit_id, kind, title, fields, review_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id',
        [unit.id, input.kind, value.title, JSON.stringify(value.fields), value.reviewOn, now],
      )
    ).rows[0].id;
    await logRecordEvent(tx, REGISTER_LOG, actor, now, { id, unit_id: unit.id }, 'created', {});
    return id;
  });
}

/** Takes an entry off the public register (a body merged, an officer retired) with the reason; the row stays. */
export async function withdrawRegisterEntry(db: DbOrTx, actor: Actor, now: Date, id: number, reason: string): Promise<void> {
  if (reason.trim().length < 2) throw new ValidationError({ reason: '请填写撤下的原因' });
  await inTx(db, async (tx) => {
    const old = await registerEntry(tx, id);
    if (!old) throw new NotFoundError('没有这一项。');
    authorize(actor, 'enforcement.edit', { unitPath: old.unit_path });
    if (old.state !== 'current') throw new ConflictError(ErrorCodes.ENFORCEMENT_WITHDRAWN, '这一项已经撤下了。');
    await tx.query("UPDATE enforcement_register SET state = 'withdrawn', reason = $2, updated_at = $3 WHERE id = $1", [id, reason.trim().slice(0, 500), now]);
    await logRecordEvent(tx, REGISTER_LOG, actor, now, { id, unit_id: old.unit_id }, 'withdrawn', { reason: reason.trim().slice(0, 500) });
  });
}

/** The pool of entities as pasted from the 检查对象名录库: one per line, "编号 名称" (a credit code is a fine 编号). */
export function parseEntities(text: string): { entities: PoolEntity[]; errors: string[] } {
  const entities: PoolEntity[] = [];
  const errors: string[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const t = line.trim();
    if (!t) continue;
    const m = /^([^\s,，]{1,40})[\s,，]+(\S.{0,199})$/.exec(t);
    if (!m) errors.push(`第${i + 1}行应为“编号 名称”`);
    else entities.push({ id: m[1], name: m[2].trim() });
  }
  return { entities, errors };
}

/** 回避: one per line, "执法证号 对象编号 理由". */
export function parseExclusions(text: string): { exclusions: Exclusion[]; errors: string[] } {
  const exclusions: Exclusion[] = [];
  const errors: string[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const t = line.trim();
    if (!t) continue;
    const m = /^(\S{1,40})\s+(\S{1,40})\s+(.{1,200})$/.exec(t);
    if (!m) errors.push(`回避第${i + 1}行应为“执法证号 对象编号 理由”`);
    else exclusions.push({ inspector: m[1], entity: m[2], reason: m[3].trim() });
  }
  return { exclusions, errors };
}

/**
 * A draw for a random-inspection item: the inspectors are the unit's current officers whose certificates are valid
 * on the day; the seed is made here, at the moment of the draw, and published with the pool.
 */
export async function makeDraw(
  db: DbOrTx,
  actor: Actor,
  now: Date,
  calendar: WorkingDayCalendar,
  input: { unitId: number; itemId: number; title: string; entities: string; exclusions: string; entityCount: number; inspectorsPerEntity: number; inspectionEndsOn: string },
): Promise<number> {
  return inTx(db, async (tx) => {
    const unit = await unitFor(tx, actor, input.unitId);
    const today = chinaDate(now);
    const register = await registerOf(tx, unit.id, true);
    const item = register.find((r) => r.id === input.itemId && r.kind === 'inspection_item');
    const errors: Record<string, string> = {};
    if (!item) errors.itemId = '请选择本单位的随机抽查事项';
    if (!input.title.trim() || input.title.length > 200) errors.title = '请填写本次抽查的名称（不超过200字）';
    const { entities, errors: eErrors } = parseEntities(input.entities);
    if (eErrors.length) errors.entities = eErrors.slice(0, 5).join('；');
    else if (!entities.length) errors.entities = '请粘贴检查对象名录（每行“编号 名称”）';
    else if (entities.length > 100_000) errors.entities = '检查对象名录不超过10万行';
    const { exclusions, errors: xErrors } = parseExclusions(input.exclusions);
    if (xErrors.length) errors.exclusions = xErrors.slice(0, 5).join('；');
    if (!isValidDate(input.inspectionEndsOn)) errors.inspectionEndsOn = '请填写检查结束日期，如 2026-06-30';
    else if (input.inspectionEndsOn < today) errors.inspectionEndsOn = '检查结束日期不能早于今天';
    const inspectors: PoolInspector[] = register
      .filter((r) => r.kind === 'officer' && (!r.fields.validUntil || r.fields.validUntil >= today))
      .map((r) => ({ id: r.fields.certificate, name: r.title, certificate: r.fields.certificate }));
    if (!inspectors.length) errors.inspectorsPerEntity = '本单位事前公开中没有证件有效的执法人员，请先登记';
    const unknown = exclusions.filter((x) => !inspectors.some((i) => i.id === x.inspector) || !entities.some((e) => e.id === x.entity));
    if (unknown.length && !errors.exclusions) errors.exclusions = `回避中的人员或对象不在名录中：${unknown.map((x) => `${x.inspector} ${x.entity}`).join('、')}`;
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const seed = randomBytes(16).toString('hex');
    let drawn;
    try {
      drawn = runDraw({ entities, inspectors, exclusions, entityCount: input.entityCount, inspectorsPerEntity: input.inspectorsPerEntity, seed });
    } catch (e) {
      if (e instanceof RangeError) throw new ValidationError({ entityCount: e.message });
      throw e;
    }
    const due = calendar.addWorkingDays(input.inspectionEndsOn, RESULTS_WORKING_DAYS).date;
    const id = (
      await tx.query<{ id: number }>(
        `INSERT INTO enforcement_draws (unit_id, item_id, title, entities, inspectors, exclusions, entity_count, inspectors_per_entity, seed, pool_hash, algorithm, result,
           drawn_at, actor_user_id, actor_label, inspection_ends_on, results_due_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
        [
          unit.id,
          item!.id,
          input.title.trim(),
          JSON.stringify(entities),
          JSON.stringify(inspectors),
          JSON.stringify(exclusions),
          input.entityCount,
          input.inspectorsPerEntity,
          seed,
          drawn.poolHash,
          ALGORITHM,
          JSON.stringify(drawn.result),
          now,
          actorUserId(actor),
          actorLabel(actor),
          input.inspectionEndsOn,
          due,
        ],
      )
    ).rows[0].id;
    await audit(tx, actor, { at: now, action: 'enforcement.drawn', subjectType: 'enforcement_draw', subjectId: id, unitId: unit.id, details: { poolHash: drawn.poolHash, seed } });
    return id;
  });
}

/** The inspection's results (一公开), due 20 working days after the inspection ends. */
export async function publishDrawResults(db: DbOrTx, actor: Actor, now: Date, id: number, findings: string): Promise<{ late: boolean }> {
  const text = findings.trim();
  if (text.length < 10 || text.length > 20_000) throw new ValidationError({ findings: '请填写检查结果（10到20000字）' });
  return inTx(db, async (tx) => {
    const d = await getDraw(tx, id);
    if (!d) throw new NotFoundError('没有这次抽查。');
    authorize(actor, 'enforcement.edit', { unitPath: d.unit_path });
    if (d.results_published_at) throw new ConflictError(ErrorCodes.ENFORCEMENT_STATS_PUBLISHED, '这次抽查的结果已经公开了。');
    const late = isLate(d.results_due_on, chinaDate(now));
    await tx.query('UPDATE enforcement_draws SET findings = $2, results_published_at = $3, results_late = $4 WHERE id = $1', [id, text, now, late]);
    await audit(tx, actor, { at: now, action: 'enforcement.results_published', subjectType: 'enforcement_draw', subjectId: id, unitId: d.unit_id, details: { late } });
    return { late };
  });
}

/** Publishes a finished year's figures, computed now from the records; once published they stand. */
export async function publishYearStats(db: DbOrTx, actor: Actor, now: Date, input: { unitId: number; year: number; note: string }): Promise<{ late: boolean }> {
  const today = chinaDate(now);
  if (!Number.isInteger(input.year) || input.year < 2000 || `${input.year}-12-31` >= today) throw new ValidationError({ year: '只能公布已经结束的年度' });
  if (input.note.length > 4000) throw new ValidationError({ note: '说明不超过4000字' });
  return inTx(db, async (tx) => {
    const unit = await unitFor(tx, actor, input.unitId);
    const exists = (await tx.query('SELECT 1 FROM enforcement_annual_stats WHERE unit_id = $1 AND year = $2', [unit.id, input.year])).rows.length;
    if (exists) throw new ConflictError(ErrorCodes.ENFORCEMENT_STATS_PUBLISHED, `${input.year}年度的统计已经公布了。`);
    const figures = await yearFigures(tx, unit.id, input.year);
    const late = isLate(statsDueOn(input.year), today);
    await tx.query('INSERT INTO enforcement_annual_stats (unit_id, year, figures, note, published_at, late) VALUES ($1, $2, $3, $4, $5, $6)', [
      unit.id,
      input.year,
      JSON.stringify(figures),
      input.note.trim(),
      now,
      late,
    ]);
    await audit(tx, actor, { at: now, action: 'enforcement.stats_published', subjectType: 'unit', subjectId: unit.id, unitId: unit.id, details: { year: input.year, late } });
    return { late };
  });
}
