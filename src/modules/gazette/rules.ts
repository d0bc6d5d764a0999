/**
 * The gazette's rules as pure functions: its sections (栏目), how an issue and a citation are named, the issue's
 * states, and what an issue needs before it is published.
 */
import { ConflictError, ValidationError } from '../../lib/errors.ts';

/** 栏目, in the order an issue prints them. */
export const SECTIONS = {
  order: '市政府令',
  city: '市政府文件',
  office: '市政府办公室文件',
  department: '部门文件',
  personnel: '人事任免',
  other: '其他',
} as const;
export type Section = keyof typeof SECTIONS;
export const SECTION_ORDER = Object.keys(SECTIONS) as Section[];

/** The section a document goes in by default: 规章 are 政府令; the city's own documents 市政府文件; the rest 部门文件. */
export const defaultSection = (c: { legal_form: 'rule' | 'normative'; unit_slug: string }, topSlug: string): Section =>
  c.legal_form === 'rule' ? 'order' : c.unit_slug === topSlug ? 'city' : 'department';

export type IssueState = 'draft' | 'published' | 'withdrawn';
export type IssueAction = 'edit' | 'publish' | 'withdraw';

/** The one state machine of an issue: compiled as a draft, published once with its PDF, withdrawn with a reason. */
export function nextState(state: IssueState, action: IssueAction): IssueState {
  if (state === 'draft' && action === 'edit') return 'draft';
  if (state === 'draft' && action === 'publish') return 'published';
  if (state === 'published' && action === 'withdraw') return 'withdrawn';
  const label = { draft: '正在编辑', published: '已出版', withdrawn: '已撤回' }[state];
  throw new ConflictError('GAZETTE_STATE', `这一期${label}，不能${{ edit: '修改', publish: '出版', withdraw: '撤回' }[action]}。`);
}

/** "2026年第3期（总第45期）", as the issue is named on the page, in the PDF and in citations. */
export const issueLabel = (i: { year: number; number: number; serial: number }) => `${i.year}年第${i.number}期（总第${i.serial}期）`;

/** "第5–8页", or "第5页" for one page. */
export const pagesLabel = (from: number | null, to: number | null) => (from === null ? '' : from === to || to === null ? `第${from}页` : `第${from}–${to}页`);

/** The relation shown on an item page: "刊载于《示范市人民政府公报》2026年第3期（总第45期）第5–8页". */
export function citationText(gazetteName: string, i: { year: number; number: number; serial: number; page_from: number | null; page_to: number | null }) {
  return `刊载于《${gazetteName}》${issueLabel(i)}${pagesLabel(i.page_from, i.page_to)}`;
}

export interface IssueInput {
  year: number;
  number: number;
  serial: number;
  publishDate: string;
}

/** An issue's numbers: the year of its date, a 期号 within the year and a 总号, each a positive whole number. */
export function checkIssue(i: IssueInput): void {
  const errors: Record<string, string> = {};
  if (!Number.isInteger(i.year) || i.year < 1949 || i.year > 2200) errors.year = '年份应为四位数字，如 2026';
  if (!Number.isInteger(i.number) || i.number < 1 || i.number > 999) errors.number = '期号应为 1 到 999 的整数';
  if (!Number.isInteger(i.serial) || i.serial < 1) errors.serial = '总号应为正整数';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(i.publishDate)) errors.publishDate = '请填写出版日期（格式：2026-03-02）';
  else if (!errors.year && Number(i.publishDate.slice(0, 4)) !== i.year) errors.publishDate = `出版日期应在 ${i.year} 年内`;
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** Entries are printed section by section in SECTION_ORDER, and in the office's order within a section. */
export function printOrder<E extends { section: Section; seq: number }>(entries: E[]): E[] {
  return [...entries].sort((a, b) => SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section) || a.seq - b.seq);
}
