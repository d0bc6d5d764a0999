/**
 * Q&A entry commands, each in one transaction with its event and audit entry: save the working copy (a new entry, or
 * a published one being edited, whose published version stays public meanwhile), submit it for review, approve it (a
 * new published version resting on the sources as they are now), return it, or withdraw it with a reason.
 */
import { inTx, type DbOrTx, type Queryable } from '../../lib/db.ts';
import { authorize, type Actor } from '../../lib/authz.ts';
import { logRecordEvent, type EventLog } from '../../lib/audit.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { getUnit } from '../orgs/index.ts';
import { resolveItemRefs } from '../publishing/index.ts';
import { catalogueItemChoices, getEntry, type EntryRow } from './queries.ts';
import { checkEntry, nextState, type EntryInput } from './rules.ts';

const LOG: EventLog = { table: 'qa_events', column: 'entry_id', subjectType: 'qa_entry', actionPrefix: 'answer' };

async function locked(tx: Queryable, id: number): Promise<EntryRow> {
  await tx.query('SELECT 1 FROM qa_entries WHERE id = $1 FOR UPDATE', [id]);
  const e = await getEntry(tx, id);
  if (!e) throw new NotFoundError('没有这条问答。');
  return e;
}

export interface SaveInput extends EntryInput {
  unitId: number;
  /** 索引号, 文号 or full titles of the published information the answer rests on, one per line. */
  sources: string[];
  /** The unit's standard-catalogue items the entry answers for, as 'area|item key'. */
  catalogueKeys?: string[];
}

/** Each named catalogue item must be in the answering unit's published catalogues. */
async function checkCatalogueKeys(tx: Queryable, unitId: number, keys: string[]): Promise<string[]> {
  const wanted = [...new Set(keys.map((k) => k.trim()).filter(Boolean))];
  if (!wanted.length) return [];
  const known = new Set((await catalogueItemChoices(tx, [unitId])).map((c) => `${c.area_code}|${c.item_key}`));
  if (wanted.some((k) => !known.has(k))) throw new ValidationError({ catalogueKeys: '所属公开事项须是答复单位已公布的标准目录中的事项' });
  if (wanted.length > 20) throw new ValidationError({ catalogueKeys: '所属公开事项最多20项' });
  return wanted;
}

export async function saveEntry(db: DbOrTx, actor: Actor, ctx: { now: Date; today: string }, input: SaveInput, id?: number): Promise<number> {
  const v = checkEntry(input, ctx.today);
  return inTx(db, async (tx) => {
    const refs = await resolveItemRefs(tx, input.sources);
    if (refs.errors.length) throw new ValidationError({ sources: refs.errors.join('；') });
    if (input.handoverUnitId && !(await getUnit(tx, input.handoverUnitId))) throw new ValidationError({ handoverUnitId: '承办单位不存在' });
    const timed = input.answerClass === 'timed';
    const unitId = id ? (await locked(tx, id)).unit_id : input.unitId;
    const catalogueKeys = await checkCatalogueKeys(tx, unitId, input.catalogueKeys ?? []);
    const fields = [
      v.question,
      v.variants,
      v.answer,
      input.answerClass,
      timed ? input.handoverUnitId : null,
      timed ? input.handoverDays : null,
      input.topic.trim().slice(0, 100),
      input.reviewBy,
      refs.ids,
      ctx.now,
      catalogueKeys,
    ];
    if (id) {
      const e = await locked(tx, id);
      authorize(actor, 'answer.edit', { unitPath: e.unit_path });
      if (e.state === 'withdrawn') throw new ValidationError({ question: '已撤回的问答不能修改' });
      // Editing a published entry starts a new draft; the published version stays public until the new one is approved.
      await tx.query(
        `UPDATE qa_entries SET question = $2, variants = $3, answer = $4, answer_class = $5, handover_unit_id = $6, handover_days = $7, topic = $8,
                review_by = $9, source_item_ids = $10, updated_at = $11, catalogue_keys = $12, state = 'draft' WHERE id = $1`,
        [id, ...fields],
      );
      await logRecordEvent(tx, LOG, actor, ctx.now, e, 'saved', { sources: refs.ids });
      return id;
    }
    const unit = await getUnit(tx, input.unitId);
    if (!unit) throw new ValidationError({ unitId: '请选择单位' });
    authorize(actor, 'answer.edit', { unitPath: unit.path });
    const r = await tx.query<{ id: number }>(
      `INSERT INTO qa_entries (unit_id, state, question, variants, answer, answer_class, handover_unit_id, handover_days, topic, review_by, source_item_ids, created_at, updated_at, catalogue_keys)
       VALUES ($1, 'draft', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12) RETURNING id`,
      [unit.id, ...fields],
    );
    await logRecordEvent(tx, LOG, actor, ctx.now, { id: r.rows[0].id, unit_id: unit.id }, 'created', { sources: refs.ids });
    return r.rows[0].id;
  });
}

export async function submitEntry(db: DbOrTx, actor: Actor, now: Date, id: number) {
  return inTx(db, async (tx) => {
    const e = await locked(tx, id);
    authorize(actor, 'answer.edit', { unitPath: e.unit_path });
    await tx.query('UPDATE qa_entries SET state = $2, updated_at = $3 WHERE id = $1', [id, nextState(e.state, 'submit'), now]);
    await logRecordEvent(tx, LOG, actor, now, e, 'submitted');
  });
}

/** The reviewer publishes the working copy as a new version, resting on each source's version current now. */
export async function approveEntry(db: DbOrTx, actor: Actor, now: Date, id: number) {
  return inTx(db, async (tx) => {
    const e = await locked(tx, id);
    authorize(actor, 'answer.review', { unitPath: e.unit_path });
    const state = nextState(e.state, 'approve');
    const sources = (
      await tx.query<{ id: number; current_version_id: number | null; status: string; validity: string }>(
        'SELECT id, current_version_id::int, status, validity FROM information_items WHERE id = ANY($1)',
        [e.source_item_ids],
      )
    ).rows;
    const stale = sources.find((s) => s.status !== 'published' || s.validity !== 'current' || !s.current_version_id);
    if (stale) throw new ValidationError({ sources: `依据的信息（编号${stale.id}）已撤回、废止或失效，请改正依据后再发布` });
    const version = e.published_version + 1;
    await tx.query(
      `INSERT INTO qa_versions (entry_id, version_no, question, variants, answer, answer_class, handover_unit_id, handover_days, published_at, catalogue_keys)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, version, e.question, e.variants, e.answer, e.answer_class, e.handover_unit_id, e.handover_days, now, e.catalogue_keys],
    );
    for (const s of sources)
      await tx.query('INSERT INTO qa_sources (entry_id, version_no, item_id, item_version_id) VALUES ($1, $2, $3, $4)', [id, version, s.id, s.current_version_id]);
    await tx.query('UPDATE qa_entries SET state = $2, published_version = $3, updated_at = $4 WHERE id = $1', [id, state, version, now]);
    await logRecordEvent(tx, LOG, actor, now, e, 'published', { version });
  });
}

export async function returnEntry(db: DbOrTx, actor: Actor, now: Date, id: number, note: string) {
  return inTx(db, async (tx) => {
    const e = await locked(tx, id);
    authorize(actor, 'answer.review', { unitPath: e.unit_path });
    if (!note.trim()) throw new ValidationError({ note: '请写明退回修改的意见' });
    await tx.query('UPDATE qa_entries SET state = $2, updated_at = $3 WHERE id = $1', [id, nextState(e.state, 'return'), now]);
    await logRecordEvent(tx, LOG, actor, now, e, 'returned', { note: note.trim() });
  });
}

/** Withdrawn with a reason the public sees; the versions stay. */
export async function withdrawEntry(db: DbOrTx, actor: Actor, now: Date, id: number, reason: string) {
  return inTx(db, async (tx) => {
    const e = await locked(tx, id);
    authorize(actor, 'answer.review', { unitPath: e.unit_path });
    if (!reason.trim()) throw new ValidationError({ reason: '请写明撤回的理由' });
    await tx.query('UPDATE qa_entries SET state = $2, withdrawn_reason = $3, updated_at = $4 WHERE id = $1', [
      id,
      nextState(e.state, 'withdraw'),
      reason.trim().slice(0, 500),
      now,
    ]);
    await logRecordEvent(tx, LOG, actor, now, e, 'withdrawn', { reason: reason.trim() });
  });
}
