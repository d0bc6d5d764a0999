/** Reads of cleanups and 备案审查 records. */
import { recordEvents, type EventLog } from '../../lib/audit.ts';
import type { Queryable } from '../../lib/db.ts';
import type { Conclusion, Decision } from './rules.ts';

/** The campaigns' event log (written by the commands, read on the campaign's page). */
export const LOG: EventLog = { table: 'cleanup_events', column: 'campaign_id', subjectType: 'cleanup_campaign', actionPrefix: 'cleanup' };

export interface CampaignRow {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_slug: string;
  unit_path: string;
  title: string;
  basis: string;
  state: 'open' | 'published';
  result_item_id: number | null;
  published_at: Date | null;
  created_at: Date;
  total: number;
  decided: number;
}

const CAMPAIGN = `SELECT c.*, u.name AS unit_name, u.slug AS unit_slug, u.path AS unit_path,
    (SELECT count(*)::int FROM cleanup_decisions d WHERE d.campaign_id = c.id) AS total,
    (SELECT count(*)::int FROM cleanup_decisions d WHERE d.campaign_id = c.id AND d.decision IS NOT NULL) AS decided
  FROM cleanup_campaigns c JOIN units u ON u.id = c.unit_id`;

export async function getCampaign(q: Queryable, id: number): Promise<CampaignRow | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  return (await q.query<CampaignRow>(`${CAMPAIGN} WHERE c.id = $1`, [id])).rows[0];
}

export async function campaignsOf(q: Queryable, paths: string[]): Promise<CampaignRow[]> {
  if (!paths.length) return [];
  return (await q.query<CampaignRow>(`${CAMPAIGN} WHERE u.path LIKE ANY($1) ORDER BY c.id DESC`, [paths.map((p) => `${p}%`)])).rows;
}

export interface DecisionRow {
  item_id: number;
  seq: number;
  title: string;
  doc_no: string;
  legal_form: 'rule' | 'normative';
  written_date: string | null;
  index_no: string;
  validity: string;
  decision: Decision | null;
  reason: string;
  follow_up_item_id: number | null;
  follow_up_title: string | null;
  filed_on: string | null;
  filed_with: string | null;
  conclusion: Conclusion | null;
}

export async function campaignDecisions(q: Queryable, campaignId: number): Promise<DecisionRow[]> {
  return (
    await q.query<DecisionRow>(
      `SELECT d.item_id, d.seq, v.title, COALESCE(NULLIF(v.doc_no_normalized, ''), v.doc_no) AS doc_no, i.legal_form, v.written_date::text, i.index_no, i.validity,
              d.decision, d.reason, d.follow_up_item_id, fv.title AS follow_up_title, f.filed_on::text, f.filed_with, f.conclusion
         FROM cleanup_decisions d JOIN information_items i ON i.id = d.item_id JOIN item_versions v ON v.id = i.current_version_id
         LEFT JOIN information_items fi ON fi.id = d.follow_up_item_id LEFT JOIN item_versions fv ON fv.id = fi.current_version_id
         LEFT JOIN filing_reviews f ON f.item_id = d.item_id
        WHERE d.campaign_id = $1 ORDER BY d.seq`,
      [campaignId],
    )
  ).rows;
}

/** A document's 备案审查 record, for its page. */
export async function filingOf(q: Queryable, itemId: number) {
  return (
    await q.query<{ filed_on: string; filed_with: string; conclusion: Conclusion; note: string }>(
      'SELECT filed_on::text, filed_with, conclusion, note FROM filing_reviews WHERE item_id = $1',
      [itemId],
    )
  ).rows[0];
}

export const campaignEvents = (q: Queryable, id: number) => recordEvents(q, LOG, id);
