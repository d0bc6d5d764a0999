/**
 * Compiling and publishing an issue of the gazette. Every command takes the caller's database or transaction,
 * authorises against the gazette's unit (the top of the tree), and logs an event in the issue's log and the audit
 * log. Publishing lays the issue out, stores its PDF and writes each entry's pages and printed edition in one step.
 */
import { inTx, type DbOrTx, type Queryable } from '../../lib/db.ts';
import { authorize, type Actor } from '../../lib/authz.ts';
import { logRecordEvent } from '../../lib/audit.ts';
import { ConflictError, ErrorCodes, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { storeBlob } from '../publishing/index.ts';
import { layoutRows } from './layout.ts';
import { gazetteName, gazetteUnit, getIssue, issueEntries, LOG, printRows, publishedItemByIndexNo, type IssueRow } from './queries.ts';
import { checkIssue, nextState, SECTION_ORDER, SECTIONS, type IssueAction, type IssueInput } from './rules.ts';

async function gazetteOwner(q: Queryable, actor: Actor, action: 'gazette.edit' | 'gazette.publish') {
  const unit = await gazetteUnit(q);
  if (!unit) throw new NotFoundError('还没有建立单位。');
  authorize(actor, action, { unitPath: unit.path });
  return unit;
}

/** The issue, locked, in a state that allows the action. */
async function lockedIssue(tx: Queryable, id: number, action: IssueAction): Promise<IssueRow> {
  const locked = (await tx.query<{ id: number }>('SELECT id FROM gazette_issues WHERE id = $1 FOR UPDATE', [id])).rows[0];
  const issue = locked && (await getIssue(tx, id));
  if (!issue) throw new NotFoundError('没有这一期公报。');
  nextState(issue.state, action);
  return issue;
}

async function uniqueNumbers(tx: Queryable, i: IssueInput, exceptId = 0) {
  const clash = (
    await tx.query<{ year: number; number: number; serial: number }>(
      'SELECT year, number, serial FROM gazette_issues WHERE ((year = $1 AND number = $2) OR serial = $3) AND id <> $4',
      [i.year, i.number, i.serial, exceptId],
    )
  ).rows[0];
  if (!clash) return;
  const fields: Record<string, string> = clash.serial === i.serial ? { serial: `总第${i.serial}期已经有了` } : { number: `${i.year}年第${i.number}期已经有了` };
  throw new ConflictError(ErrorCodes.GAZETTE_ISSUE_EXISTS, '期号或总号与已有的一期重复。', fields);
}

/** A new issue, empty, as a draft. */
export async function createIssue(db: DbOrTx, actor: Actor, now: Date, input: IssueInput): Promise<number> {
  checkIssue(input);
  return inTx(db, async (tx) => {
    const unit = await gazetteOwner(tx, actor, 'gazette.edit');
    await uniqueNumbers(tx, input);
    const id = (
      await tx.query<{ id: number }>(`INSERT INTO gazette_issues (year, number, serial, publish_date, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, [
        input.year,
        input.number,
        input.serial,
        input.publishDate,
        now,
      ])
    ).rows[0].id;
    await logRecordEvent(tx, LOG, actor, now, { id, unit_id: unit.id }, 'created', { ...input });
    return id;
  });
}

/** The next issue's numbers: the 期号 after the year's last, the 总号 after the last of all. */
export async function nextNumbers(q: Queryable, year: number): Promise<{ number: number; serial: number }> {
  const r = (
    await q.query<{ number: number; serial: number }>(
      'SELECT COALESCE(max(number) FILTER (WHERE year = $1), 0)::int + 1 AS number, COALESCE(max(serial), 0)::int + 1 AS serial FROM gazette_issues',
      [year],
    )
  ).rows[0];
  return r;
}

export async function updateIssue(db: DbOrTx, actor: Actor, now: Date, id: number, input: IssueInput): Promise<void> {
  checkIssue(input);
  await inTx(db, async (tx) => {
    const unit = await gazetteOwner(tx, actor, 'gazette.edit');
    await lockedIssue(tx, id, 'edit');
    await uniqueNumbers(tx, input, id);
    await tx.query('UPDATE gazette_issues SET year = $2, number = $3, serial = $4, publish_date = $5, updated_at = $6 WHERE id = $1', [
      id,
      input.year,
      input.number,
      input.serial,
      input.publishDate,
      now,
    ]);
    await logRecordEvent(tx, LOG, actor, now, { id, unit_id: unit.id }, 'updated', { ...input });
  });
}

/** Places a published item (named by its 索引号) in a section of a draft issue, after the section's last entry. */
export async function addEntry(db: DbOrTx, actor: Actor, now: Date, issueId: number, input: { indexNo: string; section: string }): Promise<void> {
  if (!(input.section in SECTIONS)) throw new ValidationError({ section: '请选择栏目' });
  if (!input.indexNo.trim()) throw new ValidationError({ indexNo: '请填写要刊登的信息的索引号' });
  await inTx(db, async (tx) => {
    const unit = await gazetteOwner(tx, actor, 'gazette.edit');
    await lockedIssue(tx, issueId, 'edit');
    const item = await publishedItemByIndexNo(tx, input.indexNo);
    if (!item) throw new ValidationError({ indexNo: `没有索引号为“${input.indexNo.trim().slice(0, 60)}”的已发布信息` });
    const already = (await tx.query('SELECT 1 FROM gazette_entries WHERE issue_id = $1 AND item_id = $2', [issueId, item.item_id])).rows.length;
    if (already) throw new ValidationError({ indexNo: '这条信息已在本期中' });
    const seq = (await tx.query<{ n: number }>('SELECT COALESCE(max(seq), 0)::int + 1 AS n FROM gazette_entries WHERE issue_id = $1', [issueId])).rows[0].n;
    await tx.query('INSERT INTO gazette_entries (issue_id, seq, section, item_id, title, doc_no, issuer) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      issueId,
      seq,
      input.section,
      item.item_id,
      item.title,
      item.doc_no,
      item.issuer,
    ]);
    await tx.query('UPDATE gazette_issues SET updated_at = $2 WHERE id = $1', [issueId, now]);
    await logRecordEvent(tx, LOG, actor, now, { id: issueId, unit_id: unit.id }, 'entry_added', { item: item.item_id, section: input.section });
  });
}

export async function removeEntry(db: DbOrTx, actor: Actor, now: Date, issueId: number, entryId: number): Promise<void> {
  await inTx(db, async (tx) => {
    const unit = await gazetteOwner(tx, actor, 'gazette.edit');
    await lockedIssue(tx, issueId, 'edit');
    const gone = await tx.query<{ item_id: number | null }>('DELETE FROM gazette_entries WHERE id = $1 AND issue_id = $2 RETURNING item_id', [entryId, issueId]);
    if (!gone.rows.length) throw new NotFoundError('本期没有这一篇。');
    await logRecordEvent(tx, LOG, actor, now, { id: issueId, unit_id: unit.id }, 'entry_removed', { item: gone.rows[0].item_id });
  });
}

/** Moves an entry one place up or down within its section (the sections' order is fixed). */
export async function moveEntry(db: DbOrTx, actor: Actor, now: Date, issueId: number, entryId: number, direction: 'up' | 'down'): Promise<void> {
  await inTx(db, async (tx) => {
    const unit = await gazetteOwner(tx, actor, 'gazette.edit');
    await lockedIssue(tx, issueId, 'edit');
    const entries = await issueEntries(tx, issueId);
    const me = entries.find((e) => e.id === entryId);
    if (!me) throw new NotFoundError('本期没有这一篇。');
    const same = entries.filter((e) => e.section === me.section);
    const other = same[same.indexOf(me) + (direction === 'up' ? -1 : 1)];
    if (!other) return;
    // Swap through a free number: (issue_id, seq) is unique.
    await tx.query('UPDATE gazette_entries SET seq = -1 WHERE id = $1', [me.id]);
    await tx.query('UPDATE gazette_entries SET seq = $2 WHERE id = $1', [other.id, me.seq]);
    await tx.query('UPDATE gazette_entries SET seq = $2 WHERE id = $1', [me.id, other.seq]);
    await logRecordEvent(tx, LOG, actor, now, { id: issueId, unit_id: unit.id }, 'entry_moved', { item: me.item_id, direction });
  });
}

/**
 * Publishes a draft issue: the current edition of each item is printed, the issue laid out as a PDF (stored), and
 * each entry gets its pages and the edition printed, so the web edition shows what the paper does.
 */
export async function publishIssue(db: DbOrTx, actor: Actor, now: Date, issueId: number): Promise<void> {
  await inTx(db, async (tx) => {
    const unit = await gazetteOwner(tx, actor, 'gazette.publish');
    const issue = await lockedIssue(tx, issueId, 'publish');
    const rows = await printRows(tx, issueId);
    if (!rows.length) throw new ConflictError(ErrorCodes.GAZETTE_EMPTY, '本期还没有刊登任何文件，不能出版。');
    const gone = rows.filter((r) => r.status !== 'published');
    if (gone.length) throw new ConflictError(ErrorCodes.GAZETTE_STATE, `本期中有已撤回的信息，请先移出：${gone.map((r) => r.title).join('；')}`);
    const layout = await layoutRows(gazetteName(unit), issue, rows);
    const byKey = new Map(rows.map((r) => [`${r.section}:${r.seq}`, r]));
    for (const [i, e] of layout.order.entries()) {
      const r = byKey.get(`${e.section}:${e.seq}`)!;
      await tx.query('UPDATE gazette_entries SET title = $2, doc_no = $3, issuer = $4, version_id = $5, page_from = $6, page_to = $7 WHERE id = $1', [
        r.id,
        r.title,
        r.doc_no,
        r.issuer,
        r.version_id,
        layout.pages[i].from,
        layout.pages[i].to,
      ]);
    }
    const sha = await storeBlob(tx, layout.pdf, 'application/pdf');
    await tx.query("UPDATE gazette_issues SET state = 'published', pdf_sha256 = $2, page_count = $3, published_at = $4, updated_at = $4 WHERE id = $1", [
      issueId,
      sha,
      layout.pageCount,
      now,
    ]);
    await logRecordEvent(tx, LOG, actor, now, { id: issueId, unit_id: unit.id }, 'published', {
      entries: rows.length,
      pages: layout.pageCount,
      sections: SECTION_ORDER.filter((s) => rows.some((r) => r.section === s)),
    });
  });
}

/** Takes a published issue down with a public reason; it stays in the record (and in the staff list). */
export async function withdrawIssue(db: DbOrTx, actor: Actor, now: Date, issueId: number, reason: string): Promise<void> {
  if (!reason.trim()) throw new ValidationError({ reason: '请写明撤回的理由（将向公众说明）' });
  await inTx(db, async (tx) => {
    const unit = await gazetteOwner(tx, actor, 'gazette.publish');
    await lockedIssue(tx, issueId, 'withdraw');
    await tx.query("UPDATE gazette_issues SET state = 'withdrawn', withdrawn_reason = $2, updated_at = $3 WHERE id = $1", [issueId, reason.trim(), now]);
    await logRecordEvent(tx, LOG, actor, now, { id: issueId, unit_id: unit.id }, 'withdrawn', { reason: reason.trim() });
  });
}
