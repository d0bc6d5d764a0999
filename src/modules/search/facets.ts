/** The fields search results are narrowed and counted by (分面), their names and how a value is shown. */
import { SECTION_BY_CODE, VALIDITY } from '../publishing/index.ts';

export const FACET_KEYS = ['unit', 'section', 'topic', 'genre', 'year', 'validity'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

export const FACET_NAMES: Record<FacetKey, string> = {
  unit: '发布机构',
  section: '栏目',
  topic: '主题分类',
  genre: '文种',
  year: '发布年份',
  validity: '效力状态',
};

export interface FacetCount {
  value: string;
  count: number;
}

interface FacetFields {
  unitSlug: string;
  section: string;
  topic: string;
  genre: string;
  publishDate: string;
  validity: string;
}

/** A document's value for a facet: topics count by their first level (主题分类 一级). */
export function facetValue(d: FacetFields, key: FacetKey): string {
  switch (key) {
    case 'unit':
      return d.unitSlug;
    case 'section':
      return d.section;
    case 'topic':
      return d.topic.split('\\')[0];
    case 'genre':
      return d.genre;
    case 'year':
      return d.publishDate.slice(0, 4);
    case 'validity':
      return d.validity;
  }
}

export function facetLabel(key: FacetKey, value: string, unitNames: Map<string, string>): string {
  if (key === 'unit') return unitNames.get(value) ?? value;
  if (key === 'section') return SECTION_BY_CODE.get(value)?.label ?? value;
  if (key === 'validity') return VALIDITY[value as keyof typeof VALIDITY] ?? value;
  if (key === 'year') return `${value}年`;
  return value;
}

/** Reads facet filters from a query string, keeping only known keys and short values. */
export function readFilters(query: Record<string, unknown>): Partial<Record<FacetKey, string>> {
  const out: Partial<Record<FacetKey, string>> = {};
  for (const k of FACET_KEYS) {
    const v = query[k === 'unit' ? 'by' : k];
    if (typeof v === 'string' && v.trim() && v.length <= 64) out[k] = v.trim();
  }
  return out;
}
