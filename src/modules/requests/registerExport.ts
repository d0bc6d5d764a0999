/** The case register (依申请公开登记簿) as CSV and as an XLSX workbook with the same columns. */
import { csvDocument } from '../../lib/csv.ts';
import ExcelJS from 'exceljs';
import type { CaseListRow } from './queries.ts';
import { CHANNELS } from './forms.ts';
import { CASE_STATE_LABELS, type CaseState } from './states.ts';
import { OUTCOME_BY_CODE } from './outcomes.ts';

export const REGISTER_COLUMNS = ['申请编号', '申请人', '受理机关', '渠道', '收到申请之日', '答复期限', '状态', '处理结果', '表三行', '答复日期', '承办人'];

export function registerRow(r: CaseListRow): (string | null)[] {
  const o = r.outcome ? OUTCOME_BY_CODE.get(r.outcome) : undefined;
  return [
    r.case_no,
    r.applicant_name,
    r.unit_name,
    CHANNELS[r.channel as keyof typeof CHANNELS],
    r.received_on,
    r.due_on,
    CASE_STATE_LABELS[r.state as CaseState],
    o?.label ?? null,
    o?.row ?? null,
    r.replied_on,
    r.officer_name,
  ];
}

export function registerCsv(rows: CaseListRow[]): string {
  return csvDocument([REGISTER_COLUMNS, ...rows.map(registerRow)]);
}

export async function registerXlsx(rows: CaseListRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  const ws = wb.addWorksheet('登记簿', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, REGISTER_COLUMNS.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow(REGISTER_COLUMNS).font = { bold: true };
  for (const r of rows) ws.addRow(registerRow(r));
  REGISTER_COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = Math.max(10, c.length * 2 + 4)));
  ws.getColumn(8).width = 36;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
