/**
 * The Excel form of the 12345 exchange (docs/exports/12345-exchange.md): one work order per row under a header row,
 * the same fields as the JSON. Read with exceljs's streaming reader, row by row, up to a limit; the blank workbook is
 * the template offered for download.
 */
import ExcelJS from 'exceljs';
import { readFirstSheet } from '../../lib/untrusted/sheet.ts';
import type { WorkOrder } from './commands/workOrders.ts';
import { MESSAGE_TYPES } from './rules.ts';

export const COLUMNS = ['工单号', '收到日期', '单位', '类型', '领域', '区域', '标题', '内容', '姓名', '联系方式', '同意公开'] as const;
const TYPE_BY_LABEL = new Map<string, string>(Object.entries(MESSAGE_TYPES).map(([k, v]): [string, string] => [v, k]));

export interface SheetProblem {
  row: number;
  message: string;
}

export async function readWorkOrdersXlsx(buffer: Buffer, opts: { maxRows?: number } = {}): Promise<{ orders: (WorkOrder & { row: number })[]; problems: SheetProblem[] }> {
  const maxRows = opts.maxRows ?? 5000;
  const sheet = await readFirstSheet(buffer, { width: COLUMNS.length, limit: maxRows + 1 });
  if (!sheet) return { orders: [], problems: [{ row: 0, message: '不是有效的 Excel（.xlsx）文件' }] };
  if (sheet.tooMany) return { orders: [], problems: [{ row: 0, message: `超过 ${maxRows} 行，请分批导入` }] };
  const rows = sheet.rows;
  const head = rows.findIndex((r) => r.cells[0].replace(/\s/g, '') === '工单号');
  if (head < 0) return { orders: [], problems: [{ row: 0, message: '找不到表头：第一列应为“工单号”，格式见模板' }] };
  const orders: (WorkOrder & { row: number })[] = [];
  const problems: SheetProblem[] = [];
  for (const { n, cells } of rows.slice(head + 1)) {
    if (cells.every((c) => !c)) continue;
    const [workOrderNo, receivedOn, unit, typeLabel, category, area, title, body, writerName, contact, consent] = cells;
    const type = TYPE_BY_LABEL.get(typeLabel) ?? typeLabel;
    if (!workOrderNo) problems.push({ row: n, message: '缺少工单号' });
    else if (!(type in MESSAGE_TYPES)) problems.push({ row: n, message: `类型“${typeLabel}”不对，应为咨询、建议、投诉、求助或感谢` });
    else
      orders.push({
        row: n,
        workOrderNo,
        receivedOn: receivedOn || undefined,
        unit: unit || undefined,
        type,
        category,
        area,
        title,
        body,
        writerName,
        contact,
        consentPublish: consent === '是',
      });
  }
  if (!orders.length && !problems.length) problems.push({ row: 0, message: '表中没有工单' });
  return { orders, problems };
}

export async function workOrderTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('12345工单');
  ws.addRow([...COLUMNS]);
  ws.addRow([
    'GD20260302000123',
    '2026-03-02',
    'jyj',
    '求助',
    '教育文体',
    '城东区',
    '孩子入学需要哪些材料',
    '外地户籍孩子今年秋季入学，需要准备哪些材料？',
    '',
    '13900000000',
    '否',
  ]);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = i === 7 ? 60 : 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
