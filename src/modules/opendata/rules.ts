/**
 * The rules of a dataset (ADR 0025) as pure functions: its metadata (the GB/T 21063.3 core fields with 开放属性,
 * licence, coverage and contact), its identifier, its states, the data dictionary read from a table's values, and
 * whether it is overdue for its update frequency.
 *
 *   draft ──submit──▶ review ──approve──▶ published (a new version with its change note)
 *                     review ──return──▶ draft          published ──edit──▶ draft (the published version stays public)
 *   published ──withdraw with a reason──▶ withdrawn
 */
import { ConflictError, ValidationError } from '../../lib/errors.ts';

export const OPENNESS = { open: '无条件开放', conditional: '有条件开放', closed: '不予开放' } as const;
export type Openness = keyof typeof OPENNESS;

/** Update frequencies with the days after which a dataset is overdue (null: no fixed rhythm). */
export const FREQUENCIES = {
  realtime: { label: '实时', days: 1 },
  daily: { label: '每日', days: 1 },
  weekly: { label: '每周', days: 7 },
  monthly: { label: '每月', days: 31 },
  quarterly: { label: '每季度', days: 92 },
  half_year: { label: '每半年', days: 183 },
  yearly: { label: '每年', days: 366 },
  irregular: { label: '不定期', days: null },
} as const;
export type Frequency = keyof typeof FREQUENCIES;

/** The licences offered (CKAN's license_list shape); the first is the platform's default. */
export const LICENCES = [
  { id: 'cc-by-4.0', title: '知识共享署名 4.0（CC BY 4.0）', url: 'https://creativecommons.org/licenses/by/4.0/', open: true },
  { id: 'cc-zero', title: '知识共享零（CC0 1.0）', url: 'https://creativecommons.org/publicdomain/zero/1.0/', open: true },
  { id: 'odc-by', title: '开放数据共享署名许可（ODC-By）', url: 'https://opendatacommons.org/licenses/by/', open: true },
  { id: 'gov-terms', title: '按本平台数据使用条款使用（注明来源）', url: '', open: false },
] as const;

export interface DatasetMetadata {
  title: string;
  summary: string;
  areaCode: string;
  topic: string;
  keywords: string[];
  frequency: Frequency;
  openness: Openness;
  /** The legal reason when not open without condition (有条件开放 / 不予开放). */
  opennessReason: string;
  licenceId: string;
  terms: string;
  temporalStart: string;
  temporalEnd: string;
  spatial: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  maintainer: string;
  /** The standard-catalogue items (标准目录事项) of the providing unit the dataset is filed under, as `area|item_key`. */
  catalogueKeys?: string[];
}

/** The metadata as a form sends it: every field a string (keywords separated by commas or lines), items a list. */
export type MetadataInput = { [K in Exclude<keyof DatasetMetadata, 'catalogueKeys'>]: string } & { catalogueKeys?: string[] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The CKAN name: what clients and harvesters key on, so it is fixed once published. */
export const NAME_PATTERN = /^[a-z0-9_-]{2,100}$/;

/** Checks a metadata form and gives the stored document; every problem named by its field. */
export function checkMetadata(input: MetadataInput, areaCodes: readonly string[]): DatasetMetadata {
  const errors: Record<string, string> = {};
  const t = (k: Exclude<keyof MetadataInput, 'catalogueKeys'>, max: number, label: string, required = false) => {
    const v = (input[k] ?? '').trim();
    if (required && !v) errors[k] = `请填写${label}`;
    else if (v.length > max) errors[k] = `${label}不超过${max}个字`;
    return v;
  };
  const title = t('title', 100, '数据集名称', true);
  const summary = t('summary', 2000, '摘要', true);
  const topic = t('topic', 50, '主题');
  const opennessReason = t('opennessReason', 500, '开放属性的理由');
  const terms = t('terms', 2000, '使用条件');
  const spatial = t('spatial', 100, '空间范围');
  const contactName = t('contactName', 50, '联系人', true);
  const contactPhone = t('contactPhone', 30, '联系电话');
  const contactEmail = t('contactEmail', 100, '联系邮箱');
  const maintainer = t('maintainer', 100, '元数据维护方', true);
  if (!areaCodes.includes(input.areaCode)) errors.areaCode = '请选择数据领域';
  if (!(input.frequency in FREQUENCIES)) errors.frequency = '请选择更新频率';
  if (!(input.openness in OPENNESS)) errors.openness = '请选择开放属性';
  else if (input.openness !== 'open' && !opennessReason) errors.opennessReason = '有条件开放或不予开放须写明理由和依据';
  if (!LICENCES.some((l) => l.id === input.licenceId)) errors.licenceId = '请选择许可协议';
  for (const k of ['temporalStart', 'temporalEnd'] as const) if (input[k] && !DATE.test(input[k])) errors[k] = '请填写有效日期';
  if (input.temporalStart && input.temporalEnd && input.temporalStart > input.temporalEnd) errors.temporalEnd = '结束日期不能早于开始日期';
  if (!contactPhone && !contactEmail) errors.contactPhone = '请至少填写联系电话或联系邮箱';
  if (contactEmail && !/^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/.test(contactEmail)) errors.contactEmail = '邮箱地址格式不对';
  const keywords = [
    ...new Set(
      input.keywords
        .split(/[,，、;；\n]/)
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
  if (keywords.length > 20 || keywords.some((k) => k.length > 30)) errors.keywords = '关键词最多20个，每个不超过30个字';
  const catalogueKeys = [...new Set((input.catalogueKeys ?? []).map((k) => k.trim()).filter(Boolean))];
  if (catalogueKeys.length > 20) errors.catalogueKeys = '最多归入20个标准目录事项';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return {
    title,
    summary,
    areaCode: input.areaCode,
    topic,
    keywords,
    frequency: input.frequency as Frequency,
    openness: input.openness as Openness,
    opennessReason: input.openness === 'open' ? '' : opennessReason,
    licenceId: input.licenceId,
    terms,
    temporalStart: input.temporalStart,
    temporalEnd: input.temporalEnd,
    spatial,
    contactName,
    contactPhone,
    contactEmail,
    maintainer,
    catalogueKeys,
  };
}

export function checkName(name: string): string {
  const n = name.trim();
  if (!NAME_PATTERN.test(n)) throw new ValidationError({ name: '标识符为2至100位小写字母、数字、连字符或下划线，发布后不能更改' });
  return n;
}

export type DatasetState = 'draft' | 'review' | 'published' | 'withdrawn';
export const STATE_LABELS: Record<DatasetState, string> = { draft: '编辑中', review: '待审核', published: '已发布', withdrawn: '已撤回' };

const TRANSITIONS: Record<string, { from: DatasetState[]; to: DatasetState }> = {
  submit: { from: ['draft'], to: 'review' },
  approve: { from: ['review'], to: 'published' },
  return: { from: ['review'], to: 'draft' },
  withdraw: { from: ['published', 'draft', 'review'], to: 'withdrawn' },
};
export type Transition = keyof typeof TRANSITIONS;

export function nextState(state: DatasetState, t: Transition): DatasetState {
  const def = TRANSITIONS[t];
  if (!def.from.includes(state)) throw new ConflictError('DATASET_INVALID_TRANSITION', `数据集${STATE_LABELS[state]}，不能执行这一操作。`);
  return def.to;
}

/** A column of a table as the data dictionary describes it; types as CKAN's datastore names them. */
export interface FieldInfo {
  id: string;
  type: 'text' | 'int' | 'numeric' | 'date';
  unit: string;
  description: string;
}

/** Column ids from a header: trimmed, never empty, never starting with "_" (CKAN reserves it), unique. */
export function columnIds(header: string[]): string[] {
  const seen = new Set<string>();
  return header.map((h, i) => {
    let id = h.trim().replace(/^_+/, '').slice(0, 63) || `列${i + 1}`;
    while (seen.has(id)) id = `${id}_${i + 1}`;
    seen.add(id);
    return id;
  });
}

/** Tracks, column by column, the narrowest type every non-empty value fits. */
export class TypeGuesser {
  private readonly kinds: ('int' | 'numeric' | 'date' | 'text' | null)[];
  constructor(width: number) {
    this.kinds = Array.from({ length: width }, () => null);
  }
  see(row: string[]) {
    for (let i = 0; i < this.kinds.length; i++) {
      const v = (row[i] ?? '').trim();
      if (!v || this.kinds[i] === 'text') continue;
      const k = /^-?\d{1,15}$/.test(v) ? 'int' : /^-?\d+(\.\d+)?$/.test(v) ? 'numeric' : DATE.test(v) ? 'date' : 'text';
      const was = this.kinds[i];
      this.kinds[i] = !was || was === k ? k : (was === 'int' && k === 'numeric') || (was === 'numeric' && k === 'int') ? 'numeric' : 'text';
    }
  }
  types(): FieldInfo['type'][] {
    return this.kinds.map((k) => k ?? 'text');
  }
}

/** The dictionary's descriptions as written on the form, one line per column: "列名|单位|说明". */
export function describeFields(ids: string[], types: FieldInfo['type'][], lines: string): FieldInfo[] {
  const notes = new Map<string, { unit: string; description: string }>();
  for (const line of lines.split('\n')) {
    const [id, unit = '', ...rest] = line.split(/[|｜]/).map((s) => s.trim());
    if (id) notes.set(id, { unit: unit.slice(0, 20), description: rest.join('|').slice(0, 200) });
  }
  const unknown = [...notes.keys()].filter((k) => !ids.includes(k));
  if (unknown.length) throw new ValidationError({ dictionary: `数据项说明中的“${unknown[0]}”不是表格的列名` });
  return ids.map((id, i) => ({ id, type: types[i], unit: notes.get(id)?.unit ?? '', description: notes.get(id)?.description ?? '' }));
}

/** Whether a published dataset is overdue for its update frequency on `today` (dates as YYYY-MM-DD). */
export function isOverdue(frequency: Frequency, lastUpdated: string, today: string): boolean {
  const days = FREQUENCIES[frequency].days;
  if (days === null) return false;
  const elapsed = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${lastUpdated}T00:00:00Z`)) / 86_400_000;
  return elapsed > days;
}
