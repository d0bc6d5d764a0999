/**
 * 行政执法公示 as a supervision indicator (国办发〔2018〕118号; 行政处罚法 第四十八条): decisions published after their
 * 7 or 20 working days, revoked decisions withdrawn late, the last year's figures not published by 31 January, draws
 * whose results are overdue, and 事前 entries past their review date. The share is the on-time rate of the last year.
 */
import type { EnforcementSupervision } from '../enforcement/index.ts';
import type { Finding, Indicator } from './indicators.ts';

export function enforcementIndicator(r: EnforcementSupervision, asOf: string): Indicator {
  const findings: Finding[] = [];
  for (const d of r.late)
    findings.push({ id: d.id, label: d.label, href: `/staff/enforcement/decisions/${d.id}`, detail: `逾期公示（应在 ${d.due_on} 前，${d.published_on} 公示）` });
  for (const d of r.lateWithdrawals)
    findings.push({ id: d.id, label: d.label, href: `/staff/enforcement/decisions/${d.id}`, detail: `撤下逾期（${d.revoked_on} 撤销，${d.withdrawn_on} 撤下）` });
  const lastYear = Number(asOf.slice(0, 4)) - 1;
  // Owed only once a unit publishes enforcement at all, and only after the day it is due.
  if (r.active && asOf > `${lastYear + 1}-01-31` && !r.statsYears.includes(lastYear))
    findings.push({ id: lastYear, label: `${lastYear}年度行政执法数据`, href: '/staff/enforcement', detail: `应于 ${lastYear + 1}-01-31 前公布，尚未公布` });
  for (const d of r.overdueDraws)
    findings.push({
      id: d.id,
      label: d.label,
      href: `/staff/enforcement/draws/${d.id}`,
      detail: d.late_published ? `抽查结果逾期公开（期限 ${d.results_due_on}）` : `抽查结果逾期未公开（期限 ${d.results_due_on}）`,
    });
  for (const e of r.staleEntries)
    findings.push({ id: e.id, label: e.label, href: `/staff/enforcement/register/${e.id}`, detail: `事前公开信息超过核对日期（${e.review_on}）未核对` });
  return {
    key: 'enforcement',
    name: '行政执法公示',
    definition:
      '近一年公示的执法决定中逾期公示的（许可、处罚7个工作日，其他20个工作日），被撤销的决定逾期撤下的，上年度执法数据1月31日后仍未公布的，双随机抽查结果逾期公开的，事前公开信息超过核对日期的。及时率＝按期公示的决定÷近一年公示的决定。',
    basis: '国办发〔2018〕118号 二（四）（六）；《行政处罚法》第四十八条；鲁山县政务公开工作要点 三（三）',
    findings,
    share: r.published ? { value: (r.published - r.late.length) / r.published, target: 1 } : undefined,
  };
}
