/** Reads of the knowledge base: an entry with its published version and sources, the public list, per item. */
import type { Queryable } from '../../lib/db.ts';
import { reviewReason, type AnswerClass, type EntryState, type SourceState } from './rules.ts';

export interface EntryRow {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  unit_slug: string;
  state: EntryState;
  question: string;
  variants: string[];
  answer: string;
  answer_class: AnswerClass;
  handover_unit_id: number | null;
  handover_days: number | null;
  topic: string;
  review_by: string;
  source_item_ids: number[];
  catalogue_keys: string[];
  published_version: number;
  withdrawn_reason: string;
  updated_at: Date;
}

export interface PublishedVersion {
  version_no: number;
  question: string;
  variants: string[];
  answer: string;
  answer_class: AnswerClass;
  handover_unit_name: string | null;
  handover_days: number | null;
  published_at: Date;
  catalogue_keys: string[];
}

export interface SourceRow extends SourceState {
  title: string;
  unit_slug: string;
  doc_no: string;
}

const SELECT = `SELECT e.id, e.unit_id, u.name AS unit_name, u.path AS unit_path, u.slug AS unit_slug, e.state, e.question, e.variants, e.answer,
       e.answer_class, e.handover_unit_id, e.handover_days, e.topic, e.review_by::text, e.source_item_ids, e.catalogue_keys, e.published_version, e.withdrawn_reason, e.updated_at
  FROM qa_entries e JOIN units u ON u.id = e.unit_id`;

/** An entry's published version is public only while every source is as it was when the answer was approved. */
export const SOURCES_UNCHANGED = `NOT EXISTS (SELECT 1 FROM qa_sources s JOIN information_items i ON i.id = s.item_id
                           WHERE s.entry_id = e.id AND s.version_no = e.published_version
                             AND (i.status <> 'published' OR i.validity <> 'current' OR i.current_version_id IS DISTINCT FROM s.item_version_id))`;

export async function getEntry(q: Queryable, id: number): Promise<EntryRow | undefined> {
  return (await q.query<EntryRow>(`${SELECT} WHERE e.id = $1`, [id])).rows[0];
}

export async function entriesOf(q: Queryable, paths: string[]): Promise<EntryRow[]> {
  if (!paths.length) return [];
  return (await q.query<EntryRow>(`${SELECT} WHERE u.path LIKE ANY($1) ORDER BY e.updated_at DESC, e.id DESC LIMIT 1000`, [paths.map((p) => `${p}%`)])).rows;
}

export async function publishedVersion(q: Queryable, entryId: number, versionNo: number): Promise<PublishedVersion | undefined> {
  return (
    await q.query<PublishedVersion>(
      `SELECT v.version_no, v.question, v.variants, v.answer, v.answer_class, h.name AS handover_unit_name, v.handover_days, v.published_at, v.catalogue_keys
         FROM qa_versions v LEFT JOIN units h ON h.id = v.handover_unit_id WHERE v.entry_id = $1 AND v.version_no = $2`,
      [entryId, versionNo],
    )
  ).rows[0];
}

const SOURCES_SELECT = `SELECT s.entry_id, s.item_id, s.item_version_id::int, i.current_version_id::int, i.validity, i.status, cv.title, cv.doc_no, u.slug AS unit_slug
         FROM qa_sources s JOIN information_items i ON i.id = s.item_id JOIN units u ON u.id = i.unit_id
         JOIN item_versions cv ON cv.id = s.item_version_id`;

/** The sources of a published version, with their state now. */
export async function versionSources(q: Queryable, entryId: number, versionNo: number): Promise<SourceRow[]> {
  return (await sourcesOfVersions(q, [{ id: entryId, version: versionNo }])).get(entryId) ?? [];
}

/** The sources of many entries' published versions in one read (lists, supervision, the hotline export), by entry. */
export async function sourcesOfVersions(q: Queryable, versions: { id: number; version: number }[]): Promise<Map<number, SourceRow[]>> {
  const out = new Map<number, SourceRow[]>();
  if (!versions.length) return out;
  const rows = (
    await q.query<SourceRow & { entry_id: number }>(
      `${SOURCES_SELECT} JOIN unnest($1::int[], $2::int[]) AS w(entry_id, version_no) ON w.entry_id = s.entry_id AND w.version_no = s.version_no
        ORDER BY s.entry_id, s.item_id`,
      [versions.map((v) => v.id), versions.map((v) => v.version)],
    )
  ).rows;
  for (const { entry_id, ...r } of rows) out.set(entry_id, [...(out.get(entry_id) ?? []), r]);
  return out;
}

/** Of the given entries, those the public may read now (published, not withdrawn, sources unchanged). */
export async function currentPublicIds(q: Queryable, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const r = await q.query<{ id: number }>(`SELECT e.id FROM qa_entries e WHERE e.id = ANY($1) AND e.state <> 'withdrawn' AND e.published_version > 0 AND ${SOURCES_UNCHANGED}`, [
    ids,
  ]);
  return new Set(r.rows.map((x) => x.id));
}

export interface PublicEntry {
  id: number;
  unit_name: string;
  unit_slug: string;
  version: PublishedVersion;
  sources: SourceRow[];
  /** Set when a source changed since the answer was approved: the answer is withheld until reviewed. */
  needsReview: string | null;
  /** The standard-catalogue items it answers for, as they stand in the unit's published catalogues now. */
  catalogueItems: CatalogueItemChoice[];
}

/** A published entry as the public may see it; withheld (needsReview) while a source has changed. */
export async function publicEntry(q: Queryable, id: number): Promise<PublicEntry | undefined> {
  const e = await getEntry(q, id);
  if (!e || !e.published_version || e.state === 'withdrawn') return undefined;
  const version = (await publishedVersion(q, id, e.published_version))!;
  const sources = await versionSources(q, id, e.published_version);
  const keys = new Set(version.catalogue_keys);
  const catalogueItems = keys.size ? (await catalogueItemChoices(q, [e.unit_id])).filter((c) => keys.has(`${c.area_code}|${c.item_key}`)) : [];
  return { id, unit_name: e.unit_name, unit_slug: e.unit_slug, version, sources, needsReview: reviewReason(sources), catalogueItems };
}

export interface CurrentEntry {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_slug: string;
  question: string;
  variants: string[];
  answer: string;
  answer_class: AnswerClass;
  handover_unit_name: string | null;
  handover_days: number | null;
  version_no: number;
  published_at: Date;
  catalogue_keys: string[];
}

/**
 * Every published, current entry in one read (for the list, the question box and the hotline export): the latest
 * version of each entry not withdrawn, without those whose sources changed.
 */
export async function currentPublicEntries(q: Queryable, unitId?: number): Promise<CurrentEntry[]> {
  return (
    await q.query<CurrentEntry>(
      `SELECT e.id, e.unit_id, u.name AS unit_name, u.slug AS unit_slug, v.question, v.variants, v.answer, v.answer_class, h.name AS handover_unit_name,
              v.handover_days, v.version_no, v.published_at, v.catalogue_keys
         FROM qa_entries e JOIN units u ON u.id = e.unit_id JOIN qa_versions v ON v.entry_id = e.id AND v.version_no = e.published_version
         LEFT JOIN units h ON h.id = v.handover_unit_id
        WHERE e.state <> 'withdrawn' AND e.published_version > 0 AND ($1::int IS NULL OR e.unit_id = $1)
          AND ${SOURCES_UNCHANGED}
        ORDER BY v.published_at DESC, e.id DESC LIMIT 5000`,
      [unitId ?? null],
    )
  ).rows;
}

/** The current public answers filed under a unit's catalogue items of one area, by item key (for the catalogue page). */
export async function answersForCatalogue(q: Queryable, unitId: number, areaCode: string): Promise<Map<string, { id: number; question: string }[]>> {
  const rows = (
    await q.query<{ id: number; question: string; key: string }>(
      `SELECT e.id, v.question, k.key
         FROM qa_entries e JOIN qa_versions v ON v.entry_id = e.id AND v.version_no = e.published_version, unnest(v.catalogue_keys) AS k(key)
        WHERE e.unit_id = $1 AND e.state <> 'withdrawn' AND k.key LIKE $2 || '|%'
          AND ${SOURCES_UNCHANGED}
        ORDER BY e.id`,
      [unitId, areaCode],
    )
  ).rows;
  const out = new Map<string, { id: number; question: string }[]>();
  for (const r of rows) {
    const key = r.key.slice(areaCode.length + 1);
    out.set(key, [...(out.get(key) ?? []), { id: r.id, question: r.question }]);
  }
  return out;
}

/** The current public answers that rest on an item (shown on the item's page). */
export async function answersForItem(q: Queryable, itemId: number): Promise<{ id: number; question: string }[]> {
  return (
    await q.query<{ id: number; question: string }>(
      `SELECT e.id, v.question FROM qa_sources s JOIN qa_entries e ON e.id = s.entry_id AND s.version_no = e.published_version
         JOIN qa_versions v ON v.entry_id = e.id AND v.version_no = e.published_version JOIN information_items i ON i.id = s.item_id
        WHERE s.item_id = $1 AND e.state <> 'withdrawn' AND i.current_version_id = s.item_version_id AND i.validity = 'current' ORDER BY e.id`,
      [itemId],
    )
  ).rows;
}

export async function entryEvents(q: Queryable, id: number) {
  return (
    await q.query<{ kind: string; at: Date; actor_label: string; details: Record<string, unknown> }>(
      'SELECT kind, at, actor_label, details FROM qa_events WHERE entry_id = $1 ORDER BY id',
      [id],
    )
  ).rows;
}

/** A unit's published answers for supervision: review-by dates and whether a source has changed. */
export async function answerSupervisionRecords(q: Queryable, unitId: number): Promise<{ id: number; question: string; review_by: string; needs_review: string | null }[]> {
  const rows = (
    await q.query<{ id: number; question: string; review_by: string; published_version: number }>(
      `SELECT id, question, review_by::text, published_version FROM qa_entries WHERE unit_id = $1 AND state <> 'withdrawn' AND published_version > 0 ORDER BY id`,
      [unitId],
    )
  ).rows;
  const sources = await sourcesOfVersions(
    q,
    rows.map((r) => ({ id: r.id, version: r.published_version })),
  );
  return rows.map((r) => ({ id: r.id, question: r.question, review_by: r.review_by, needs_review: reviewReason(sources.get(r.id) ?? []) }));
}

export async function countHint(q: Queryable, day: string, channel: 'search' | 'request' | 'message', kind: 'shown' | 'opened') {
  await q.query('INSERT INTO qa_hint_counts (day, channel, kind, n) VALUES ($1, $2, $3, 1) ON CONFLICT (day, channel, kind) DO UPDATE SET n = qa_hint_counts.n + 1', [
    day,
    channel,
    kind,
  ]);
}

export async function hintCounts(q: Queryable, from: string): Promise<Record<string, number>> {
  const r = await q.query<{ channel: string; kind: string; n: number }>('SELECT channel, kind, sum(n)::int AS n FROM qa_hint_counts WHERE day >= $1 GROUP BY channel, kind', [
    from,
  ]);
  return Object.fromEntries(r.rows.map((x) => [`${x.channel}.${x.kind}`, x.n]));
}

/** The working copies of the given units' entries, as the workbook lays them out (sources by 索引号). */
export async function entryXlsxRows(q: Queryable, paths: string[]) {
  if (!paths.length) return [];
  return (
    await q.query<{ unit: string; question: string; variants: string[]; answer: string; answerClass: string; reviewBy: string; sources: string[] }>(
      `SELECT u.slug AS unit, e.question, e.variants, e.answer, e.answer_class AS "answerClass", e.review_by::text AS "reviewBy",
              ARRAY(SELECT coalesce(nullif(i.index_no, ''), i.id::text) FROM information_items i WHERE i.id = ANY(e.source_item_ids) ORDER BY i.id) AS sources
         FROM qa_entries e JOIN units u ON u.id = e.unit_id WHERE u.path LIKE ANY($1) AND e.state <> 'withdrawn' ORDER BY e.id`,
      [paths.map((p) => `${p}%`)],
    )
  ).rows;
}

export interface CatalogueItemChoice {
  unit_id: number;
  unit_name: string;
  unit_slug: string;
  area_code: string;
  area_name: string;
  item_key: string;
  level1: string;
  level2: string;
}

/** The items of the given units' published catalogues, as an entry names them ('area|item key'); a read of catalogues. */
export async function catalogueItemChoices(q: Queryable, unitIds: number[]): Promise<CatalogueItemChoice[]> {
  if (!unitIds.length) return [];
  return (
    await q.query<CatalogueItemChoice>(
      `SELECT c.unit_id, u.name AS unit_name, u.slug AS unit_slug, c.area_code, a.name AS area_name, ci.item_key, ci.level1, ci.level2
         FROM catalogue_items ci JOIN catalogues c ON c.id = ci.catalogue_id JOIN units u ON u.id = c.unit_id JOIN catalogue_areas a ON a.code = c.area_code
        WHERE c.unit_id = ANY($1) AND c.state = 'published' AND NOT c.is_template ORDER BY u.path, a.sort, ci.seq`,
      [unitIds],
    )
  ).rows;
}
