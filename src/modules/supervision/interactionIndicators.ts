/**
 * Indicators of the interaction half (issues 13 and 14) that are not messages: the knowledge base's answers withheld
 * for review or past their review-by date, 建议提案 answered late or not yet answered after their due date, and open datasets past their update cycle.
 */
import { FREQUENCIES, isOverdue } from '../opendata/index.ts';
import type { Finding, Indicator } from './indicators.ts';

export interface AnswerRecord {
  id: number;
  question: string;
  review_by: string;
  /** Why the published answer is withheld (a source changed), or null. */
  needs_review: string | null;
}

export function answersIndicator(records: AnswerRecord[], asOf: string): Indicator {
  const findings: Finding[] = [];
  for (const a of records) {
    const base = { id: a.id, label: a.question, href: `/staff/answers/${a.id}` };
    if (a.needs_review) findings.push({ ...base, detail: `需复核：${a.needs_review}，已暂停公开` });
    else if (a.review_by < asOf) findings.push({ ...base, detail: `超过复核日期（${a.review_by}）未复核` });
  }
  return {
    key: 'answers',
    name: '政策问答复核',
    definition: '本单位已发布的问答：依据的文件修订、废止、失效或撤回后未复核的，超过复核日期未复核的。',
    basis: '东莞市政务公开工作要点 三（十二）（12345政策知识库）；湛江市政务公开工作要点（十九）',
    findings,
  };
}

export interface ProposalRecord {
  id: number;
  title: string;
  state: string;
  reply_due_on: string;
  replied_on: string | null;
}

export function proposalsIndicator(records: ProposalRecord[], asOf: string): Indicator {
  const findings: Finding[] = [];
  for (const p of records) {
    const base = { id: p.id, label: p.title, href: `/staff/proposals/${p.id}` };
    if (p.state === 'assigned' && asOf > p.reply_due_on) findings.push({ ...base, detail: `逾期未答复（期限 ${p.reply_due_on}）` });
    else if (p.replied_on && p.replied_on > p.reply_due_on) findings.push({ ...base, detail: `超期答复（期限 ${p.reply_due_on}，${p.replied_on} 答复）` });
  }
  return {
    key: 'proposals',
    name: '建议提案办理',
    definition: '本单位主办的人大代表建议和政协委员提案：逾期未答复或超期答复的。',
    basis: '鲁山县政务公开工作要点 二（二）；湛江市政务公开工作要点（三）',
    findings,
  };
}

export interface OpinionRecord {
  id: number;
  title: string;
  clocks: { label: string; hours: number; status: 'met' | 'late' | 'pending' | 'overdue' }[];
}

/** 政务舆情回应: a response due by the hour clocks that came late, or has not come and is past due. */
export function opinionIndicator(records: OpinionRecord[]): Indicator {
  const findings: Finding[] = [];
  for (const r of records)
    for (const c of r.clocks)
      if (c.status === 'late' || c.status === 'overdue')
        findings.push({
          id: r.id,
          label: r.title,
          href: `/staff/opinion/${r.id}`,
          detail: `${c.label}${c.status === 'late' ? '超过' : '已超过'}${c.hours}小时${c.status === 'late' ? '才发布' : '未发布'}`,
        });
  return {
    key: 'opinion',
    name: '政务舆情回应',
    definition: '本单位负责回应的政务舆情：特别重大、重大突发事件5小时内发布权威信息、24小时内召开新闻发布会，其他舆情48小时内回应；超时或未回应的。',
    basis: '国办发〔2016〕61号；国办发〔2016〕80号；湛江市政务公开工作要点',
    findings,
  };
}

/** 群众关切事项清单: a concern on the unit's list with no current answer, policy or interpretation linked. */
export function concernsIndicator(gaps: { id: number; title: string }[]): Indicator {
  return {
    key: 'concerns',
    name: '群众关切回应',
    definition: '本单位群众关切事项清单中，没有关联任何现行有效的信息或已发布问答的事项（无法“一键应答”）。',
    basis: '东莞市政务公开工作要点 三（十二）',
    findings: gaps.map((g) => ({ id: g.id, label: g.title, href: `/staff/concerns/${g.id}`, detail: '缺少现行有效的答复' })),
  };
}

export interface FreshnessRecord {
  id: number;
  title: string;
  frequency: keyof typeof FREQUENCIES;
  updated_on: string;
}

/** 数据更新及时率: of the unit's published datasets with a fixed update frequency, the share updated within it. */
export function dataFreshnessIndicator(records: FreshnessRecord[], asOf: string): Indicator {
  const rhythmic = records.filter((r) => FREQUENCIES[r.frequency].days !== null);
  const late = rhythmic.filter((r) => isOverdue(r.frequency, r.updated_on, asOf));
  return {
    key: 'data_freshness',
    name: '数据更新及时率',
    definition: '本单位已开放的数据集中，有固定更新频率的，超过更新周期未更新的（“不定期”的不计）。及时率＝按期更新的数据集÷有固定更新频率的数据集。',
    basis: '东莞市政务公开工作要点 三（八）；上海市公共数据开放工作要点（数据更新及时率达100%）',
    findings: late.map((r) => ({ id: r.id, label: r.title, href: `/staff/data/${r.id}`, detail: `应${FREQUENCIES[r.frequency].label}更新，最近一次更新于 ${r.updated_on}` })),
    share: rhythmic.length ? { value: (rhythmic.length - late.length) / rhythmic.length, target: 1 } : undefined,
  };
}
