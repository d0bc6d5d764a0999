/** The report as files laid out like the official format: DOCX (the whole report) and XLSX (a sheet per table). */
import ExcelJS from 'exceljs';
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Block } from './layout.ts';

export async function reportDocx(title: string, blocks: Block[]): Promise<Buffer> {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [new TextRun({ text: title, bold: true, size: 36 })] }),
  ];
  for (const b of blocks) {
    if (b.kind === 'heading') children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240 }, children: [new TextRun({ text: b.text, bold: true })] }));
    else if (b.kind === 'para') children.push(new Paragraph({ indent: { firstLine: 480 }, children: [new TextRun(b.text)] }));
    else {
      const width = Math.max(...b.rows.map((r) => r.length));
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.rows.map(
            (r, i) =>
              new TableRow({
                children: [
                  ...r.map(
                    (c) =>
                      new TableCell({
                        borders: { top: border, bottom: border, left: border, right: border },
                        children: [new Paragraph({ children: [new TextRun({ text: c, bold: i < b.headerRows, size: 18 })] })],
                      }),
                  ),
                  // Short rows (a 第二十条 heading) span the table.
                  ...(r.length < width
                    ? [new TableCell({ columnSpan: width - r.length, borders: { top: border, bottom: border, left: border, right: border }, children: [new Paragraph('')] })]
                    : []),
                ],
              }),
          ),
        }),
      );
    }
  }
  return Packer.toBuffer(new Document({ creator: 'gongkai', title, sections: [{ children }] }));
}

export async function reportXlsx(title: string, blocks: Block[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  const sheets = ['表二 主动公开', '表三 依申请', '表四 复议诉讼'];
  blocks
    .filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table')
    .forEach((b, i) => {
      const ws = wb.addWorksheet(sheets[i] ?? `表${i + 2}`);
      ws.addRow([title]).font = { bold: true };
      ws.addRow([b.caption]).font = { bold: true };
      for (const [n, r] of b.rows.entries()) {
        const row = ws.addRow(r.map((c) => (/^\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
        if (n < b.headerRows || r.length === 1) row.font = { bold: true };
      }
      ws.getColumn(1).width = 46;
      for (let c = 2; c <= 16; c++) ws.getColumn(c).width = 12;
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
