/**
 * 群众关切事项清单 and "一键应答" (ADR 0024): the office keeps the concerns; each answer page is assembled from what is
 * linked and current — the knowledge base's answers not withheld for review, the published items with their validity
 * and interpretations, the responsible units and the contact. Nothing is written that is not one of those sources.
 */
import { inTx, type DbOrTx, type Queryable } from '../../lib/db.ts';
import { authorize, type Actor } from '../../lib/authz.ts';
import { logRecordEvent, type EventLog } from '../../lib/audit.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { getUnit } from '../orgs/index.ts';
import { linkedItems, resolveItemRefs } from '../publishing/index.ts';
import { publicEntry, SOURCES_UNCHANGED, type PublicEntry } from './queries.ts';

const LOG: EventLog = { table: 'concern_events', column: 'concern_id', subjectType: 'concern', actionPrefix: 'concern' };

export interface ConcernRow {
  id: number;
  unit_id: number;
  unit_path: string;
  area_code: string | null;
  area_name: string | null;
  title: string;
  description: string;
  responsible_unit_ids: number[];
  responsible_names: string[];
  contact: string;
  item_ids: number[];
  answer_ids: number[];
  state: 'active' | 'retired';
  retired_reason: string;
}

const SELECT = `SELECT c.id, c.unit_id, u.path AS unit_path, c.area_code, a.name AS area_name, c.title, c.description, c.responsible_unit_ids,
       ARRAY(SELECT r.name FROM units r WHERE r.id = ANY(c.responsible_unit_ids) ORDER BY r.path) AS responsible_names,
       c.contact, c.item_ids, c.answer_ids, c.state, c.retired_reason
  FROM concerns c JOIN units u ON u.id = c.unit_id LEFT JOIN catalogue_areas a ON a.code = c.area_code`;

export async function getConcern(q: Queryable, id: number): Promise<ConcernRow | undefined> {
  return (await q.query<ConcernRow>(`${SELECT} WHERE c.id = $1`, [id])).rows[0];
}

export async function concernsList(q: Queryable, opts: { activeOnly: boolean; paths?: string[] }): Promise<ConcernRow[]> {
  return (
    await q.query<ConcernRow>(
      `${SELECT} WHERE ($1::boolean = false OR c.state = 'active') AND ($2::text[] IS NULL OR u.path LIKE ANY($2)) ORDER BY a.sort NULLS LAST, c.id LIMIT 2000`,
      [opts.activeOnly, opts.paths ? opts.paths.map((p) => `${p}%`) : null],
    )
  ).rows;
}

export async function concernAreas(q: Queryable) {
  return (await q.query<{ code: string; name: string }>('SELECT code, name FROM catalogue_areas ORDER BY sort')).rows;
}

export interface ConcernInput {
  unitId: number;
  areaCode: string;
  title: string;
  description: string;
  responsibleUnitIds: number[];
  contact: string;
  /** Items as 索引号, 文号 or full titles, one per line; Q&A entries by number. */
  items: string[];
  answerIds: number[];
}

export async function saveConcern(db: DbOrTx, actor: Actor, now: Date, input: ConcernInput, id?: number): Promise<number> {
  const errors: Record<string, string> = {};
  if (!input.title.trim()) errors.title = '请填写关切事项';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTx(db, async (tx) => {
    const refs = await resolveItemRefs(tx, input.items);
    if (refs.errors.length) throw new ValidationError({ items: refs.errors.join('；') });
    const answers = [...new Set(input.answerIds.filter((x) => x > 0))];
    if (answers.length) {
      const found = (await tx.query<{ id: number }>('SELECT id FROM qa_entries WHERE id = ANY($1)', [answers])).rows.map((r) => r.id);
      const missing = answers.filter((a) => !found.includes(a));
      if (missing.length) throw new ValidationError({ answerIds: `没有编号为 ${missing.join('、')} 的问答` });
    }
    if (input.areaCode && !(await tx.query('SELECT 1 FROM catalogue_areas WHERE code = $1', [input.areaCode])).rows.length) throw new ValidationError({ areaCode: '请选择领域' });
    const fields = [
      input.areaCode || null,
      input.title.trim().slice(0, 200),
      input.description.trim().slice(0, 2000),
      [...new Set(input.responsibleUnitIds.filter((x) => x > 0))],
      input.contact.trim().slice(0, 200),
      refs.ids,
      answers,
      now,
    ];
    if (id) {
      await tx.query('SELECT 1 FROM concerns WHERE id = $1 FOR UPDATE', [id]);
      const c = await getConcern(tx, id);
      if (!c) throw new NotFoundError('没有这个关切事项。');
      authorize(actor, 'concern.manage', { unitPath: c.unit_path });
      await tx.query(
        `UPDATE concerns SET area_code = $2, title = $3, description = $4, responsible_unit_ids = $5, contact = $6, item_ids = $7, answer_ids = $8, updated_at = $9 WHERE id = $1`,
        [id, ...fields],
      );
      await logRecordEvent(tx, LOG, actor, now, c, 'saved', { items: refs.ids, answers });
      return id;
    }
    const unit = await getUnit(tx, input.unitId);
    if (!unit) throw new ValidationError({ unitId: '请选择单位' });
    authorize(actor, 'concern.manage', { unitPath: unit.path });
    const r = await tx.query<{ id: number }>(
      `INSERT INTO concerns (unit_id, area_code, title, description, responsible_unit_ids, contact, item_ids, answer_ids, state, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $9) RETURNING id`,
      [unit.id, ...fields],
    );
    await logRecordEvent(tx, LOG, actor, now, { id: r.rows[0].id, unit_id: unit.id }, 'created', { items: refs.ids, answers });
    return r.rows[0].id;
  });
}

export async function retireConcern(db: DbOrTx, actor: Actor, now: Date, id: number, reason: string) {
  return inTx(db, async (tx) => {
    const c = await getConcern(tx, id);
    if (!c) throw new NotFoundError('没有这个关切事项。');
    authorize(actor, 'concern.manage', { unitPath: c.unit_path });
    if (!reason.trim()) throw new ValidationError({ reason: '请写明不再列入清单的理由' });
    await tx.query(`UPDATE concerns SET state = 'retired', retired_reason = $2, updated_at = $3 WHERE id = $1`, [id, reason.trim().slice(0, 500), now]);
    await logRecordEvent(tx, LOG, actor, now, c, 'retired', { reason: reason.trim() });
  });
}

export interface AssembledItem {
  id: number;
  title: string;
  unit_slug: string;
  doc_no: string;
  validity: string;
  interpretations: { id: number; title: string; unit_slug: string }[];
}

export interface Assembled {
  answers: PublicEntry[];
  items: AssembledItem[];
  /** Linked items no longer current (revised, repealed, expired, withdrawn), shown apart. */
  outdated: AssembledItem[];
  /** Nothing current to answer with: a gap in the list. */
  gap: boolean;
}

/** The "一键应答" page's content, from the concern's current links only. */
export async function assemble(q: Queryable, c: ConcernRow): Promise<Assembled> {
  const answers: PublicEntry[] = [];
  for (const id of c.answer_ids) {
    const e = await publicEntry(q, id);
    if (e && !e.needsReview) answers.push(e);
  }
  const rows = (
    await q.query<{ id: number; title: string; unit_slug: string; doc_no: string; validity: string; status: string }>(
      `SELECT i.id, v.title, u.slug AS unit_slug, v.doc_no, i.validity, i.status FROM information_items i JOIN item_versions v ON v.id = i.current_version_id
         JOIN units u ON u.id = i.unit_id WHERE i.id = ANY($1) ORDER BY array_position($1, i.id)`,
      [c.item_ids],
    )
  ).rows;
  const items: AssembledItem[] = [];
  const outdated: AssembledItem[] = [];
  for (const r of rows) {
    const interpretations = r.status === 'published' ? (await linkedItems(q, r.id, 'interpreted_by', true)).map((l) => ({ id: l.id, title: l.title, unit_slug: l.unit_slug })) : [];
    const x = { id: r.id, title: r.title, unit_slug: r.unit_slug, doc_no: r.doc_no, validity: r.validity, interpretations };
    if (r.status === 'published' && r.validity === 'current') items.push(x);
    else if (r.status === 'published') outdated.push(x);
  }
  return { answers, items, outdated, gap: !answers.length && !items.length };
}

/** A unit's concerns with nothing current to answer with (gaps), for supervision: the same rule as `assemble`, in one read. */
export async function concernGaps(q: Queryable, unitId: number): Promise<{ id: number; title: string }[]> {
  return (
    await q.query<{ id: number; title: string }>(
      `SELECT c.id, c.title FROM concerns c
        WHERE c.unit_id = $1 AND c.state = 'active'
          AND NOT EXISTS (SELECT 1 FROM qa_entries e WHERE e.id = ANY(c.answer_ids) AND e.state <> 'withdrawn' AND e.published_version > 0 AND ${SOURCES_UNCHANGED})
          AND NOT EXISTS (SELECT 1 FROM information_items i WHERE i.id = ANY(c.item_ids) AND i.status = 'published' AND i.validity = 'current')
        ORDER BY c.id`,
      [unitId],
    )
  ).rows;
}
