/**
 * Tables 三 and 四 of the annual report (国办公开办函〔2021〕30号, regulations.md §2.4–2.5), computed from the request
 * cases and their review/litigation records, every cell with the cases it counts. Pure: the records are passed in.
 */
import { OUTCOME_BY_CODE } from '../requests/index.ts';

export const APPLICANT_COLUMNS = ['natural', 'commercial', 'research', 'public_interest', 'legal_services', 'other', 'total'] as const;
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];
export const APPLICANT_COLUMN_LABELS: Record<ApplicantColumn, string> = {
  natural: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_services: '法律服务机构',
  other: '其他',
  total: '总计',
};

/** The rows of table 三 in order, with their exact labels. */
export const TABLE3_ROWS: { key: string; label: string; group?: string }[] = [
  { key: 'new', label: '一、本年新收政府信息公开申请数量' },
  { key: 'carried_in', label: '二、上年结转政府信息公开申请数量' },
  { key: '（一）', label: '（一）予以公开', group: '三、本年度办理结果' },
  { key: '（二）', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', group: '三、本年度办理结果' },
  ...[
    '1.属于国家秘密',
    '2.其他法律行政法规禁止公开',
    '3.危及“三安全一稳定”',
    '4.保护第三方合法权益',
    '5.属于三类内部事务信息',
    '6.属于四类过程性信息',
    '7.属于行政执法案卷',
    '8.属于行政查询事项',
  ].map((l, i) => ({ key: `（三）${i + 1}`, label: l, group: '（三）不予公开' })),
  ...['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确'].map((l, i) => ({ key: `（四）${i + 1}`, label: l, group: '（四）无法提供' })),
  ...['1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息'].map((l, i) => ({
    key: `（五）${i + 1}`,
    label: l,
    group: '（五）不予处理',
  })),
  ...['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他'].map((l, i) => ({
    key: `（六）${i + 1}`,
    label: l,
    group: '（六）其他处理',
  })),
  { key: '（七）', label: '（七）总计', group: '三、本年度办理结果' },
  { key: 'carried_out', label: '四、结转下年度继续办理' },
];

export interface CaseForReport {
  id: number;
  applicantType: 'natural' | 'legal';
  applicantSubtype: string | null;
  receivedOn: string | null;
  repliedOn: string | null;
  outcome: string | null;
}

export interface Cell {
  value: number;
  /** The records the number counts (case or review ids). */
  ids: number[];
}

export type Table3 = Record<string, Record<ApplicantColumn, Cell>>;

const emptyRow = (): Record<ApplicantColumn, Cell> => Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c, { value: 0, ids: [] }])) as unknown as Record<ApplicantColumn, Cell>;

function column(c: CaseForReport): Exclude<ApplicantColumn, 'total'> {
  if (c.applicantType === 'natural') return 'natural';
  const s = c.applicantSubtype as ApplicantColumn | null;
  return s && s !== 'total' && s !== 'natural' ? (s as Exclude<ApplicantColumn, 'total'>) : 'other';
}

/**
 * A case belongs to the year when it was received by 31 December and not answered before 1 January. Received in the
 * year: 一; received earlier: 二. Answered in the year: its outcome's row; still open at the year's end: 四. So
 * 一 + 二 = （七） + 四 holds by construction for records the platform holds.
 */
export function computeTable3(cases: CaseForReport[], year: number): Table3 {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const t: Table3 = Object.fromEntries(TABLE3_ROWS.map((r) => [r.key, emptyRow()]));
  const add = (row: string, c: CaseForReport) => {
    for (const col of [column(c), 'total'] as const) {
      t[row][col].value++;
      t[row][col].ids.push(c.id);
    }
  };
  for (const c of cases) {
    if (!c.receivedOn || c.receivedOn > end) continue;
    if (c.repliedOn && c.repliedOn < start) continue;
    add(c.receivedOn >= start ? 'new' : 'carried_in', c);
    if (c.repliedOn && c.repliedOn <= end && c.outcome) {
      const row = OUTCOME_BY_CODE.get(c.outcome)?.row ?? '（六）3';
      add(row, c);
      add('（七）', c);
    } else add('carried_out', c);
  }
  return t;
}

export interface CheckResult {
  rule: string;
  ok: boolean;
  detail: string;
}

/** The cross-checks of the format: per column 一 + 二 = （七） + 四; （七） is the sum of its rows; rows add up to 总计. */
export function checkTable3(t: Table3, lastYearCarriedOut?: Record<ApplicantColumn, number>): CheckResult[] {
  const out: CheckResult[] = [];
  const outcomeRows = TABLE3_ROWS.filter((r) => r.group && r.key !== '（七）').map((r) => r.key);
  for (const col of APPLICANT_COLUMNS) {
    const left = t.new[col].value + t.carried_in[col].value;
    const right = t['（七）'][col].value + t.carried_out[col].value;
    out.push({
      rule: `${APPLICANT_COLUMN_LABELS[col]}：一 + 二 = 三（七）总计 + 四`,
      ok: left === right,
      detail: `${t.new[col].value} + ${t.carried_in[col].value} = ${left}；${t['（七）'][col].value} + ${t.carried_out[col].value} = ${right}`,
    });
    const sum = outcomeRows.reduce((s, r) => s + t[r][col].value, 0);
    out.push({ rule: `${APPLICANT_COLUMN_LABELS[col]}：（七）总计 = （一）至（六）各项之和`, ok: sum === t['（七）'][col].value, detail: `${sum} / ${t['（七）'][col].value}` });
    if (lastYearCarriedOut)
      out.push({
        rule: `${APPLICANT_COLUMN_LABELS[col]}：上年结转 = 上一年度报告的结转下年度`,
        ok: lastYearCarriedOut[col] === t.carried_in[col].value,
        detail: `${t.carried_in[col].value} / ${lastYearCarriedOut[col]}`,
      });
  }
  for (const r of TABLE3_ROWS) {
    const parts = APPLICANT_COLUMNS.filter((c) => c !== 'total').reduce((s, c) => s + t[r.key][c].value, 0);
    if (parts !== t[r.key].total.value) out.push({ rule: `${r.label}：各类申请人之和 = 总计`, ok: false, detail: `${parts} / ${t[r.key].total.value}` });
  }
  return out;
}

export const REVIEW_BLOCKS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
export const RESULT_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type Table4 = Record<(typeof REVIEW_BLOCKS)[number], Record<(typeof RESULT_COLUMNS)[number], Cell>>;

export interface ReviewForReport {
  id: number;
  kind: (typeof REVIEW_BLOCKS)[number];
  filedOn: string;
  result: 'upheld' | 'corrected' | 'other' | 'pending';
  decidedOn: string | null;
}

/** Table 四: challenges filed in the year, by their result as of 31 December (decided later = 尚未审结). */
export function computeTable4(reviews: ReviewForReport[], year: number): Table4 {
  const t = Object.fromEntries(REVIEW_BLOCKS.map((b) => [b, Object.fromEntries(RESULT_COLUMNS.map((c) => [c, { value: 0, ids: [] as number[] }]))])) as Table4;
  for (const r of reviews) {
    if (r.filedOn.slice(0, 4) !== String(year)) continue;
    const result = r.result !== 'pending' && r.decidedOn && r.decidedOn <= `${year}-12-31` ? r.result : 'pending';
    for (const col of [result, 'total'] as const) {
      t[r.kind][col].value++;
      t[r.kind][col].ids.push(r.id);
    }
  }
  return t;
}
