/** The sections a unit's 政府信息公开 column shows: defaults by level, adjusted by the unit's own settings. */
import type { Queryable } from '../../lib/db.ts';
import { SECTIONS, type SectionDef } from './taxonomy.ts';

export interface UnitSection extends SectionDef {
  enabled: boolean;
  /** How often the column must have something new (supervision checks it); undefined: no rhythm set. */
  rhythm?: Rhythm;
}

export const RHYTHMS = { day: '日', week: '周', xun: '旬', month: '月', quarter: '季', year: '年' } as const;
export type Rhythm = keyof typeof RHYTHMS;
/** The longest gap a rhythm allows, in days. */
export const RHYTHM_DAYS: Record<Rhythm, number> = { day: 1, week: 7, xun: 10, month: 31, quarter: 92, year: 366 };

export async function sectionsForUnit(q: Queryable, unit: { id: number; level: 'city' | 'county' | 'township' }): Promise<UnitSection[]> {
  const overrides = new Map(
    (
      await q.query<{ code: string; enabled: boolean; label: string | null; rhythm: Rhythm | null }>('SELECT code, enabled, label, rhythm FROM unit_sections WHERE unit_id = $1', [
        unit.id,
      ])
    ).rows.map((r) => [r.code, r]),
  );
  return SECTIONS.map((s) => {
    const o = overrides.get(s.code);
    return { ...s, label: o?.label || s.label, enabled: o ? o.enabled : s.levels.includes(unit.level), rhythm: o?.rhythm ?? undefined };
  });
}
