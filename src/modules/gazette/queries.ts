/** Reads of the gazette: issues, their entries, the items an issue may carry, and the citations an item page shows. */
import { recordEvents, type EventLog } from '../../lib/audit.ts';
import { containsPattern, type Queryable } from '../../lib/db.ts';
import type { UnitRow } from '../orgs/index.ts';
import { citationText, type IssueState, type Section } from './rules.ts';

/** The issues' event log (written by the commands, read on the issue's page). */
export const LOG: EventLog = { table: 'gazette_events', column: 'issue_id', subjectType: 'gazette_issue', actionPrefix: 'gazette' };

export interface IssueRow {
  id: number;
  year: number;
  number: number;
  serial: number;
  publish_date: string;
  state: IssueState;
  source: 'compiled' | 'imported';
  pdf_sha256: string | null;
  page_count: number | null;
  withdrawn_reason: string | null;
  published_at: Date | null;
  entries: number;
}

export interface EntryRow {
  id: number;
  issue_id: number;
  seq: number;
  section: Section;
  item_id: number | null;
  version_id: number | null;
  title: string;
  doc_no: string;
  issuer: string;
  page_from: number | null;
  page_to: number | null;
  /** Of the linked item: its unit's slug (for the link), 索引号 and whether it is still public. */
  unit_slug: string | null;
  index_no: string | null;
  item_public: boolean;
}

const ISSUE = `SELECT g.id, g.year, g.number, g.serial, g.publish_date::text, g.state, g.source, g.pdf_sha256, g.page_count, g.withdrawn_reason, g.published_at,
    (SELECT count(*)::int FROM gazette_entries e WHERE e.issue_id = g.id) AS entries
  FROM gazette_issues g`;

/** The unit whose gazette this is: the top of the tree (the city government). */
export async function gazetteUnit(q: Queryable): Promise<UnitRow | undefined> {
  return (await q.query<UnitRow>('SELECT * FROM units WHERE parent_id IS NULL ORDER BY sort_order, id LIMIT 1')).rows[0];
}

export const gazetteName = (unit: { name: string }) => `${unit.name}公报`;

export async function getIssue(q: Queryable, id: number): Promise<IssueRow | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  return (await q.query<IssueRow>(`${ISSUE} WHERE g.id = $1`, [id])).rows[0];
}

/** A published issue by year and 期号. */
export async function publishedIssue(q: Queryable, year: number, number: number): Promise<IssueRow | undefined> {
  if (!Number.isSafeInteger(year) || !Number.isSafeInteger(number)) return undefined;
  return (await q.query<IssueRow>(`${ISSUE} WHERE g.year = $1 AND g.number = $2 AND g.state = 'published'`, [year, number])).rows[0];
}

/** Issues newest first: all for staff, the published ones for the public; one year's, or every year's. */
export async function listIssues(q: Queryable, o: { publicOnly: boolean; year?: number; limit?: number }): Promise<IssueRow[]> {
  const where = [o.publicOnly ? "g.state = 'published'" : 'true', o.year ? 'g.year = $1' : 'true'];
  return (await q.query<IssueRow>(`${ISSUE} WHERE ${where.join(' AND ')} ORDER BY g.serial DESC LIMIT ${o.limit ?? 1000}`, o.year ? [o.year] : [])).rows;
}

export interface FoundEntry {
  title: string;
  doc_no: string;
  issuer: string;
  year: number;
  number: number;
  serial: number;
  page_from: number | null;
  page_to: number | null;
}

/** The words of a search box: at most five, each a contains-pattern. */
const patterns = (words: string) => words.split(/\s+/).filter(Boolean).slice(0, 5).map(containsPattern);

/** Entries of published issues whose title, 文号 or 发文机关 contain the words (every word), newest issue first. */
export async function findEntries(q: Queryable, words: string): Promise<FoundEntry[]> {
  const args = patterns(words);
  if (!args.length) return [];
  const where = args.map((_, i) => `(e.title ILIKE $${i + 1} OR e.doc_no ILIKE $${i + 1} OR e.issuer ILIKE $${i + 1})`).join(' AND ');
  return (
    await q.query<FoundEntry>(
      `SELECT e.title, e.doc_no, e.issuer, g.year, g.number, g.serial, e.page_from, e.page_to FROM gazette_entries e JOIN gazette_issues g ON g.id = e.issue_id
        WHERE g.state = 'published' AND ${where} ORDER BY g.serial DESC, e.seq LIMIT 100`,
      args,
    )
  ).rows;
}

/** Imported issues whose PDF text contains every word (the archive's documents have no items to search). */
export async function findIssuesByText(q: Queryable, words: string): Promise<IssueRow[]> {
  const args = patterns(words);
  if (!args.length) return [];
  const where = args.map((_, i) => `g.text ILIKE $${i + 1}`).join(' AND ');
  return (await q.query<IssueRow>(`${ISSUE} WHERE g.state = 'published' AND g.source = 'imported' AND ${where} ORDER BY g.serial DESC LIMIT 50`, args)).rows;
}

/** The years with published issues, newest first, with their counts. */
export async function publishedYears(q: Queryable): Promise<{ year: number; issues: number }[]> {
  return (await q.query<{ year: number; issues: number }>(`SELECT year, count(*)::int AS issues FROM gazette_issues WHERE state = 'published' GROUP BY year ORDER BY year DESC`))
    .rows;
}

export async function issueEntries(q: Queryable, issueId: number): Promise<EntryRow[]> {
  return (
    await q.query<EntryRow>(
      `SELECT e.id, e.issue_id, e.seq, e.section, e.item_id, e.version_id, e.title, e.doc_no, e.issuer, e.page_from, e.page_to,
              u.slug AS unit_slug, i.index_no, COALESCE(i.status = 'published', false) AS item_public
         FROM gazette_entries e LEFT JOIN information_items i ON i.id = e.item_id LEFT JOIN units u ON u.id = i.unit_id
        WHERE e.issue_id = $1 ORDER BY e.seq`,
      [issueId],
    )
  ).rows;
}

/** The printed text of each entry of a published issue (the edition carried), by entry id. */
export async function entryTexts(q: Queryable, issueId: number): Promise<Map<number, string>> {
  const rows = (
    await q.query<{ id: number; body_text: string }>('SELECT e.id, v.body_text FROM gazette_entries e JOIN item_versions v ON v.id = e.version_id WHERE e.issue_id = $1', [issueId])
  ).rows;
  return new Map(rows.map((r) => [r.id, r.body_text]));
}

export interface CandidateRow {
  item_id: number;
  title: string;
  doc_no: string;
  issuer: string;
  legal_form: 'rule' | 'normative';
  publish_date: string | null;
  index_no: string;
  unit_name: string;
  unit_slug: string;
  /** The draft issue it is already placed in, if any. */
  draft_issue: string | null;
}

/**
 * 应刊登未刊登: published 规章 and 行政规范性文件, anywhere in the city, that no published issue carries yet (those
 * placed in an issue still being compiled say so). Oldest first: the longest waiting come first.
 */
export async function dueItems(q: Queryable): Promise<CandidateRow[]> {
  return (
    await q.query<CandidateRow>(
      `SELECT i.id AS item_id, v.title, COALESCE(NULLIF(v.doc_no_normalized, ''), v.doc_no) AS doc_no, array_to_string(v.issuing_organs, '、') AS issuer,
              i.legal_form, v.publish_date::text, i.index_no, u.name AS unit_name, u.slug AS unit_slug,
              (SELECT g.year || '年第' || g.number || '期' FROM gazette_entries e JOIN gazette_issues g ON g.id = e.issue_id
                WHERE e.item_id = i.id AND g.state = 'draft' ORDER BY g.serial LIMIT 1) AS draft_issue
         FROM information_items i JOIN item_versions v ON v.id = i.current_version_id JOIN units u ON u.id = i.unit_id
        WHERE i.status = 'published' AND i.legal_form <> ''
          AND NOT EXISTS (SELECT 1 FROM gazette_entries e JOIN gazette_issues g ON g.id = e.issue_id WHERE e.item_id = i.id AND g.state = 'published')
        ORDER BY v.publish_date NULLS LAST, i.id LIMIT 500`,
    )
  ).rows;
}

/** A published item by its 索引号, as the office names it when placing it in an issue. */
export async function publishedItemByIndexNo(q: Queryable, indexNo: string) {
  return (
    await q.query<{ item_id: number; title: string; doc_no: string; issuer: string }>(
      `SELECT i.id AS item_id, v.title, COALESCE(NULLIF(v.doc_no_normalized, ''), v.doc_no) AS doc_no, array_to_string(v.issuing_organs, '、') AS issuer
         FROM information_items i JOIN item_versions v ON v.id = i.current_version_id
        WHERE i.index_no = $1 AND i.status = 'published'`,
      [indexNo.trim().slice(0, 60)],
    )
  ).rows[0];
}

export interface PrintRow {
  id: number;
  seq: number;
  section: Section;
  title: string;
  doc_no: string;
  issuer: string;
  version_id: number;
  body_text: string;
  /** The item's status: a withdrawn item cannot be printed. */
  status: string;
}

/** The documents of an issue as they print: the edition printed once published, each item's current one before. */
export async function printRows(q: Queryable, issueId: number): Promise<PrintRow[]> {
  return (
    await q.query<PrintRow>(
      `SELECT e.id, e.seq, e.section, v.title, COALESCE(NULLIF(v.doc_no_normalized, ''), v.doc_no) AS doc_no, array_to_string(v.issuing_organs, '、') AS issuer,
              v.id AS version_id, v.body_text, i.status
         FROM gazette_entries e JOIN information_items i ON i.id = e.item_id JOIN item_versions v ON v.id = COALESCE(e.version_id, i.current_version_id)
        WHERE e.issue_id = $1`,
      [issueId],
    )
  ).rows;
}

/** The published issues an item is carried in, for its page ("刊载于 …"). */
export async function citationsOf(q: Queryable, itemId: number) {
  return (
    await q.query<{ year: number; number: number; serial: number; page_from: number | null; page_to: number | null }>(
      `SELECT g.year, g.number, g.serial, e.page_from, e.page_to FROM gazette_entries e JOIN gazette_issues g ON g.id = e.issue_id
        WHERE e.item_id = $1 AND g.state = 'published' ORDER BY g.serial`,
      [itemId],
    )
  ).rows;
}

export const issueEvents = (q: Queryable, issueId: number) => recordEvents(q, LOG, issueId);

/**
 * What an item page says about the gazette: each issue that carries it, as text, a link to the issue, and a link that
 * opens the print PDF at the item's first page (the `#page=` fragment PDF readers follow).
 */
export async function itemCitations(q: Queryable, itemId: number): Promise<{ text: string; href: string; pdfHref: string | null }[]> {
  const rows = await citationsOf(q, itemId);
  if (!rows.length) return [];
  const unit = await gazetteUnit(q);
  const name = unit ? gazetteName(unit) : '政府公报';
  return rows.map((c) => ({
    text: citationText(name, c),
    href: `/zfgb/${c.year}/${c.number}`,
    pdfHref: c.page_from ? `/zfgb/${c.year}/${c.number}/gazette.pdf#page=${c.page_from}` : null,
  }));
}
