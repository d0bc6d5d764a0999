/**
 * Monthly statistics per unit, with the definitions published next to them (issue 13): the month a message counts in
 * is the month it was received; rates are shares of the messages that month, not of a rolling window. Units with
 * fewer cases than the minimum are shown but not ranked (FixMyStreet's lesson: one quick answer must not top a list).
 */
import type { Queryable } from '../../lib/db.ts';

export const STAT_DEFINITIONS: [string, string][] = [
  ['收到', '当月收到的留言（按收到日期计），不含留言人撤回的；并入其他留言的（并单）计入。'],
  ['已答复', '当月收到的留言中已经答复的（并单的随主留言答复）。'],
  ['答复率', '已答复 ÷ 收到。'],
  ['按期答复率', '已答复中在答复期限内答复的 ÷ 已答复。期限按工作日计，经批准延期的按延长后的期限。'],
  ['平均用时', '已答复留言从收到到答复的工作日数的平均（按本平台的工作日历，法定节假日和调休照算）。'],
  ['满意率', '评价为“非常满意”“满意”“基本满意”的 ÷ 已评价的；没有评价的不计入。'],
];

export interface UnitMonth {
  unitId: number;
  unitName: string;
  received: number;
  replied: number;
  onTime: number;
  /** Sum of working days over replied messages that have them counted. */
  daysTotal: number;
  daysCounted: number;
  rated: number;
  satisfied: number;
}

export interface RankedUnit extends UnitMonth {
  replyRate: number | null;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  avgWorkingDays: number | null;
  /** 1 for the best; null where the unit had fewer cases than the minimum. */
  rank: number | null;
}

const rate = (n: number, d: number) => (d ? n / d : null);

/**
 * Ranks units by on-time rate, then reply rate, then satisfaction, then fewer working days; only those with at least
 * `minCases` received. Ties share a rank.
 */
export function rankUnits(rows: UnitMonth[], minCases: number): RankedUnit[] {
  const out: RankedUnit[] = rows.map((r) => ({
    ...r,
    replyRate: rate(r.replied, r.received),
    onTimeRate: rate(r.onTime, r.replied),
    satisfactionRate: rate(r.satisfied, r.rated),
    avgWorkingDays: r.daysCounted ? Math.round((r.daysTotal / r.daysCounted) * 10) / 10 : null,
    rank: null,
  }));
  const key = (r: RankedUnit) => [r.onTimeRate ?? -1, r.replyRate ?? -1, r.satisfactionRate ?? -1, -(r.avgWorkingDays ?? 999)];
  const cmp = (a: RankedUnit, b: RankedUnit) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
    return 0;
  };
  const ranked = out.filter((r) => r.received >= minCases).sort(cmp);
  ranked.forEach((r, i) => (r.rank = i > 0 && cmp(ranked[i - 1], r) === 0 ? ranked[i - 1].rank : i + 1));
  const unranked = out.filter((r) => r.received < minCases).sort((a, b) => b.received - a.received || a.unitName.localeCompare(b.unitName, 'zh'));
  return [...ranked, ...unranked];
}

/** The first and the day after the last day of a month given as YYYY-MM. */
export function monthRange(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01`, `${next}-01`];
}

/** One row per unit that received messages in [from, to), counted by the unit that owns each message now. */
export async function unitStatistics(q: Queryable, from: string, to: string): Promise<UnitMonth[]> {
  const r = await q.query<{
    unit_id: number;
    unit_name: string;
    received: number;
    replied: number;
    on_time: number;
    days_total: number;
    days_counted: number;
    rated: number;
    satisfied: number;
  }>(
    `SELECT m.unit_id, u.name AS unit_name, count(*)::int AS received,
            count(*) FILTER (WHERE m.replied_on IS NOT NULL)::int AS replied,
            count(*) FILTER (WHERE m.replied_on IS NOT NULL AND m.replied_on <= m.due_on)::int AS on_time,
            coalesce(sum(m.reply_working_days) FILTER (WHERE m.replied_on IS NOT NULL), 0)::int AS days_total,
            count(m.reply_working_days) FILTER (WHERE m.replied_on IS NOT NULL)::int AS days_counted,
            count(r.level)::int AS rated,
            count(*) FILTER (WHERE r.level >= 3)::int AS satisfied
       FROM messages m JOIN units u ON u.id = m.unit_id LEFT JOIN message_ratings r ON r.message_id = m.id
      WHERE m.received_on >= $1 AND m.received_on < $2 AND m.state <> 'withdrawn'
      GROUP BY m.unit_id, u.name`,
    [from, to],
  );
  return r.rows.map((x) => ({
    unitId: x.unit_id,
    unitName: x.unit_name,
    received: x.received,
    replied: x.replied,
    onTime: x.on_time,
    daysTotal: x.days_total,
    daysCounted: x.days_counted,
    rated: x.rated,
    satisfied: x.satisfied,
  }));
}

/** The totals over all units, for the head of the page and the annual report. */
export function totals(rows: UnitMonth[]): UnitMonth {
  const sum = (k: 'received' | 'replied' | 'onTime' | 'daysTotal' | 'daysCounted' | 'rated' | 'satisfied') => rows.reduce((a, r) => a + r[k], 0);
  return {
    unitId: 0,
    unitName: '全部单位',
    received: sum('received'),
    replied: sum('replied'),
    onTime: sum('onTime'),
    daysTotal: sum('daysTotal'),
    daysCounted: sum('daysCounted'),
    rated: sum('rated'),
    satisfied: sum('satisfied'),
  };
}

export async function suggestionCounts(q: Queryable, from: string, to: string): Promise<Record<string, number>> {
  const r = await q.query<{ kind: string; n: number }>('SELECT kind, sum(n)::int AS n FROM message_suggestion_counts WHERE day >= $1 AND day < $2 GROUP BY kind', [from, to]);
  return Object.fromEntries(r.rows.map((x) => [x.kind, x.n]));
}

export async function countSuggestion(q: Queryable, day: string, kind: 'shown' | 'opened' | 'resolved' | 'sent_anyway') {
  await q.query('INSERT INTO message_suggestion_counts (day, kind, n) VALUES ($1, $2, 1) ON CONFLICT (day, kind) DO UPDATE SET n = message_suggestion_counts.n + 1', [day, kind]);
}

/** The year's messages owned by one unit, as a sentence for its annual report's overview (issue 13). */
export async function messageYearSentence(q: Queryable, unitId: number, year: number): Promise<string> {
  const rows = (await unitStatistics(q, `${year}-01-01`, `${year + 1}-01-01`)).filter((r) => r.unitId === unitId);
  if (!rows.length) return '';
  const [r] = rankUnits(rows, Infinity);
  const pct = (x: number | null) => (x === null ? '' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);
  return `全年收到群众留言${r.received}件，答复${r.replied}件${r.onTimeRate !== null ? `，按期答复率${pct(r.onTimeRate)}` : ''}${r.satisfactionRate !== null ? `，满意率${pct(r.satisfactionRate)}` : ''}。`;
}
