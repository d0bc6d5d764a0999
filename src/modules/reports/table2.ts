/**
 * Table 二 (主动公开政府信息情况, 2021 format). The platform does not know which published documents are 规章 or
 * 行政规范性文件, nor the counts of licensing, penalty and enforcement decisions or fee income: staff enter them and
 * the report marks them as entered. The 法规文件 column's own counts are offered as a starting point.
 */
export const TABLE2_FIELDS = [
  { key: 'rules_issued', group: '第二十条第（一）项', row: '规章', col: '本年制发件数' },
  { key: 'rules_repealed', group: '第二十条第（一）项', row: '规章', col: '本年废止件数' },
  { key: 'rules_in_force', group: '第二十条第（一）项', row: '规章', col: '现行有效件数' },
  { key: 'normative_issued', group: '第二十条第（一）项', row: '行政规范性文件', col: '本年制发件数' },
  { key: 'normative_repealed', group: '第二十条第（一）项', row: '行政规范性文件', col: '本年废止件数' },
  { key: 'normative_in_force', group: '第二十条第（一）项', row: '行政规范性文件', col: '现行有效件数' },
  { key: 'licensing', group: '第二十条第（五）项', row: '行政许可', col: '本年处理决定数量' },
  { key: 'penalty', group: '第二十条第（六）项', row: '行政处罚', col: '本年处理决定数量' },
  { key: 'enforcement', group: '第二十条第（六）项', row: '行政强制', col: '本年处理决定数量' },
  { key: 'fees', group: '第二十条第（八）项', row: '行政事业性收费', col: '本年收费金额（单位：万元）' },
] as const;

export type Table2Key = (typeof TABLE2_FIELDS)[number]['key'];
/** A figure, or 无 written by the person who compiled the report (nothing of that kind this year). */
export const NONE = '无';
export type Table2 = Partial<Record<Table2Key, number | typeof NONE>>;

/** Reads the entered figures: counts are whole numbers ≥ 0, the fee amount has up to four decimals (万元). */
export function readTable2(body: Record<string, unknown>): { values: Table2; errors: Record<string, string> } {
  const values: Table2 = {};
  const errors: Record<string, string> = {};
  for (const f of TABLE2_FIELDS) {
    const raw = typeof body[f.key] === 'string' ? (body[f.key] as string).trim() : body[f.key] === undefined ? '' : String(body[f.key]);
    if (raw === '') continue;
    if (raw === NONE) {
      values[f.key] = NONE;
      continue;
    }
    const ok = f.key === 'fees' ? /^\d{1,9}(\.\d{1,4})?$/.test(raw) : /^\d{1,9}$/.test(raw);
    if (!ok) errors[f.key] = f.key === 'fees' ? `${f.row}：请填写金额（万元，最多四位小数）或“无”` : `${f.row}${f.col}：请填写不小于0的整数或“无”`;
    else values[f.key] = Number(raw);
  }
  return { values, errors };
}

/** The figures of table 二 still blank: a report is not submitted until each is a number or 无. */
export function blankTable2(entered: Table2): string[] {
  return TABLE2_FIELDS.filter((f) => entered[f.key] === undefined).map((f) => `${f.row}${f.col}`);
}
