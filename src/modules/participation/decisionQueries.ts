/** Reads of the decision catalogue: entries with their links, the published revisions, and an entry's history. */
import type { Queryable } from '../../lib/db.ts';
import type { WorkingDayCalendar } from '../../lib/calendar.ts';
import { decisionProblems, type DecisionStage, type StepRecord } from './decisions.ts';

export interface DecisionEntryRow {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_slug: string;
  unit_path: string;
  year: number;
  seq: number;
  code: string;
  title: string;
  lead_unit: string;
  planned_on: string;
  summary: string;
  steps: StepRecord;
  stage: DecisionStage;
  legality_from: string | null;
  legality_to: string | null;
  decided_on: string | null;
  consultation_id: number | null;
  consultation: { title: string; opens_on: string; closes_on: string; shortened_reason: string; state: string } | null;
  decision_item_id: number | null;
  interpretation_item_id: number | null;
  /** Titles and public state of the linked items (read from the publishing module's tables). */
  decision_item: { title: string; published: boolean } | null;
  interpretation_item: { title: string; published: boolean } | null;
  state: 'listed' | 'removed';
  removed_reason: string;
  /** In a published revision of the catalogue: only then is it on the public pages. */
  in_catalogue: boolean;
}

const SELECT = `SELECT e.id::int, e.unit_id, u.name AS unit_name, u.slug AS unit_slug, u.path AS unit_path, e.year, e.seq, e.code, e.title, e.lead_unit,
       e.planned_on::text, e.summary, e.steps, e.stage, e.legality_from::text, e.legality_to::text, e.decided_on::text, e.consultation_id::int,
       CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('title', c.title, 'opens_on', c.opens_on::text, 'closes_on', c.closes_on::text,
            'shortened_reason', c.shortened_reason, 'state', c.state) END AS consultation,
       e.decision_item_id::int, e.interpretation_item_id::int,
       CASE WHEN di.id IS NULL THEN NULL ELSE json_build_object('title', dv.title, 'published', di.status = 'published') END AS decision_item,
       CASE WHEN ii.id IS NULL THEN NULL ELSE json_build_object('title', iv.title, 'published', ii.status = 'published') END AS interpretation_item,
       e.state, e.removed_reason,
       EXISTS (SELECT 1 FROM decision_catalogue_revisions r WHERE r.unit_id = e.unit_id AND r.year = e.year
                 AND r.entries @> jsonb_build_array(jsonb_build_object('id', e.id))) AS in_catalogue
  FROM decision_entries e JOIN units u ON u.id = e.unit_id
  LEFT JOIN consultations c ON c.id = e.consultation_id
  LEFT JOIN information_items di ON di.id = e.decision_item_id LEFT JOIN item_versions dv ON dv.id = di.current_version_id
  LEFT JOIN information_items ii ON ii.id = e.interpretation_item_id LEFT JOIN item_versions iv ON iv.id = ii.current_version_id`;

export async function getDecisionEntry(q: Queryable, id: number, lock = false): Promise<DecisionEntryRow | undefined> {
  if (lock) await q.query('SELECT 1 FROM decision_entries WHERE id = $1 FOR UPDATE', [id]);
  return (await q.query<DecisionEntryRow>(`${SELECT} WHERE e.id = $1`, [id])).rows[0];
}

/** Staff: the entries of the units under the given paths, newest year first. */
export async function listDecisionEntries(q: Queryable, paths: string[]): Promise<DecisionEntryRow[]> {
  if (!paths.length) return [];
  return (await q.query<DecisionEntryRow>(`${SELECT} WHERE u.path LIKE ANY($1) ORDER BY e.year DESC, u.path, e.seq LIMIT 1000`, [paths.map((p) => `${p}%`)])).rows;
}

/** A unit's entries of one year (supervision, the catalogue page). */
export async function unitDecisionEntries(q: Queryable, unitId: number, year?: number): Promise<DecisionEntryRow[]> {
  return (await q.query<DecisionEntryRow>(`${SELECT} WHERE e.unit_id = $1 AND ($2::int IS NULL OR e.year = $2) ORDER BY e.year DESC, e.seq`, [unitId, year ?? null])).rows;
}

export interface RevisionRow {
  id: number;
  unit_id: number;
  year: number;
  revision: number;
  note: string;
  entries: { id: number; code: string; title: string; leadUnit: string; plannedOn: string }[];
  published_at: Date;
}

export async function catalogueRevisions(q: Queryable, unitId: number, year: number): Promise<RevisionRow[]> {
  return (
    await q.query<RevisionRow>(
      'SELECT id::int, unit_id, year, revision, note, entries, published_at FROM decision_catalogue_revisions WHERE unit_id = $1 AND year = $2 ORDER BY revision DESC',
      [unitId, year],
    )
  ).rows;
}

/** Every published catalogue's latest revision, city-wide, for the public index. */
export interface PublishedCatalogue {
  unit_id: number;
  unit_name: string;
  unit_slug: string;
  year: number;
  revision: number;
  count: number;
  published_at: Date;
}

export async function publishedCatalogues(q: Queryable): Promise<PublishedCatalogue[]> {
  return (
    await q.query<PublishedCatalogue>(
      `SELECT DISTINCT ON (r.unit_id, r.year) r.unit_id, u.name AS unit_name, u.slug AS unit_slug, r.year, r.revision, jsonb_array_length(r.entries)::int AS count, r.published_at
         FROM decision_catalogue_revisions r JOIN units u ON u.id = r.unit_id ORDER BY r.unit_id, r.year DESC, r.revision DESC`,
    )
  ).rows;
}

export async function decisionEvents(q: Queryable, id: number) {
  return (
    await q.query<{ kind: string; at: Date; actor_label: string; details: Record<string, unknown> }>(
      'SELECT kind, at, actor_label, details FROM decision_entry_events WHERE entry_id = $1 ORDER BY id',
      [id],
    )
  ).rows;
}

/** The entry a consultation belongs to, for its pages. */
export async function entryOfConsultation(q: Queryable, consultationId: number): Promise<{ id: number; code: string; title: string; unit_slug: string } | undefined> {
  return (
    await q.query<{ id: number; code: string; title: string; unit_slug: string }>(
      `SELECT e.id::int, e.code, e.title, u.slug AS unit_slug FROM decision_entries e JOIN units u ON u.id = e.unit_id
        WHERE e.consultation_id = $1 AND e.state = 'listed' ORDER BY e.id LIMIT 1`,
      [consultationId],
    )
  ).rows[0];
}

/** A unit's listed entries with what supervision flags on them (the rules are in decisions.ts). */
export async function decisionFindings(
  q: Queryable,
  unitId: number,
  asOf: string,
  calendar: WorkingDayCalendar,
): Promise<{ id: number; code: string; title: string; problems: string[] }[]> {
  return (await unitDecisionEntries(q, unitId))
    .filter((e) => e.state === 'listed')
    .map((e) => ({ id: e.id, code: e.code, title: e.title, problems: decisionProblems(e, asOf, calendar) }));
}
