/** Reads of 建议提案: one entry, a unit's register for a year, the public list, and the event log. */
import type { Queryable } from '../../lib/db.ts';
import type { Kind } from './rules.ts';

export interface ProposalRow {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  unit_slug: string;
  co_unit_ids: number[];
  co_unit_names: string[];
  kind: Kind;
  year: number;
  session: string;
  number: string;
  title: string;
  proposer: string;
  assigned_on: string;
  reply_due_on: string;
  state: 'assigned' | 'replied' | 'withdrawn';
  reply: string;
  reply_no: string;
  result: string;
  replied_on: string | null;
  feedback: string;
  feedback_note: string;
  publication: string;
  publication_reason: string;
  summary: string;
  item_id: number | null;
  /** The item's publish date once the reply has been published through the unit's review. */
  published_on: string | null;
  withdrawn_reason: string;
}

const SELECT = `SELECT p.id, p.unit_id, u.name AS unit_name, u.path AS unit_path, u.slug AS unit_slug, p.co_unit_ids,
       ARRAY(SELECT c.name FROM units c WHERE c.id = ANY(p.co_unit_ids) ORDER BY c.path) AS co_unit_names,
       p.kind, p.year, p.session, p.number, p.title, p.proposer, p.assigned_on::text, p.reply_due_on::text, p.state, p.reply, p.reply_no,
       p.result, p.replied_on::text, p.feedback, p.feedback_note, p.publication, p.publication_reason, p.summary, p.item_id,
       CASE WHEN i.status = 'published' THEN v.publish_date::text END AS published_on, p.withdrawn_reason
  FROM proposals p JOIN units u ON u.id = p.unit_id
  LEFT JOIN information_items i ON i.id = p.item_id LEFT JOIN item_versions v ON v.id = i.current_version_id`;

export async function getProposal(q: Queryable, id: number): Promise<ProposalRow | undefined> {
  return (await q.query<ProposalRow>(`${SELECT} WHERE p.id = $1`, [id])).rows[0];
}

/** The entries of a year in the given units (by path prefix), or in all units. */
export async function proposalsOfYear(q: Queryable, year: number, paths?: string[]): Promise<ProposalRow[]> {
  return (
    await q.query<ProposalRow>(`${SELECT} WHERE p.year = $1 AND ($2::text[] IS NULL OR u.path LIKE ANY($2)) ORDER BY p.kind DESC, p.session, p.number, p.id`, [
      year,
      paths ? paths.map((x) => `${x}%`) : null,
    ])
  ).rows;
}

export async function proposalYears(q: Queryable): Promise<number[]> {
  return (await q.query<{ year: number }>('SELECT DISTINCT year FROM proposals ORDER BY year DESC')).rows.map((r) => r.year);
}

export async function proposalEvents(q: Queryable, id: number) {
  return (await q.query<{ kind: string; at: Date; actor_label: string }>('SELECT kind, at, actor_label FROM proposal_events WHERE proposal_id = $1 ORDER BY id', [id])).rows;
}

/** A unit's 建议提案 for supervision (as 主办单位). */
export async function proposalSupervisionRecords(q: Queryable, unitId: number) {
  return (
    await q.query<{ id: number; title: string; state: string; reply_due_on: string; replied_on: string | null }>(
      `SELECT id, title, state, reply_due_on::text, replied_on::text FROM proposals WHERE unit_id = $1 AND state <> 'withdrawn' ORDER BY id`,
      [unitId],
    )
  ).rows;
}
