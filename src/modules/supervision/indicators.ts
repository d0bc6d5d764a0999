/**
 * Compliance indicators of a unit on a date (issue 6, regulations.md §1.8, §5.3, §8), each with its definition, legal
 * basis and the records behind it. Pure: the records, the calendar and the date are passed in.
 */
import { PUBLICATION_LIMIT_WORKING_DAYS } from '../publishing/index.ts';
import type { WorkingDayCalendar } from '../../lib/calendar.ts';
import { addDays } from '../../lib/calendar.ts';
import { vetoLine } from '../messages/index.ts';

export interface Finding {
  id: number;
  label: string;
  href: string;
  detail: string;
}

export interface Indicator {
  key: string;
  name: string;
  definition: string;
  basis: string;
  /** Findings that count against the unit. */
  findings: Finding[];
  /** A share, where the indicator is one (e.g. non-text interpretations); undefined otherwise. */
  share?: { value: number; target: number };
}

/** Working days an interpretation may follow its policy (a setting; the 3-day default is common local practice). */
export const INTERPRETATION_WORKING_DAYS = 3;
/** Share of interpretations in forms other than text that the source documents ask for. */
export const NON_TEXT_TARGET = 0.3;
export const HOME_STALE_DAYS = 14;
export const WITHHELD_REVIEW_DAYS = 365;

export interface CaseRecord {
  id: number;
  caseNo: string;
  dueOn: string | null;
  repliedOn: string | null;
  open: boolean;
}
export interface ItemRecord {
  id: number;
  title: string;
  href: string;
  formedDate: string;
  publishDate: string;
}
export interface InterpretationRecord {
  id: number;
  title: string;
  href: string;
  form: string;
  publishDate: string;
  interprets: number[];
}
export interface WithheldRecord {
  id: number;
  title: string;
  href: string;
  since: string;
}

export function requestIndicator(cases: CaseRecord[], asOf: string): Indicator {
  const findings: Finding[] = [];
  for (const c of cases) {
    if (c.open && c.dueOn && c.dueOn < asOf) findings.push({ id: c.id, label: c.caseNo, href: `/staff/requests/${c.id}`, detail: `逾期未答复（期限 ${c.dueOn}）` });
    else if (c.repliedOn && c.dueOn && c.repliedOn > c.dueOn)
      findings.push({ id: c.id, label: c.caseNo, href: `/staff/requests/${c.id}`, detail: `超期答复（期限 ${c.dueOn}，${c.repliedOn} 答复）` });
  }
  return { key: 'requests', name: '依申请公开按期答复', definition: '未在法定期限内答复的申请：已超期仍未答复的，和超过期限才答复的。', basis: '条例第三十三条', findings };
}

export function timelinessIndicator(items: ItemRecord[], calendar: WorkingDayCalendar): Indicator {
  const findings = items
    .map((i) => ({ i, due: calendar.addWorkingDays(i.formedDate, 20).date }))
    .filter(({ i, due }) => i.publishDate > due)
    .map(({ i, due }) => ({ id: i.id, label: i.title, href: i.href, detail: `形成于 ${i.formedDate}，应于 ${due} 前公开，${i.publishDate} 才公开` }));
  return {
    key: 'timeliness',
    name: '主动公开及时性',
    definition: `自形成或变更之日起超过${PUBLICATION_LIMIT_WORKING_DAYS}个工作日才公开的信息。`,
    basis: '条例第二十六条',
    findings,
  };
}

export function interpretationIndicator(
  policies: ItemRecord[],
  interpretations: InterpretationRecord[],
  calendar: WorkingDayCalendar,
  asOf: string,
  limit = INTERPRETATION_WORKING_DAYS,
): Indicator {
  const findings: Finding[] = [];
  for (const p of policies) {
    const due = calendar.addWorkingDays(p.publishDate, limit).date;
    const mine = interpretations.filter((x) => x.interprets.includes(p.id));
    if (!mine.length) {
      if (due < asOf) findings.push({ id: p.id, label: p.title, href: p.href, detail: `没有政策解读（应于 ${due} 前发布）` });
    } else {
      const first = mine.map((x) => x.publishDate).sort()[0];
      if (first > due) findings.push({ id: p.id, label: p.title, href: p.href, detail: `解读于 ${first} 发布，晚于 ${due}` });
    }
  }
  const nonText = interpretations.filter((x) => x.form && x.form !== 'text').length;
  return {
    key: 'interpretation',
    name: '政策解读',
    definition: `政策文件发布后${limit}个工作日内应发布解读；图解、视频等非文字解读宜占三成以上。`,
    basis: '国办发〔2016〕80号；《政务公开工作要点》',
    findings,
    share: interpretations.length ? { value: nonText / interpretations.length, target: NON_TEXT_TARGET } : undefined,
  };
}

export function withheldIndicator(items: WithheldRecord[], asOf: string): Indicator {
  const limit = addDays(asOf, -WITHHELD_REVIEW_DAYS);
  const findings = items.filter((i) => i.since <= limit).map((i) => ({ id: i.id, label: i.title, href: i.href, detail: `自 ${i.since} 起未重新评估公开属性` }));
  return {
    key: 'withheld',
    name: '不予公开信息定期评估',
    definition: `登记为不予公开或依申请公开的信息，超过${WITHHELD_REVIEW_DAYS}天未重新评估。`,
    basis: '国办发〔2016〕80号（公开属性动态调整）',
    findings,
  };
}

export function homeIndicator(lastPublished: string | null, asOf: string, unit: { id: number; slug: string }): Indicator {
  const stale = !lastPublished || lastPublished < addDays(asOf, -HOME_STALE_DAYS);
  return {
    key: 'home',
    name: '栏目更新',
    definition: `超过${HOME_STALE_DAYS}天没有发布任何信息。`,
    basis: '国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》',
    findings: stale
      ? [{ id: unit.id, label: '本单位政府信息公开栏目', href: `/xxgk/${unit.slug}`, detail: lastPublished ? `最近一次发布于 ${lastPublished}` : '从未发布信息' }]
      : [],
  };
}

export interface WordingRule {
  wrong: string;
  correct: string;
  kind: 'wrong' | 'sensitive';
}

/** Published texts containing an expression on the office's list (错敏词), one finding per item and expression. */
export function wordingIndicator(items: { id: number; title: string; href: string; text: string }[], rules: WordingRule[]): Indicator {
  const findings: Finding[] = [];
  for (const i of items) {
    for (const r of rules) {
      const at = i.text.indexOf(r.wrong);
      if (at < 0) continue;
      const around = i.text.slice(Math.max(0, at - 10), at + r.wrong.length + 10).replace(/\s+/g, ' ');
      findings.push({
        id: i.id,
        label: i.title,
        href: i.href,
        detail: `“${r.wrong}”${r.kind === 'wrong' && r.correct ? `应为“${r.correct}”` : '（敏感表述，请核实）'}：…${around}…`,
      });
    }
  }
  return {
    key: 'wording',
    name: '错敏词',
    definition: '已发布信息的标题和正文中出现错别字或敏感表述清单中的词语。',
    basis: '国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》（严重错别字）',
    findings,
  };
}

export interface ColumnRecord {
  code: string;
  label: string;
  enabled: boolean;
  rhythm?: string;
  rhythmDays?: number;
  rhythmLabel?: string;
  last: string | null;
}

/** Columns switched on with nothing in them (空白栏目), and columns not updated within their set rhythm. */
export function columnsIndicator(columns: ColumnRecord[], asOf: string, unit: { id: number; slug: string }): Indicator {
  const findings: Finding[] = [];
  for (const c of columns.filter((x) => x.enabled)) {
    const href = `/xxgk/${unit.slug}/s/${c.code}`;
    if (!c.last) findings.push({ id: unit.id, label: c.label, href, detail: '空白栏目：开启但没有任何信息' });
    else if (c.rhythmDays && c.last < addDays(asOf, -c.rhythmDays)) findings.push({ id: unit.id, label: c.label, href, detail: `应每${c.rhythmLabel}更新，最近一次 ${c.last}` });
  }
  return {
    key: 'columns',
    name: '栏目维护',
    definition: '开启的栏目没有信息（空白栏目），或未按设定的频率（日、周、旬、月、季、年）更新。',
    basis: '国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》',
    findings,
  };
}

/**
 * Links inside published texts that no longer lead anywhere: to the platform's own items that were withdrawn or
 * removed, and external links the scheduled check found broken (`broken`: URL → what the check saw).
 */
export function linksIndicator(
  items: { id: number; title: string; href: string; html: string }[],
  live: Set<number>,
  broken: Map<string, { status: number | null; error: string; checkedAt: string }> = new Map(),
): Indicator {
  const findings: Finding[] = [];
  for (const i of items) {
    for (const m of i.html.matchAll(/href="(?:https?:\/\/[^"/]+)?\/xxgk\/[a-z0-9-]+\/items\/(\d+)(?:[/?#][^"]*)?"/g)) {
      const target = Number(m[1]);
      if (!live.has(target)) findings.push({ id: i.id, label: i.title, href: i.href, detail: `链接指向的信息（编号 ${target}）已撤回或不存在` });
    }
    for (const m of i.html.matchAll(/href="(https?:\/\/[^"\s<>]+)"/g)) {
      const b = broken.get(m[1].replace(/&amp;/g, '&'));
      if (b) findings.push({ id: i.id, label: i.title, href: i.href, detail: `外部链接不可用：${m[1]}（${b.status ? `状态 ${b.status}` : b.error}，检查于 ${b.checkedAt}）` });
    }
  }
  return {
    key: 'links',
    name: '链接可用性',
    definition: '已发布信息正文中的链接：指向本平台信息的，目标已撤回或不存在；外部链接，按每周检查的结果不可用。',
    basis: '国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》（链接不可用）',
    findings,
  };
}

/** The ids of items a set of texts links to, to ask the database which are still published. */
export function linkedIds(htmls: string[]): number[] {
  const ids = new Set<number>();
  for (const h of htmls) for (const m of h.matchAll(/href="(?:https?:\/\/[^"/]+)?\/xxgk\/[a-z0-9-]+\/items\/(\d+)/g)) ids.add(Number(m[1]));
  return [...ids];
}

/**
 * Training (LS 六(二)): a unit whose 政务公开 staff had no recorded training in the year is a finding. The year is the
 * one of `asOf`; before 1 July no finding is made yet (a year's training plan usually falls in its second half too).
 */
export function trainingIndicator(sessions: { held_on: string }[], asOf: string, unit: { id: number }): Indicator {
  const year = asOf.slice(0, 4);
  const thisYear = sessions.filter((s) => s.held_on.startsWith(year) && s.held_on <= asOf);
  const findings: Finding[] =
    thisYear.length || asOf < `${year}-07-01` ? [] : [{ id: unit.id, label: `${year}年`, href: '/staff/supervision/training', detail: '本年尚无政务公开培训记录' }];
  return {
    key: 'training',
    name: '业务培训',
    definition: '本年度7月1日后仍无政务公开工作人员的培训记录。',
    basis: '鲁山县政务公开工作要点 六（二）',
    findings,
  };
}

/**
 * Consultation feedback (意见采纳情况): due N working days after the close, or with the decision (ADR 0017). Overdue
 * and still unpublished, or published after its due date, is a finding.
 */
export function feedbackIndicator(records: { id: number; title: string; dueOn: string; publishedOn: string | null }[], asOf: string): Indicator {
  const findings: Finding[] = [];
  for (const r of records) {
    const href = `/staff/consultations/${r.id}`;
    if (!r.publishedOn && r.dueOn < asOf) findings.push({ id: r.id, label: r.title, href, detail: `逾期未公布意见采纳情况（期限 ${r.dueOn}）` });
    else if (r.publishedOn && r.publishedOn > r.dueOn) findings.push({ id: r.id, label: r.title, href, detail: `超期公布意见采纳情况（期限 ${r.dueOn}，${r.publishedOn} 公布）` });
  }
  return {
    key: 'consultation_feedback',
    name: '意见征集反馈',
    definition: '征求意见截止后未按期公布意见采纳情况的：逾期仍未公布的，和超过期限才公布的。',
    basis: '《重大行政决策程序暂行条例》第二十九条、第三十二条；鲁山县政务公开工作要点 三（一）',
    findings,
  };
}

/**
 * Major administrative decisions (713号): entries past their planned time, decisions published without their
 * required steps, legality reviews under 7 working days, consultations under 30 days without a stated reason.
 */
export function decisionIndicator(records: { id: number; code: string; title: string; problems: string[] }[]): Indicator {
  const findings: Finding[] = records.flatMap((r) => r.problems.map((detail) => ({ id: r.id, label: `${r.code} ${r.title}`, href: `/staff/decisions/${r.id}`, detail })));
  return {
    key: 'major_decisions',
    name: '重大行政决策程序',
    definition: '目录中的事项：超过计划决策时间仍未公布的，公布时法定程序未完成的，合法性审查少于7个工作日的，征求意见少于30日且未说明理由的。',
    basis: '《重大行政决策程序暂行条例》第三条、第十五条、第二十六条',
    findings,
  };
}

/**
 * Stakeholders, public representatives, experts or media attending the unit's meetings at least `minimum` times each
 * half-year (LS 三(一), ZJ (一); a local rule, GONGKAI_OPEN_MEETINGS_PER_HALF_YEAR). Only ended half-years count
 * against the unit.
 */
export function openMeetingsIndicator(halves: { label: string; count: number; ended: boolean }[], minimum: number, unit: { id: number; slug: string }): Indicator {
  const findings: Finding[] = halves
    .filter((h) => h.ended && h.count < minimum)
    .map((h) => ({ id: unit.id, label: h.label, href: '/staff/meetings', detail: `${h.label}邀请列席的会议${h.count}次，少于${minimum}次` }));
  return {
    key: 'open_meetings',
    name: '会议开放',
    definition: `每半年邀请利益相关方、公众代表、专家或媒体列席会议不少于${minimum}次；已结束的半年未达到的。`,
    basis: '鲁山县政务公开工作要点 三（一）；湛江市政务公开工作要点（一）',
    findings,
  };
}

export interface MessageRecord {
  id: number;
  case_no: string;
  title: string;
  state: string;
  received_on: string;
  due_on: string;
  replied_on: string | null;
  rectify_due_on: string | null;
  rectified_on: string | null;
}

/**
 * Messages (issue 13): unanswered past the due date, answered late, a 差评 not rectified in time; and any valid message
 * unanswered for more than three months, which the national website rules treat as a veto (单项否决).
 */
export function messagesIndicator(records: MessageRecord[], asOf: string): Indicator {
  const findings: Finding[] = [];
  for (const m of records) {
    const label = `${m.case_no} ${m.title}`;
    const href = `/staff/messages/${m.id}`;
    // Answered means sent: a reply still in review has not reached the writer.
    const unanswered = m.state !== 'replied';
    if (unanswered && asOf > vetoLine(m.received_on)) findings.push({ id: m.id, label, href, detail: `超过3个月未答复（${m.received_on}收到），网站单项否决` });
    else if (unanswered && asOf > m.due_on) findings.push({ id: m.id, label, href, detail: `逾期未答复（期限 ${m.due_on}）` });
    else if (m.replied_on && m.replied_on > m.due_on) findings.push({ id: m.id, label, href, detail: `超期答复（期限 ${m.due_on}，${m.replied_on} 答复）` });
    if (m.rectify_due_on && (m.rectified_on ? m.rectified_on > m.rectify_due_on : asOf > m.rectify_due_on))
      findings.push({ id: m.id, label, href, detail: `差评未按期整改（期限 ${m.rectify_due_on}）` });
  }
  return {
    key: 'messages',
    name: '留言办理',
    definition: '本单位承办的留言：逾期未答复或超期答复的，差评未按期整改的；超过3个月未答复的有效留言单独标明（政府网站单项否决指标）。',
    basis: '国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》单项否决“互动回应差”；鲁山县政务公开工作要点 二（二）',
    findings,
  };
}
