/**
 * 公开时限 as written in published catalogues, read into a rule the platform can check, the original text kept.
 * Forms seen (regulations.md §6.3): "自信息形成或者变更之日起20个工作日内予以公开", "信息形成之日起20个工作日内",
 * "及时公开", "实时", "每季度", "每年1月底前", "同上".
 */
export type TimeRule =
  | { kind: 'working_days'; days: number; from: 'formation' }
  | { kind: 'calendar_days'; days: number; from: 'formation' }
  | { kind: 'immediate' }
  | { kind: 'periodic'; period: 'month' | 'quarter' | 'half_year' | 'year' }
  | { kind: 'same_as_above' }
  | { kind: 'text' };

/** "及时公开" has no number; the office treats it as this many working days (a setting, not a rule of law). */
export const IMMEDIATE_WORKING_DAYS = 5;

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function number(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (/^[一二两三四五六七八九十]+$/.test(s)) {
    // 十 = 10, 二十 = 20, 十五 = 15, 二十五 = 25
    const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
    if (m) return (m[1] ? CN_DIGITS[m[1]] : 1) * 10 + (m[2] ? CN_DIGITS[m[2]] : 0);
    if (s.length === 1) return CN_DIGITS[s];
  }
  return undefined;
}

export function parseTimeLimit(text: string): TimeRule {
  const t = text.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
  if (!t) return { kind: 'text' };
  if (/^同上/.test(t)) return { kind: 'same_as_above' };
  const days = /(?<![\d一二两三四五六七八九十])(\d+|[一二两三四五六七八九十]+)个?(工作日|日|天)/.exec(t);
  if (days && /形成|变更|产生|作出|制作|批准|收到|之日/.test(t)) {
    const n = number(days[1]);
    if (n && n <= 365) return days[2] === '工作日' ? { kind: 'working_days', days: n, from: 'formation' } : { kind: 'calendar_days', days: n, from: 'formation' };
  }
  if (/实时|即时|及时|随时|动态/.test(t)) return { kind: 'immediate' };
  if (/每月|按月|月度/.test(t)) return { kind: 'periodic', period: 'month' };
  if (/每季|按季|季度/.test(t)) return { kind: 'periodic', period: 'quarter' };
  if (/半年/.test(t)) return { kind: 'periodic', period: 'half_year' };
  if (/每年|年度|按年|每一年/.test(t)) return { kind: 'periodic', period: 'year' };
  return { kind: 'text' };
}

export function describeRule(r: TimeRule): string {
  switch (r.kind) {
    case 'working_days':
      return `信息形成或变更之日起${r.days}个工作日内`;
    case 'calendar_days':
      return `信息形成或变更之日起${r.days}日内`;
    case 'immediate':
      return `及时（按${IMMEDIATE_WORKING_DAYS}个工作日检查）`;
    case 'periodic':
      return { month: '每月', quarter: '每季度', half_year: '每半年', year: '每年' }[r.period];
    case 'same_as_above':
      return '同上';
    case 'text':
      return '无法自动检查（按原文人工把握）';
  }
}

/** Resolves "同上" against the previous rows, so every row has a rule of its own. */
export function resolveSameAsAbove(rules: TimeRule[]): TimeRule[] {
  const out: TimeRule[] = [];
  for (const r of rules) out.push(r.kind === 'same_as_above' ? (out[out.length - 1] ?? { kind: 'text' }) : r);
  return out;
}
