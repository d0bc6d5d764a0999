/**
 * One unit's annual report for a year, from the platform's own records: table 三 from its request cases, table 四 from
 * their review and litigation records, table 二 as entered (with the 法规文件 column's counts offered), the
 * cross-checks, and the facts offered as a starting text for the narrative sections.
 */
import { participationFacts, participationSentence, type ParticipationFacts } from '../participation/index.ts';
import { messageYearSentence } from '../messages/index.ts';
import { proposalFacts } from '../proposals/index.ts';
import { opinionYearSentence } from '../answers/index.ts';
import type { Queryable } from '../../lib/db.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { can, type Actor } from '../../lib/authz.ts';
import { checkTable3, computeTable3, computeTable4, type ApplicantColumn, type CaseForReport, type CheckResult, type ReviewForReport, type Table3, type Table4 } from './tables.ts';
import type { Table2 } from './table2.ts';

export interface ReportRow {
  id: number;
  unit_id: number;
  year: number;
  format: string;
  state: 'draft' | 'review' | 'returned' | 'filed' | 'published';
  entered: Table2;
  narrative: { overall?: string; problems?: string; other?: string };
  snapshot: { table3: Table3; table4: Table4 } | null;
  remarks: string;
  published_item_id: number | null;
}

export interface BuiltReport {
  unit: { id: number; name: string; path: string; slug: string };
  year: number;
  report?: ReportRow;
  table2: Table2;
  hints: { published: number; repealed: number; current: number };
  table3: Table3;
  table4: Table4;
  checks: CheckResult[];
  facts: { received: number; answered: number; overdue: number; feesYuan: number; proactive: number; interpretations: number };
  /** Consultations, decisions, meetings and surveys of the year (the participation module). */
  participation: ParticipationFacts;
  /** 留言 answered, and 建议提案 answered and published, as sentences for the narrative. */
  messagesSentence: string;
  proposalsSentence: string;
  opinionSentence: string;
}

export async function getReport(q: Queryable, unitId: number, year: number): Promise<ReportRow | undefined> {
  return (
    await q.query<ReportRow>(
      'SELECT id::int, unit_id, year, format, state, entered, narrative, snapshot, remarks, published_item_id::int FROM annual_reports WHERE unit_id = $1 AND year = $2',
      [unitId, year],
    )
  ).rows[0];
}

export async function buildReport(q: Queryable, unitId: number, year: number): Promise<BuiltReport> {
  const unit = (await q.query<{ id: number; name: string; path: string; slug: string }>('SELECT id, name, path, slug FROM units WHERE id = $1', [unitId])).rows[0];
  if (!unit) throw new NotFoundError('没有这个单位。');
  const report = await getReport(q, unitId, year);
  const cases = (
    await q.query<CaseForReport>(
      `SELECT id::int, applicant_type AS "applicantType", applicant_subtype AS "applicantSubtype", received_on::text AS "receivedOn", replied_on::text AS "repliedOn", outcome
       FROM request_cases WHERE unit_id = $1`,
      [unitId],
    )
  ).rows;
  const reviews = (
    await q.query<ReviewForReport>(
      `SELECT r.id::int, r.kind, r.filed_on::text AS "filedOn", r.result, r.decided_on::text AS "decidedOn" FROM case_reviews r JOIN request_cases c ON c.id = r.case_id WHERE c.unit_id = $1`,
      [unitId],
    )
  ).rows;
  // A report that went to review keeps the tables it was reviewed with.
  const frozen = report?.snapshot && report.state !== 'draft' && report.state !== 'returned' ? report.snapshot : undefined;
  const table3 = frozen?.table3 ?? computeTable3(cases, year);
  const table4 = frozen?.table4 ?? computeTable4(reviews, year);
  const last = await getReport(q, unitId, year - 1);
  const lastCarried = last?.snapshot
    ? (Object.fromEntries(Object.entries(last.snapshot.table3.carried_out).map(([k, v]) => [k, v.value])) as Record<ApplicantColumn, number>)
    : undefined;
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const h = (
    await q.query<{ published: number; repealed: number; current: number }>(
      `SELECT count(*) FILTER (WHERE v.publish_date BETWEEN $2 AND $3)::int AS published,
            count(*) FILTER (WHERE i.validity = 'repealed' AND EXISTS (SELECT 1 FROM item_events e WHERE e.item_id = i.id AND e.type = 'validity_changed' AND e.at >= $2::date AND e.at < ($3::date + 1)))::int AS repealed,
            count(*) FILTER (WHERE i.validity = 'current' AND v.publish_date <= $3)::int AS current
       FROM information_items i JOIN item_versions v ON v.id = i.current_version_id
      WHERE i.unit_id = $1 AND i.status = 'published' AND v.section_code = 'a20_01'`,
      [unitId, start, end],
    )
  ).rows[0];
  const f = (
    await q.query<{ proactive: number; interpretations: number }>(
      `SELECT (SELECT count(*)::int FROM information_items i JOIN item_versions v ON v.id = i.current_version_id WHERE i.unit_id = $1 AND i.status = 'published' AND v.publish_date BETWEEN $2 AND $3 AND v.disclosure = 'proactive') AS proactive,
            (SELECT count(*)::int FROM information_items i JOIN item_versions v ON v.id = i.current_version_id WHERE i.unit_id = $1 AND i.kind = 'interpretation' AND i.status = 'published' AND v.publish_date BETWEEN $2 AND $3) AS interpretations`,
      [unitId, start, end],
    )
  ).rows[0];
  // A payment's amount is that of the fee notice it answered.
  const paidFees = (
    await q.query<{ amount: string }>(
      `SELECT COALESCE(sum((n.details->>'amount')::numeric), 0)::text AS amount
       FROM case_events p JOIN request_cases c ON c.id = p.case_id
       JOIN LATERAL (SELECT details FROM case_events x WHERE x.case_id = p.case_id AND x.kind = 'fee_notice' AND x.id < p.id ORDER BY x.id DESC LIMIT 1) n ON true
      WHERE c.unit_id = $1 AND p.kind = 'fee_paid' AND p.on_date BETWEEN $2 AND $3`,
      [unitId, start, end],
    )
  ).rows[0];
  const overdue = (
    await q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM request_cases WHERE unit_id = $1 AND replied_on BETWEEN $2 AND $3 AND due_on IS NOT NULL AND replied_on > due_on`,
      [unitId, start, end],
    )
  ).rows[0].n;
  return {
    unit,
    year,
    report,
    table2: report?.entered ?? {},
    hints: h,
    table3,
    table4,
    checks: checkTable3(table3, lastCarried),
    facts: {
      received: table3.new.total.value,
      answered: table3['（七）'].total.value,
      overdue,
      feesYuan: Number(paidFees.amount),
      proactive: f.proactive,
      interpretations: f.interpretations,
    },
    participation: await participationFacts(q, unitId, year),
    messagesSentence: await messageYearSentence(q, unitId, year),
    proposalsSentence: (await proposalFacts(q, unitId, year)).sentence,
    // Only responses given count as in time, so judging at the year's end is exact for the year in progress too.
    opinionSentence: await opinionYearSentence(q, unitId, year, new Date(`${year + 1}-01-01T00:00:00+08:00`)),
  };
}

/** The facts the platform knows, as a first draft of the narrative sections. */
export function startingText(b: BuiltReport): { overall: string; problems: string; other: string } {
  const x = b.facts;
  return {
    overall: `${b.year}年，${b.unit.name}主动公开政府信息${x.proactive}条，其中政策解读${x.interpretations}条。全年新收政府信息公开申请${x.received}件，上年结转${b.table3.carried_in.total.value}件，办结${x.answered}件，结转下年度${b.table3.carried_out.total.value}件。${participationSentence(b.participation)}${b.messagesSentence}${b.opinionSentence}`,
    problems: x.overdue ? `本年有${x.overdue}件申请的答复超过法定期限，需要改进办理流程。` : '',
    other: `依据《政府信息公开信息处理费管理办法》规定，${b.year}年实际收取信息处理费共计${x.feesYuan}元。${b.proposalsSentence}`,
  };
}

/** Annual reports awaiting the actor's 备案 review, and the actor's units' reports still being written or returned. */
export async function reportQueueCounts(q: Queryable, actor: Actor): Promise<{ to_file: number; to_finish: number }> {
  const rows = (
    await q.query<{ state: string; unit_path: string }>(
      `SELECT r.state, u.path AS unit_path FROM annual_reports r JOIN units u ON u.id = r.unit_id WHERE r.state IN ('draft', 'review', 'returned')`,
    )
  ).rows;
  return {
    to_file: rows.filter((r) => r.state === 'review' && can(actor, 'report.file', { unitPath: r.unit_path })).length,
    to_finish: rows.filter((r) => r.state !== 'review' && can(actor, 'report.edit', { unitPath: r.unit_path })).length,
  };
}
