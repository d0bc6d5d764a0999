/** A unit's compliance indicators from its records, on a date, for the year so far. */
import { decisionFindings, feedbackRecords, openMeetingCounts, unitMeetings } from '../participation/index.ts';
import { supervisionRecords } from '../messages/index.ts';
import { proposalSupervisionRecords } from '../proposals/index.ts';
import { answerSupervisionRecords, concernGaps, opinionClocks, opinionRecordsOf } from '../answers/index.ts';
import { answersIndicator, concernsIndicator, dataFreshnessIndicator, opinionIndicator, proposalsIndicator } from './interactionIndicators.ts';

/** The end of a China day, as the instant the hour clocks are judged at for an as-of date. */
const chinaEnd = (day: string) => new Date(`${day}T23:59:59+08:00`);
import { DUE_STATES, sqlStates } from '../requests/index.ts';
import type { Queryable } from '../../lib/db.ts';
import type { WorkingDayCalendar } from '../../lib/calendar.ts';
import { publishedCatalogues } from '../catalogues/index.ts';
import { freshnessRecords } from '../opendata/index.ts';
import { enforcementSupervisionRecords } from '../enforcement/index.ts';
import { enforcementIndicator } from './enforcementIndicator.ts';
import { assessCatalogue } from '../catalogues/index.ts';
import {
  columnsIndicator,
  linkedIds,
  linksIndicator,
  trainingIndicator,
  feedbackIndicator,
  messagesIndicator,
  decisionIndicator,
  openMeetingsIndicator,
  homeIndicator,
  interpretationIndicator,
  requestIndicator,
  timelinessIndicator,
  withheldIndicator,
  wordingIndicator,
  type Indicator,
  type WordingRule,
} from './indicators.ts';
import { RHYTHMS, RHYTHM_DAYS, sectionsForUnit } from '../publishing/index.ts';

export async function unitIndicators(
  q: Queryable,
  unit: { id: number; slug: string; level: 'city' | 'county' | 'township' },
  calendar: WorkingDayCalendar,
  asOf: string,
  settings: { openMeetingsPerHalfYear: number } = { openMeetingsPerHalfYear: 1 },
): Promise<Indicator[]> {
  const start = `${asOf.slice(0, 4)}-01-01`;
  const cases = (
    await q.query<{ id: number; caseNo: string; dueOn: string | null; repliedOn: string | null; open: boolean }>(
      `SELECT id::int, case_no AS "caseNo", due_on::text AS "dueOn", replied_on::text AS "repliedOn", state IN ${sqlStates(DUE_STATES)} AS open
       FROM request_cases WHERE unit_id = $1 AND (replied_on IS NULL OR replied_on >= $2)`,
      [unit.id, start],
    )
  ).rows;
  const published = (
    await q.query<{ id: number; title: string; formedDate: string; publishDate: string; section: string; kind: string; form: string | null }>(
      `SELECT i.id::int, v.title, v.formed_date::text AS "formedDate", v.publish_date::text AS "publishDate", v.section_code AS section, i.kind, v.interpretation_form AS form
       FROM information_items i JOIN item_versions v ON v.id = i.current_version_id
      WHERE i.unit_id = $1 AND i.status = 'published' AND v.publish_date BETWEEN $2 AND $3`,
      [unit.id, start, asOf],
    )
  ).rows.map((r) => ({ ...r, href: `/staff/items/${r.id}` }));
  const links = (
    await q.query<{ from: number; to: number }>(
      `SELECT l.from_item_id::int AS "from", l.to_item_id::int AS "to" FROM item_links l JOIN information_items i ON i.id = l.from_item_id WHERE i.unit_id = $1 AND l.kind = 'interprets'`,
      [unit.id],
    )
  ).rows;
  const withheld = (
    await q.query<{ id: number; title: string; since: string }>(
      `SELECT i.id::int, v.title, to_char(v.updated_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS since
       FROM information_items i JOIN item_versions v ON v.id = i.current_version_id WHERE i.unit_id = $1 AND v.state = 'filed'`,
      [unit.id],
    )
  ).rows.map((r) => ({ ...r, href: `/staff/items/${r.id}` }));
  const last = (
    await q.query<{ d: string | null }>(
      `SELECT max(v.publish_date)::text AS d FROM information_items i JOIN item_versions v ON v.id = i.current_version_id WHERE i.unit_id = $1 AND i.status = 'published' AND v.publish_date <= $2`,
      [unit.id, asOf],
    )
  ).rows[0].d;
  const interpretations = published
    .filter((p) => p.kind === 'interpretation')
    .map((p) => ({ ...p, form: p.form ?? 'text', interprets: links.filter((l) => l.from === p.id).map((l) => l.to) }));
  const policies = published.filter((p) => p.kind === 'information' && p.section === 'a20_01');

  const coverage: Indicator = { key: 'catalogue', name: '标准目录落实', definition: '目录事项应公开未公开（定期事项缺期）或逾期公开。', basis: '国办发〔2019〕54号', findings: [] };
  for (const h of await publishedCatalogues(q, unit.id)) {
    for (const { item, coverage: c } of await assessCatalogue(q, h, calendar, asOf)) {
      const label = `${h.area_name}：${item.level1}${item.level2 ? ` / ${item.level2}` : ''}`;
      for (const l of c.late) coverage.findings.push({ id: l.id, label, href: `/staff/items/${l.id}`, detail: `《${l.title}》${l.publishDate} 公开，应于 ${l.dueOn} 前` });
      for (const m of c.missingPeriods) coverage.findings.push({ id: item.id, label, href: `/staff/catalogues/coverage?catalogue=${h.id}`, detail: `${m.from} 至 ${m.to} 无信息` });
    }
  }
  const texts = (
    await q.query<{ id: number; title: string; text: string; html: string }>(
      `SELECT i.id::int, v.title, v.title || E'\n' || v.body_text AS text, v.body_html AS html FROM information_items i JOIN item_versions v ON v.id = i.current_version_id WHERE i.unit_id = $1 AND i.status = 'published'`,
      [unit.id],
    )
  ).rows.map((r) => ({ ...r, href: `/staff/items/${r.id}` }));
  const targets = linkedIds(texts.map((t) => t.html));
  const broken = new Map(
    (
      await q.query<{ url: string; status: number | null; error: string; checked: string }>(
        `SELECT url, status, error, to_char(checked_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS checked FROM link_checks WHERE NOT ok`,
      )
    ).rows.map((r) => [r.url, { status: r.status, error: r.error, checkedAt: r.checked }]),
  );
  const live = new Set(
    targets.length
      ? (await q.query<{ id: number }>(`SELECT id::int FROM information_items WHERE id = ANY($1::bigint[]) AND status = 'published'`, [targets])).rows.map((r) => r.id)
      : [],
  );
  const rules = (await q.query<WordingRule>('SELECT wrong, correct, kind FROM wording_rules ORDER BY id')).rows;
  const lastBySection = new Map(
    (
      await q.query<{ code: string; d: string }>(
        `SELECT v.section_code AS code, max(v.publish_date)::text AS d FROM information_items i JOIN item_versions v ON v.id = i.current_version_id
      WHERE i.unit_id = $1 AND i.status = 'published' AND v.publish_date <= $2 GROUP BY v.section_code`,
        [unit.id, asOf],
      )
    ).rows.map((r) => [r.code, r.d]),
  );
  const columns = (await sectionsForUnit(q, unit))
    .filter((sec) => sec.group === 'proactive')
    .map((sec) => ({
      code: sec.code,
      label: sec.label,
      enabled: sec.enabled,
      rhythmDays: sec.rhythm ? RHYTHM_DAYS[sec.rhythm] : undefined,
      rhythmLabel: sec.rhythm ? RHYTHMS[sec.rhythm] : undefined,
      last: lastBySection.get(sec.code) ?? null,
    }));
  const training = (await q.query<{ held_on: string }>('SELECT held_on::text FROM training_sessions WHERE unit_id = $1', [unit.id])).rows;
  return [
    requestIndicator(cases, asOf),
    timelinessIndicator(published, calendar),
    interpretationIndicator(policies, interpretations, calendar, asOf),
    coverage,
    withheldIndicator(withheld, asOf),
    homeIndicator(last, asOf, unit),
    wordingIndicator(texts, rules),
    columnsIndicator(columns, asOf, unit),
    linksIndicator(texts, live, broken),
    trainingIndicator(training, asOf, unit),
    feedbackIndicator(await feedbackRecords(q, unit.id), asOf),
    decisionIndicator(await decisionFindings(q, unit.id, asOf, calendar)),
    openMeetingsIndicator(openMeetingCounts(await unitMeetings(q, unit.id, Number(asOf.slice(0, 4))), Number(asOf.slice(0, 4)), asOf), settings.openMeetingsPerHalfYear, unit),
    messagesIndicator(await supervisionRecords(q, unit.id), asOf),
    proposalsIndicator(await proposalSupervisionRecords(q, unit.id), asOf),
    answersIndicator(await answerSupervisionRecords(q, unit.id), asOf),
    concernsIndicator(await concernGaps(q, unit.id)),
    dataFreshnessIndicator(await freshnessRecords(q, unit.id), asOf),
    enforcementIndicator(await enforcementSupervisionRecords(q, unit.id, asOf), asOf),
    opinionIndicator(
      (await opinionRecordsOf(q, unit.id)).map((r) => ({ id: r.id, title: r.title, clocks: opinionClocks(r.severity, r.surfaced_at, r.responses, chinaEnd(asOf)) })),
    ),
  ];
}
