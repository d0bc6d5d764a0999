/**
 * The report laid out as the format lays it out: the six sections in order, the three tables with their exact
 * labels. One layout (a list of blocks) feeds the HTML published on the portal, the DOCX and the XLSX.
 */
import { escapeHtml } from '../../lib/html.ts';
import type { BuiltReport } from './build.ts';
import { APPLICANT_COLUMNS, APPLICANT_COLUMN_LABELS, RESULT_COLUMNS, REVIEW_BLOCKS, TABLE3_ROWS } from './tables.ts';
import { TABLE2_FIELDS } from './table2.ts';

export type Block = { kind: 'heading'; text: string } | { kind: 'para'; text: string } | { kind: 'table'; caption: string; rows: string[][]; headerRows: number };

const RESULT_LABELS = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' } as const;

export function reportBlocks(b: BuiltReport, narrative: { overall?: string; problems?: string; other?: string }): Block[] {
  const paras = (t: string | undefined) =>
    (t ?? '')
      .split(/\n+/)
      .filter((x) => x.trim())
      .map((text) => ({ kind: 'para', text }) as Block);
  const n = (v: number | string | undefined) => (v === undefined ? '' : String(v));
  const t2 = b.table2;
  const table2: string[][] = [];
  for (const group of ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']) {
    const fields = TABLE2_FIELDS.filter((f) => f.group === group);
    table2.push([group]);
    const cols = [...new Set(fields.map((f) => f.col))];
    table2.push(['信息内容', ...cols]);
    for (const row of [...new Set(fields.map((f) => f.row))]) table2.push([row, ...cols.map((c) => n(t2[fields.find((f) => f.row === row && f.col === c)!.key]))]);
  }
  const table3: string[][] = [['申请人情况', ...APPLICANT_COLUMNS.map((c) => APPLICANT_COLUMN_LABELS[c])]];
  for (const r of TABLE3_ROWS)
    table3.push([r.group && r.group !== '三、本年度办理结果' ? `${r.group} ${r.label}` : r.label, ...APPLICANT_COLUMNS.map((c) => String(b.table3[r.key][c].value))]);
  const table4: string[][] = [
    ['行政复议', '', '', '', '', '行政诉讼（未经复议直接起诉）', '', '', '', '', '行政诉讼（复议后起诉）', '', '', '', ''],
    [...REVIEW_BLOCKS.flatMap(() => RESULT_COLUMNS.map((c) => RESULT_LABELS[c]))],
    [...REVIEW_BLOCKS.flatMap((k) => RESULT_COLUMNS.map((c) => String(b.table4[k][c].value)))],
  ];
  return [
    { kind: 'para', text: `本年度报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据统计期限为${b.year}年1月1日至${b.year}年12月31日。` },
    { kind: 'heading', text: '一、总体情况' },
    ...paras(narrative.overall),
    { kind: 'heading', text: '二、主动公开政府信息情况' },
    { kind: 'table', caption: '主动公开政府信息情况', rows: table2, headerRows: 0 },
    { kind: 'heading', text: '三、收到和处理政府信息公开申请情况' },
    { kind: 'para', text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）' },
    { kind: 'table', caption: '收到和处理政府信息公开申请情况', rows: table3, headerRows: 1 },
    { kind: 'heading', text: '四、政府信息公开行政复议、行政诉讼情况' },
    { kind: 'table', caption: '政府信息公开行政复议、行政诉讼情况', rows: table4, headerRows: 2 },
    { kind: 'heading', text: '五、存在的主要问题及改进情况' },
    ...paras(narrative.problems),
    { kind: 'heading', text: '六、其他需要报告的事项' },
    ...paras(narrative.other),
  ];
}

export function blocksHtml(blocks: Block[]): string {
  return blocks
    .map((x) => {
      if (x.kind === 'heading') return `<h2>${escapeHtml(x.text)}</h2>`;
      if (x.kind === 'para') return `<p>${escapeHtml(x.text)}</p>`;
      const header = (r: string[]) => {
        // An empty header cell continues the one before it (a merged heading such as 行政复议 over five columns).
        const cells: { text: string; span: number }[] = [];
        for (const c of r)
          if (c || !cells.length) cells.push({ text: c, span: 1 });
          else cells[cells.length - 1].span++;
        return cells.map((c) => `<th scope="${c.span > 1 ? 'colgroup' : 'col'}"${c.span > 1 ? ` colspan="${c.span}"` : ''}>${escapeHtml(c.text)}</th>`).join('');
      };
      const rows = x.rows.map((r, i) => `<tr>${i < x.headerRows ? header(r) : r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
      return `<table><caption>${escapeHtml(x.caption)}</caption><tbody>${rows}</tbody></table>`;
    })
    .join('\n');
}
