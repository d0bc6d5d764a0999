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

export interface ParticipationFacts {
  consultations: number;
  comments: number;
  adopted: number;
  notAdopted: number;
  meetings: number;
  attendees: number;
  surveys: number;
  responses: number;
  decisions: number;
}

/** A unit's public participation in a year, for the annual report's narrative (issue 12). */
export async function participationFacts(q: Queryable, unitId: number, year: number): Promise<ParticipationFacts> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const r = await q.query<ParticipationFacts>(
    `SELECT
       (SELECT count(*)::int FROM consultations WHERE unit_id = $1 AND state <> 'draft' AND opens_on BETWEEN $2 AND $3) AS consultations,
       (SELECT count(*)::int FROM consultation_comments m JOIN consultations c ON c.id = m.consultation_id
         WHERE c.unit_id = $1 AND c.state <> 'draft' AND c.opens_on BETWEEN $2 AND $3) AS comments,
       (SELECT count(*)::int FROM consultation_comments m JOIN consultations c ON c.id = m.consultation_id
         WHERE c.unit_id = $1 AND c.opens_on BETWEEN $2 AND $3 AND m.disposition IN ('adopted', 'partly_adopted')) AS adopted,
       (SELECT count(*)::int FROM consultation_comments m JOIN consultations c ON c.id = m.consultation_id
         WHERE c.unit_id = $1 AND c.opens_on BETWEEN $2 AND $3 AND m.disposition = 'not_adopted') AS "notAdopted",
       (SELECT count(*)::int FROM meetings WHERE unit_id = $1 AND state = 'published' AND held_on BETWEEN $2 AND $3
         AND stakeholders + public_reps + experts + media > 0) AS meetings,
       (SELECT COALESCE(sum(stakeholders + public_reps + experts + media), 0)::int FROM meetings WHERE unit_id = $1 AND state = 'published' AND held_on BETWEEN $2 AND $3) AS attendees,
       (SELECT count(*)::int FROM surveys WHERE unit_id = $1 AND state = 'published' AND closes_on BETWEEN $2 AND $3) AS surveys,
       (SELECT count(*)::int FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE s.unit_id = $1 AND s.state = 'published' AND s.closes_on BETWEEN $2 AND $3) AS responses,
       (SELECT count(*)::int FROM decision_entries e WHERE e.unit_id = $1 AND e.year = $4 AND e.state = 'listed'
         AND EXISTS (SELECT 1 FROM decision_catalogue_revisions v WHERE v.unit_id = e.unit_id AND v.year = e.year)) AS decisions`,
    [unitId, from, to, year],
  );
  return r.rows[0];
}

/** The same facts as a sentence for the report's 总体情况; empty when the unit did none of it. */
export function participationSentence(f: ParticipationFacts): string {
  const parts: string[] = [];
  if (f.consultations) parts.push(`公开征求意见${f.consultations}次，收到意见${f.comments}条，采纳（含部分采纳）${f.adopted}条、未采纳${f.notAdopted}条并说明理由`);
  if (f.decisions) parts.push(`公布重大行政决策事项目录，列入事项${f.decisions}项`);
  if (f.meetings) parts.push(`邀请利益相关方、公众代表、专家和媒体列席会议${f.meetings}次、${f.attendees}人次`);
  if (f.surveys) parts.push(`开展问卷调查${f.surveys}次，收到答卷${f.responses}份`);
  return parts.length ? `推进决策公开和公众参与，${parts.join('；')}。` : '';
}

/** The catalogue entry a consultation belongs to, when that entry is public (in a published catalogue). */
export async function publicEntryOfConsultation(q: Queryable, consultationId: number): Promise<{ id: number; code: string; title: string } | undefined> {
  return (
    await q.query<{ id: number; code: string; title: string }>(
      `SELECT e.id::int, e.code, e.title FROM decision_entries e
        WHERE e.consultation_id = $1 AND EXISTS (SELECT 1 FROM decision_catalogue_revisions r WHERE r.unit_id = e.unit_id AND r.year = e.year
                                                   AND r.entries @> jsonb_build_array(jsonb_build_object('id', e.id)))
        ORDER BY e.id LIMIT 1`,
      [consultationId],
    )
  ).rows[0];
}
