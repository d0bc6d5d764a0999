/** Reads of consultations and their comments, scoped by unit for staff and to what is public for citizens. */
import type { Queryable } from '../../lib/db.ts';
import type { ConsultationState } from './status.ts';
import type { Channel, Disposition } from './report.ts';

export interface ConsultationRow {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_slug: string;
  unit_path: string;
  title: string;
  draft_html: string;
  explanation_html: string;
  legal_basis: string;
  channels: string[];
  contact: string;
  opens_on: string;
  closes_on: string;
  shortened_reason: string;
  publish_comments: boolean;
  state: ConsultationState;
  feedback_due_on: string | null;
  feedback_item_id: number | null;
  /** The feedback item is published (its status, read from the publishing module's table). */
  concluded: boolean;
  withdrawn_reason: string;
  created_at: Date;
}

const SELECT = `SELECT c.id::int, c.unit_id, u.name AS unit_name, u.slug AS unit_slug, u.path AS unit_path, c.title, c.draft_html, c.explanation_html,
       c.legal_basis, c.channels, c.contact, c.opens_on::text, c.closes_on::text, c.shortened_reason, c.publish_comments, c.state,
       c.feedback_due_on::text, c.feedback_item_id::int, COALESCE(i.status = 'published', false) AS concluded, c.withdrawn_reason, c.created_at
  FROM consultations c JOIN units u ON u.id = c.unit_id LEFT JOIN information_items i ON i.id = c.feedback_item_id`;

/**
 * `lock`: true takes the row for a change of the consultation; 'share' only keeps it from changing (closing,
 * withdrawing) while a comment is added, so comments on one consultation do not wait for each other.
 */
export async function getConsultation(q: Queryable, id: number, lock: boolean | 'share' = false): Promise<ConsultationRow | undefined> {
  if (lock) await q.query(`SELECT 1 FROM consultations WHERE id = $1 ${lock === 'share' ? 'FOR SHARE' : 'FOR UPDATE'}`, [id]);
  return (await q.query<ConsultationRow>(`${SELECT} WHERE c.id = $1`, [id])).rows[0];
}

/** Staff lists: the consultations of the units under the given paths. */
export async function listConsultations(q: Queryable, paths: string[]): Promise<ConsultationRow[]> {
  if (!paths.length) return [];
  return (await q.query<ConsultationRow>(`${SELECT} WHERE u.path LIKE ANY($1) ORDER BY c.opens_on DESC, c.id DESC LIMIT 500`, [paths.map((p) => `${p}%`)])).rows;
}

/** Public lists: published or withdrawn ones (a withdrawal is shown with its reason), of one unit or all. */
export async function publicConsultations(q: Queryable, unitId?: number): Promise<ConsultationRow[]> {
  return (
    await q.query<ConsultationRow>(`${SELECT} WHERE c.state <> 'draft' AND ($1::int IS NULL OR c.unit_id = $1) ORDER BY c.closes_on DESC, c.id DESC LIMIT 500`, [unitId ?? null])
  ).rows;
}

/** How many comments each consultation has, in one query (the staff list shows the number). */
export async function commentCounts(q: Queryable, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const r = await q.query<{ id: number; n: number }>(
    'SELECT consultation_id::int AS id, count(*)::int AS n FROM consultation_comments WHERE consultation_id = ANY($1::bigint[]) GROUP BY 1',
    [ids],
  );
  return new Map(r.rows.map((x) => [x.id, x.n]));
}

export interface CommentRow {
  id: number;
  consultation_id: number;
  clause_key: string;
  channel: Channel;
  name: string;
  contact: string;
  consent_publish: boolean;
  body: string;
  received_on: string;
  moderation: 'pending' | 'published' | 'hidden';
  disposition: Disposition | null;
  reason: string;
  created_at: Date;
}

export async function listComments(q: Queryable, consultationId: number, o: { publicOnly?: boolean } = {}): Promise<CommentRow[]> {
  return (
    await q.query<CommentRow>(
      `SELECT id::int, consultation_id::int, clause_key, channel, name, contact, consent_publish, body, received_on::text, moderation, disposition, reason, created_at
         FROM consultation_comments WHERE consultation_id = $1 ${o.publicOnly ? `AND moderation = 'published' AND consent_publish` : ''} ORDER BY id`,
      [consultationId],
    )
  ).rows;
}

export async function answerTemplates(q: Queryable, unitId: number): Promise<{ id: number; disposition: Disposition; text: string }[]> {
  return (
    await q.query<{ id: number; disposition: Disposition; text: string }>('SELECT id::int, disposition, text FROM consultation_answer_templates WHERE unit_id = $1 ORDER BY id', [
      unitId,
    ])
  ).rows;
}

export async function consultationEvents(q: Queryable, id: number) {
  return (
    await q.query<{ kind: string; at: Date; actor_label: string; details: Record<string, unknown> }>(
      'SELECT kind, at, actor_label, details FROM consultation_events WHERE consultation_id = $1 ORDER BY id',
      [id],
    )
  ).rows;
}

/** A unit's published consultations with their feedback deadline and when the feedback was published, for supervision. */
export async function feedbackRecords(q: Queryable, unitId: number): Promise<{ id: number; title: string; dueOn: string; publishedOn: string | null }[]> {
  return (
    await q.query<{ id: number; title: string; dueOn: string; publishedOn: string | null }>(
      `SELECT c.id::int, c.title, c.feedback_due_on::text AS "dueOn", CASE WHEN i.status = 'published' THEN v.publish_date::text END AS "publishedOn"
         FROM consultations c LEFT JOIN information_items i ON i.id = c.feedback_item_id LEFT JOIN item_versions v ON v.id = i.current_version_id
        WHERE c.unit_id = $1 AND c.state = 'published' AND c.feedback_due_on IS NOT NULL ORDER BY c.id`,
      [unitId],
    )
  ).rows;
}

/** The dashboard's counts for the units the person drafts consultations for. */
export async function consultationQueueCounts(
  q: Queryable,
  paths: string[],
  today: string,
): Promise<{ to_moderate: number; to_feedback: number; feedback_overdue: number; meeting_applications: number }> {
  if (!paths.length) return { to_moderate: 0, to_feedback: 0, feedback_overdue: 0, meeting_applications: 0 };
  const r = await q.query<{ to_moderate: number; to_feedback: number; feedback_overdue: number; meeting_applications: number }>(
    `SELECT (SELECT count(*)::int FROM consultation_comments m JOIN consultations c ON c.id = m.consultation_id JOIN units u ON u.id = c.unit_id
              WHERE u.path LIKE ANY($1) AND c.state = 'published' AND m.moderation = 'pending') AS to_moderate,
            (SELECT count(*)::int FROM consultations c JOIN units u ON u.id = c.unit_id
              WHERE u.path LIKE ANY($1) AND c.state = 'published' AND c.closes_on < $2 AND c.feedback_item_id IS NULL) AS to_feedback,
            (SELECT count(*)::int FROM consultations c JOIN units u ON u.id = c.unit_id LEFT JOIN information_items i ON i.id = c.feedback_item_id
              WHERE u.path LIKE ANY($1) AND c.state = 'published' AND c.feedback_due_on < $2 AND COALESCE(i.status, '') <> 'published') AS feedback_overdue,
            (SELECT count(*)::int FROM meeting_applications a JOIN meetings m ON m.id = a.meeting_id JOIN units u ON u.id = m.unit_id
              WHERE u.path LIKE ANY($1) AND m.state = 'published' AND m.held_on >= $2 AND a.status = 'pending') AS meeting_applications`,
    [paths.map((p) => `${p}%`), today],
  );
  return r.rows[0];
}
