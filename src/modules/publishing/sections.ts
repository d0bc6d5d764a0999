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

/**
 * The Art. 21 sections a government department shows by default, by the words of its name: the government itself
 * shows them all, a department only those of its own field (a 民政局 lists 社会救助, not 土地征收). The office can
 * switch any section on or off for any unit; this is only the starting point.
 */
const DEPARTMENT_FIELDS: Record<string, RegExp> = {
  a21_municipal: /住房|住建|城乡建设|城市管理|城管|市政/,
  a21_public_services: /政务服务|行政审批|数据/,
  a21_public_welfare: /民政|文化|体育|卫生|教育|残联/,
  a21_public_security: /公安/,
  a21_land_expropriation: /自然资源|国土|规划/,
  a21_house_expropriation: /住房|住建|房屋征收|房管/,
  a21_social_assistance: /民政|人力资源|社会保障|医保|医疗保障|应急/,
};

/** Whether a section is on for a unit that has not set it. */
export function sectionDefault(s: SectionDef, unit: { level: 'city' | 'county' | 'township'; kind?: string; name?: string }): boolean {
  if (!s.levels.includes(unit.level)) return false;
  if (unit.kind === 'department' && s.code.startsWith('a21_')) return DEPARTMENT_FIELDS[s.code]?.test(unit.name ?? '') ?? false;
  return true;
}

export async function sectionsForUnit(q: Queryable, unit: { id: number; level: 'city' | 'county' | 'township'; kind?: string; name?: string }): Promise<UnitSection[]> {
  const overrides = new Map(
    (
      await q.query<{ code: string; enabled: boolean; label: string | null; rhythm: Rhythm | null }>('SELECT code, enabled, label, rhythm FROM unit_sections WHERE unit_id = $1', [
        unit.id,
      ])
    ).rows.map((r) => [r.code, r]),
  );
  return SECTIONS.map((s) => {
    const o = overrides.get(s.code);
    return { ...s, label: o?.label || s.label, enabled: o ? o.enabled : sectionDefault(s, unit), rhythm: o?.rhythm ?? undefined };
  });
}
