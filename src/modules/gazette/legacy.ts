/**
 * The paper archive: a metadata sheet (one row per document: 年份, 期号, 总号, 出版日期, 栏目, 标题, 文号, 发文机关,
 * 起始页, 结束页) and one PDF per issue named 年份-期号.pdf. The sheet is read into issues here, every bad row
 * reported with its row number; nothing is imported unless all of it is good.
 */
import { SECTIONS, type Section } from './rules.ts';

export const LEGACY_COLUMNS = ['年份', '期号', '总号', '出版日期', '栏目', '标题', '文号', '发文机关', '起始页', '结束页'] as const;

export interface LegacyEntry {
  section: Section;
  title: string;
  docNo: string;
  issuer: string;
  pageFrom: number;
  pageTo: number;
}

export interface LegacyIssue {
  year: number;
  number: number;
  serial: number;
  publishDate: string;
  entries: LegacyEntry[];
  /** The sheet row of the issue's first document (for messages). */
  row: number;
}

const SECTION_BY_NAME = new Map(Object.entries(SECTIONS).map(([k, v]) => [v, k as Section]));
const whole = (s: string) => (/^\d{1,5}$/.test(s) ? Number(s) : NaN);

/** The PDF an issue's file must be named: "2019-7.pdf". */
export const legacyPdfName = (i: { year: number; number: number }) => `${i.year}-${i.number}.pdf`;

export function parseLegacySheet(rows: { n: number; cells: string[] }[]): { issues: LegacyIssue[]; errors: string[] } {
  const errors: string[] = [];
  const [head, ...body] = rows;
  const header = (head?.cells ?? []).map((c) => c.trim());
  const missing = LEGACY_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) return { issues: [], errors: [`第一行应为列名，缺少：${missing.join('、')}`] };
  const col = (cells: string[], name: (typeof LEGACY_COLUMNS)[number]) => (cells[header.indexOf(name)] ?? '').trim();
  const issues = new Map<string, LegacyIssue>();
  for (const { n, cells } of body) {
    if (cells.every((c) => !c.trim())) continue;
    const problems: string[] = [];
    const year = whole(col(cells, '年份'));
    const number = whole(col(cells, '期号'));
    const serial = whole(col(cells, '总号'));
    const publishDate = col(cells, '出版日期').replace(/\//g, '-');
    const sectionName = col(cells, '栏目');
    const section = SECTION_BY_NAME.get(sectionName as (typeof SECTIONS)[Section]);
    const title = col(cells, '标题');
    const from = whole(col(cells, '起始页'));
    const to = whole(col(cells, '结束页') || col(cells, '起始页'));
    if (!(year >= 1949 && year <= 2200)) problems.push('年份应为四位数字');
    if (!(number >= 1 && number <= 999)) problems.push('期号应为 1 到 999 的整数');
    if (!(serial >= 1)) problems.push('总号应为正整数');
    if (!/^\d{4}-\d{1,2}-\d{1,2}$/.test(publishDate)) problems.push('出版日期应为 2019-07-15 这样的日期');
    else if (year && Number(publishDate.slice(0, 4)) !== year) problems.push(`出版日期应在 ${year} 年内`);
    if (!section) problems.push(`栏目“${sectionName}”不是 ${Object.values(SECTIONS).join('、')} 之一`);
    if (!title) problems.push('标题不能为空');
    if (title.length > 300) problems.push('标题过长');
    if (!(from >= 1) || !(to >= from)) problems.push('起始页、结束页应为页码，结束页不小于起始页');
    if (problems.length) {
      errors.push(`第 ${n} 行：${problems.join('；')}`);
      continue;
    }
    const key = `${year}-${number}`;
    const date = publishDate.replace(/-(\d)(?=-|$)/g, '-0$1');
    let issue = issues.get(key);
    if (!issue) issues.set(key, (issue = { year, number, serial, publishDate: date, entries: [], row: n }));
    else if (issue.serial !== serial || issue.publishDate !== date) {
      errors.push(`第 ${n} 行：${year}年第${number}期的总号或出版日期与第 ${issue.row} 行不同`);
      continue;
    }
    issue.entries.push({ section: section!, title, docNo: col(cells, '文号'), issuer: col(cells, '发文机关'), pageFrom: from, pageTo: to });
  }
  const serials = new Map<number, string>();
  for (const i of issues.values()) {
    const other = serials.get(i.serial);
    if (other) errors.push(`总第${i.serial}期同时给了 ${other} 和 ${i.year}年第${i.number}期`);
    serials.set(i.serial, `${i.year}年第${i.number}期`);
  }
  if (!body.length) errors.push('表格中没有文件');
  return { issues: [...issues.values()].sort((a, b) => a.serial - b.serial), errors };
}
