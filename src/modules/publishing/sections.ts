/** The sections a unit's 政府信息公开 column shows: defaults by level, adjusted by the unit's own settings. */
import type { Queryable } from '../../lib/db.ts';
import { SECTIONS, type SectionDef } from './taxonomy.ts';

export interface UnitSection extends SectionDef {
  enabled: boolean;
}

export async function sectionsForUnit(q: Queryable, unit: { id: number; level: 'city' | 'county' | 'township' }): Promise<UnitSection[]> {
  const overrides = new Map(
    (await q.query<{ code: string; enabled: boolean; label: string | null }>('SELECT code, enabled, label FROM unit_sections WHERE unit_id = $1', [unit.id])).rows.map((r) => [r.code, r]),
  );
  return SECTIONS.map((s) => {
    const o = overrides.get(s.code);
    return { ...s, label: o?.label || s.label, enabled: o ? o.enabled : s.levels.includes(unit.level) };
  });
}
