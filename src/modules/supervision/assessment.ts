/**
 * Assessment (绩效考核): each unit's score out of 100, from its indicators (100 points less a deduction per finding,
 * never below 0) and the scores entered for 社会评议 and 第三方评估, weighted as the office configures.
 */
import type { Indicator } from './indicators.ts';

export interface AssessmentConfig {
  key: string;
  name: string;
  weight: number;
  deduction: number;
  manual: boolean;
}

export interface ScoreRow {
  key: string;
  name: string;
  weight: number;
  /** Out of 100; null for a manual indicator not yet entered. */
  score: number | null;
  findings?: number;
}

export function scoreUnit(indicators: Indicator[], config: AssessmentConfig[], manual: Map<string, number>): { rows: ScoreRow[]; total: number; complete: boolean } {
  const rows: ScoreRow[] = config.map((c) => {
    if (c.manual) return { key: c.key, name: c.name, weight: c.weight, score: manual.has(c.key) ? manual.get(c.key)! : null };
    const found = indicators.find((i) => i.key === c.key)?.findings.length ?? 0;
    return { key: c.key, name: c.name, weight: c.weight, score: Math.max(0, 100 - found * c.deduction), findings: found };
  });
  const weights = rows.reduce((s, r) => s + r.weight, 0);
  // Scores not yet entered count as 0 until they are: the total says so through `complete`.
  const total = weights ? rows.reduce((s, r) => s + r.weight * (r.score ?? 0), 0) / weights : 0;
  return { rows, total: Math.round(total * 10) / 10, complete: rows.every((r) => r.score !== null) };
}
