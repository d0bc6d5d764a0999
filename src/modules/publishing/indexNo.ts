/**
 * 索引号: generated per unit and year, unique, never reused. Default pattern `{code}/{year}-{serial}` with a
 * 5-digit serial (e.g. 00548694/2020-00018), as gov.cn and most local platforms use (regulations.md §5.5). No national
 * standard fixes it ([U]), so the pattern is configurable.
 */
import type { Queryable } from '../../lib/db.ts';

export const DEFAULT_INDEX_PATTERN = '{code}/{year}-{serial5}';

export function formatIndexNo(pattern: string, code: string, year: number, serial: number, month = 1): string {
  return pattern
    .replace('{code}', code)
    .replace('{year}', String(year))
    .replace('{month}', String(month).padStart(2, '0'))
    .replace('{serial5}', String(serial).padStart(5, '0'))
    .replace('{serial6}', String(serial).padStart(6, '0'));
}

/**
 * Takes the next serial for a unit and year. One atomic upsert: concurrent publications (several app nodes) each get
 * a different number because the row lock serialises them; a rolled-back transaction gives its number back, and a
 * committed one is never handed out again.
 */
export async function nextIndexNo(tx: Queryable, unit: { id: number; code: string }, year: number, pattern = DEFAULT_INDEX_PATTERN, month = 1): Promise<string> {
  const r = await tx.query<{ last_serial: number }>(
    `INSERT INTO index_no_counters (unit_id, year, last_serial) VALUES ($1, $2, 1)
     ON CONFLICT (unit_id, year) DO UPDATE SET last_serial = index_no_counters.last_serial + 1
     RETURNING last_serial`,
    [unit.id, year],
  );
  return formatIndexNo(pattern, unit.code, year, r.rows[0].last_serial, month);
}
