/**
 * 事后公示 commands: decisions recorded one by one or imported from a unit's business system (all or nothing, every
 * bad row reported, a second import of the same 文号 a correction), and the withdrawal of a revoked decision with its
 * public explanation. Each decision's deadline is computed on the platform's calendar when it is first published.
 */
import { inTx, type DbOrTx, type Queryable } from '../../lib/db.ts';
import { actorLabel, actorUserId, authorize, type Actor } from '../../lib/authz.ts';
import { audit, logRecordEvent } from '../../lib/audit.ts';
import { chinaDate } from '../../lib/clock.ts';
import { isValidDate, type WorkingDayCalendar } from '../../lib/calendar.ts';
import { ConflictError, ErrorCodes, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { getUnit } from '../orgs/index.ts';
import { getDecision, LOG } from './queries.ts';
import {
  checkDecision,
  isLate,
  isRevocation,
  mapHeader,
  publicationDue,
  REVOCATIONS,
  withdrawalDue,
  type CheckedDecision,
  type FieldKey,
  type Kind,
  type RawDecision,
} from './rules.ts';

/** The decision's fields and their columns, in the order they are written. */
const COLUMNS: [keyof CheckedDecision, string, string][] = [
  ['docNo', 'doc_no', 'text'],
  ['name', 'name', 'text'],
  ['category', 'category', 'text'],
  ['cause', 'cause', 'text'],
  ['basis', 'basis', 'text'],
  ['subjectType', 'subject_type', 'text'],
  ['subjectName', 'subject_name', 'text'],
  ['creditCode', 'credit_code', 'text'],
  ['legalRep', 'legal_rep', 'text'],
  ['result', 'result', 'text'],
  ['decidedOn', 'decided_on', 'date'],
  ['validUntil', 'valid_until', 'date'],
  ['authority', 'authority', 'text'],
  ['areaCode', 'area_code', 'text'],
  ['remark', 'remark', 'text'],
];
const MAX_LISTED = 200;

export interface ImportCounts {
  added: number;
  corrected: number;
  unchanged: number;
}

interface Writer {
  tx: Queryable;
  actor: Actor;
  now: Date;
  calendar: WorkingDayCalendar;
  unit: { id: number; path: string };
  kind: Kind;
  importId: number | null;
  /** Deadlines by decision date: an import's decisions share a few hundred dates. */
  dueByDate: Map<string, { dueOn: string; provisional: boolean }>;
}

/** The columns written for a new decision, with their types, in the order of the arrays passed. */
const NEW_COLUMNS = [...COLUMNS.map(([, c, t]) => [c, t]), ['due_on', 'date'], ['due_provisional', 'boolean'], ['late', 'boolean']];

/**
 * Writes checked decisions of one kind: every row offered to one INSERT (one array a column, unnested together, which
 * the server takes faster than a JSON document); a 文号 already there is then compared: identical is left, changed is
 * corrected with the old values in its event log, withdrawn is refused (a withdrawn decision never comes back).
 */
async function writeDecisions(w: Writer, rows: { n: number; d: CheckedDecision }[], problems: string[], counts: ImportCounts) {
  const today = chinaDate(w.now);
  const dueOf = (d: CheckedDecision) => {
    let due = w.dueByDate.get(d.decidedOn);
    if (!due) w.dueByDate.set(d.decidedOn, (due = publicationDue(w.calendar, w.kind, d.decidedOn)));
    return due;
  };
  const values = rows.map(({ d }) => {
    const due = dueOf(d);
    return { ...Object.fromEntries(COLUMNS.map(([k, c]) => [c, d[k]])), due_on: due.dueOn, due_provisional: due.provisional, late: isLate(due.dueOn, today) } as Record<
      string,
      unknown
    >;
  });
  const inserted = new Set(
    (
      await w.tx.query<{ doc_no: string }>(
        `INSERT INTO enforcement_decisions (unit_id, kind, ${NEW_COLUMNS.map(([c]) => c).join(', ')}, published_at, import_id, created_at, updated_at)
         SELECT $1, $2, t.*, $3, $4, $3, $3 FROM unnest(${NEW_COLUMNS.map(([, t], i) => `$${i + 5}::${t}[]`).join(', ')}) AS t
         ON CONFLICT (unit_id, kind, doc_no) DO NOTHING RETURNING doc_no`,
        [w.unit.id, w.kind, w.now, w.importId, ...NEW_COLUMNS.map(([c]) => values.map((r) => r[c] ?? null))],
      )
    ).rows.map((r) => r.doc_no),
  );
  counts.added += inserted.size;
  const clashes = rows.filter((r) => !inserted.has(r.d.docNo));
  if (!clashes.length) return;
  const existing = new Map(
    (
      await w.tx.query<Record<string, string | null> & { id: number; state: string }>(
        `SELECT id, state, ${COLUMNS.map(([, c]) => c).join(', ')} FROM enforcement_decisions WHERE unit_id = $1 AND kind = $2 AND doc_no = ANY($3::text[])`,
        [w.unit.id, w.kind, clashes.map((r) => r.d.docNo)],
      )
    ).rows.map((r) => [r.doc_no as string, r]),
  );
  for (const { n, d } of clashes) {
    const old = existing.get(d.docNo)!;
    if (old.state === 'withdrawn') {
      problems.push(`第${n}行：文号“${d.docNo}”的决定已撤下，不能再次公示；重新作出的决定请用新的文号`);
      continue;
    }
    const changed = COLUMNS.filter(([k, c]) => (d[k] ?? null) !== (old[c] ?? null));
    if (!changed.length) {
      counts.unchanged++;
      continue;
    }
    counts.corrected++;
    // The first publication stands: a correction keeps the date it was published and is judged against it.
    await w.tx.query(
      `UPDATE enforcement_decisions SET ${changed.map(([, c, t], i) => `${c} = $${i + 4}::${t}`).join(', ')}, due_on = $3,
         late = (published_at AT TIME ZONE 'Asia/Shanghai')::date > $3::date, updated_at = $2 WHERE id = $1`,
      [old.id, w.now, dueOf(d).dueOn, ...changed.map(([k]) => d[k])],
    );
    await logRecordEvent(w.tx, LOG, w.actor, w.now, { id: old.id, unit_id: w.unit.id }, 'corrected', {
      importId: w.importId,
      before: Object.fromEntries(changed.map(([k, c]) => [k, old[c]])),
    });
  }
}

async function openUnit(tx: Queryable, actor: Actor, unitId: number) {
  const unit = await getUnit(tx, unitId);
  if (!unit) throw new ValidationError({ unitId: '请选择单位' });
  authorize(actor, 'enforcement.edit', { unitPath: unit.path });
  return unit;
}

/** One decision entered on the form; its 文号 must be new for the unit and kind. Returns its id. */
export async function recordDecision(db: DbOrTx, actor: Actor, now: Date, calendar: WorkingDayCalendar, input: { unitId: number; kind: Kind; raw: RawDecision }): Promise<number> {
  const { value, errors } = checkDecision(input.raw);
  if (!value) throw new ValidationError(errors);
  return inTx(db, async (tx) => {
    const unit = await openUnit(tx, actor, input.unitId);
    const clash = (await tx.query('SELECT 1 FROM enforcement_decisions WHERE unit_id = $1 AND kind = $2 AND doc_no = $3', [unit.id, input.kind, value.docNo])).rows.length;
    if (clash) throw new ConflictError(ErrorCodes.ENFORCEMENT_DUPLICATE, '这个文号的决定已经公示过了。', { docNo: '这个文号的决定已经公示过了' });
    const problems: string[] = [];
    await writeDecisions({ tx, actor, now, calendar, unit, kind: input.kind, importId: null, dueByDate: new Map() }, [{ n: 1, d: value }], problems, {
      added: 0,
      corrected: 0,
      unchanged: 0,
    });
    const id = (await tx.query<{ id: number }>('SELECT id FROM enforcement_decisions WHERE unit_id = $1 AND kind = $2 AND doc_no = $3', [unit.id, input.kind, value.docNo])).rows[0]
      .id;
    await logRecordEvent(tx, LOG, actor, now, { id, unit_id: unit.id }, 'published', {});
    return id;
  });
}

export type RowSource = (onBatch: (batch: { header: string[] } | { rows: string[][] }) => Promise<void>) => Promise<unknown>;

/**
 * An import from a unit's business system: the header read by code or label, every row checked, duplicates within
 * the file refused, and nothing written unless every row is good (the caller's transaction, or one of its own).
 */
export async function importDecisions(
  db: DbOrTx,
  actor: Actor,
  now: Date,
  calendar: WorkingDayCalendar,
  input: { unitId: number; kind: Kind; filename: string; read: RowSource },
): Promise<ImportCounts & { importId: number }> {
  return inTx(db, async (tx) => {
    const unit = await openUnit(tx, actor, input.unitId);
    const importId = (
      await tx.query<{ id: number }>(
        `INSERT INTO enforcement_imports (unit_id, kind, filename, added, corrected, unchanged, at, actor_user_id, actor_label) VALUES ($1, $2, $3, 0, 0, 0, $4, $5, $6) RETURNING id`,
        [unit.id, input.kind, input.filename.slice(0, 200), now, actorUserId(actor), actorLabel(actor)],
      )
    ).rows[0].id;
    const w: Writer = { tx, actor, now, calendar, unit, kind: input.kind, importId, dueByDate: new Map() };
    const counts: ImportCounts = { added: 0, corrected: 0, unchanged: 0 };
    const problems: string[] = [];
    let bad = 0;
    let columns: (FieldKey | null)[] = [];
    let n = 1;
    const seen = new Set<string>();
    let writing: Promise<void> = Promise.resolve();
    let queued = 0;
    const reading = input.read(async (batch) => {
      if ('header' in batch) {
        const h = mapHeader(batch.header);
        if (h.missing.length)
          throw new ValidationError({ file: `第1行应为列名，缺少：${h.missing.join('、')}` }, '文件的列名不对，未导入。', ErrorCodes.ENFORCEMENT_IMPORT_REFUSED);
        columns = h.columns;
        return;
      }
      const good: { n: number; d: CheckedDecision }[] = [];
      for (const cells of batch.rows) {
        n++;
        if (cells.every((c) => !c?.trim())) continue;
        const raw: RawDecision = {};
        columns.forEach((k, i) => k && (raw[k] = cells[i] ?? ''));
        const { value, errors } = checkDecision(raw);
        const problem = Object.values(errors);
        const docNo = (raw.docNo ?? '').trim();
        if (docNo && seen.has(docNo)) problem.push(`文号“${docNo}”在文件中重复`);
        seen.add(docNo);
        if (problem.length) {
          if (++bad <= MAX_LISTED) problems.push(`第${n}行：${problem.join('；')}`);
          continue;
        }
        good.push({ n, d: value! });
      }
      // Once a row is bad nothing will be kept: the rest is only checked, so every problem is reported at once.
      if (!bad && good.length) {
        // Written while the sandbox reads on (one statement at a time in the transaction); at most two batches wait.
        queued++;
        const job = writing
          .then(async () => {
            if (bad) return;
            const before = problems.length;
            await writeDecisions(w, good, problems, counts);
            bad += problems.length - before;
          })
          .finally(() => queued--);
        job.catch(() => undefined);
        writing = job;
        if (queued > 2) await job;
      }
    });
    // A file that fails part-way must not leave a batch still writing: its later statements would run after the
    // rollback, outside the transaction. The writes settle first, whatever the reading's outcome.
    try {
      await reading;
    } finally {
      await writing.catch(() => undefined);
    }
    await writing;
    if (bad) {
      if (bad > problems.length) problems.push(`……另有 ${bad - problems.length} 行有问题`);
      throw new ValidationError({ file: problems.join('\n') }, `未导入：${bad} 行有问题，整个文件都没有导入。`, ErrorCodes.ENFORCEMENT_IMPORT_REFUSED);
    }
    if (counts.added + counts.corrected + counts.unchanged === 0)
      throw new ValidationError({ file: '文件中没有决定记录' }, '文件中没有决定记录。', ErrorCodes.ENFORCEMENT_IMPORT_REFUSED);
    await tx.query('UPDATE enforcement_imports SET added = $2, corrected = $3, unchanged = $4 WHERE id = $1', [importId, counts.added, counts.corrected, counts.unchanged]);
    await audit(tx, actor, {
      at: now,
      action: 'enforcement.imported',
      subjectType: 'enforcement_import',
      subjectId: importId,
      unitId: unit.id,
      details: { kind: input.kind, ...counts },
    });
    return { ...counts, importId };
  });
}

/**
 * A decision revoked, confirmed illegal, to be remade or changed leaves public view with a public explanation; the
 * record stays (with its history) for the unit. Withdrawn later than `withdrawDays` after the revoking act: flagged.
 */
export async function revokeDecision(
  db: DbOrTx,
  actor: Actor,
  now: Date,
  withdrawDays: number,
  id: number,
  input: { revocation: string; revokedOn: string; explanation: string },
): Promise<{ late: boolean }> {
  return inTx(db, async (tx) => {
    await tx.query('SELECT id FROM enforcement_decisions WHERE id = $1 FOR UPDATE', [id]);
    const d = await getDecision(tx, id);
    if (!d) throw new NotFoundError('没有这个执法决定。');
    authorize(actor, 'enforcement.edit', { unitPath: d.unit_path });
    if (d.state === 'withdrawn') throw new ConflictError(ErrorCodes.ENFORCEMENT_WITHDRAWN, '这个决定已经撤下了。');
    const today = chinaDate(now);
    const errors: Record<string, string> = {};
    if (!isRevocation(input.revocation)) errors.revocation = `请选择撤下的原因：${Object.values(REVOCATIONS).join('、')}`;
    if (!isValidDate(input.revokedOn)) errors.revokedOn = '请填写撤销（确认违法、变更）的日期，如 2026-03-05';
    else if (input.revokedOn > today) errors.revokedOn = '日期不能晚于今天';
    else if (input.revokedOn < d.decided_on) errors.revokedOn = '日期不能早于决定日期';
    const explanation = input.explanation.trim();
    if (explanation.length < 10) errors.explanation = '请向公众说明撤下的原因（至少10字）';
    else if (explanation.length > 2000) errors.explanation = '说明不超过2000字';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const late = isLate(withdrawalDue(input.revokedOn, withdrawDays), today);
    await tx.query(
      `UPDATE enforcement_decisions SET state = 'withdrawn', revocation = $2, revoked_on = $3, explanation = $4, withdrawn_at = $5, withdrawal_late = $6, updated_at = $5 WHERE id = $1`,
      [id, input.revocation, input.revokedOn, explanation, now, late],
    );
    await logRecordEvent(tx, LOG, actor, now, { id, unit_id: d.unit_id }, 'withdrawn', { revocation: input.revocation, revokedOn: input.revokedOn, late });
    return { late };
  });
}
