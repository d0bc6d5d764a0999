/**
 * Catalogues in the standard column layout published catalogues use (regulations.md §6.3): a two-row heading,
 * 一级事项 cells merged down over their 二级事项, ticks for 公开对象 / 公开方式 / 公开层级, and ■/□ boxes for 公开渠道和载体.
 * Import reads every row it can and reports every row it cannot, with the reason; the caller writes nothing unless
 * the whole file is clean.
 */
import ExcelJS from 'exceljs';
import { cellText, readFirstSheet } from '../../lib/untrusted/sheet.ts';
import { parseTimeLimit, resolveSameAsAbove, type TimeRule } from './timeLimit.ts';

export interface CatalogueRow {
  seq: number;
  code: string;
  level1: string;
  level2: string;
  content: string;
  basis: string;
  timeLimit: string;
  timeRule: TimeRule;
  publisher: string;
  channels: string[];
  audienceAll: boolean;
  audienceSpecific: boolean;
  proactive: boolean;
  onRequest: boolean;
  tierCounty: boolean;
  tierTownship: boolean;
}

export interface ImportProblem {
  row: number;
  message: string;
}

export const CHANNEL_OPTIONS = [
  '政府网站',
  '两微一端',
  '广播电视',
  '公开查阅点',
  '便民服务站',
  '政府公报',
  '发布会/听证会',
  '纸质媒体',
  '政务服务中心',
  '入户/现场',
  '社区/企事业单位/村公示栏（电子屏）',
  '精准推送',
  '其他',
];

const HEAD_TOP = ['序号', '公开事项', '', '公开内容（要素）', '公开依据', '公开时限', '公开主体', '公开渠道和载体', '公开对象', '', '公开方式', '', '公开层级', ''];
const HEAD_SUB = ['', '一级事项', '二级事项', '', '', '', '', '', '全社会', '特定群众', '主动', '依申请公开', '县级', '乡级'];

const ticked = (s: string) => /^[√✓✔●■是yY]$|^√/.test(s.trim());

/** "■政府网站 □两微一端 ■管理部门网站" → the ticked ones; plain lists ("政府网站、公开查阅点") are read as given. */
export function readChannels(s: string): string[] {
  if (/[■□☑☐]/.test(s)) return [...s.matchAll(/[■☑]\s*([^■□☑☐]+)/g)].map((m) => m[1].trim()).filter(Boolean);
  return s
    .split(/[、，,;；\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Problems listed at most; the rest are counted, so a hostile file cannot make a 41 MB error page. */
export const MAX_LISTED_PROBLEMS = 200;

/**
 * Reads the first sheet with exceljs's streaming reader, row by row, and stops after maxRows rows of items: a sheet of
 * a million rows is refused after reading a few thousand, never loaded whole.
 */
export async function readCatalogueXlsx(buffer: Buffer, opts: { maxRows?: number } = {}): Promise<{ rows: CatalogueRow[]; problems: ImportProblem[] }> {
  const maxRows = opts.maxRows ?? 5000;
  const sheet = await readFirstSheet(buffer, { width: 14, limit: maxRows + 20 });
  if (!sheet) return { rows: [], problems: [{ row: 0, message: '不是有效的 Excel（.xlsx）文件' }] };
  const { rows: sheetRows, tooMany } = sheet;
  if (!sheetRows.length) return { rows: [], problems: [{ row: 0, message: '文件中没有工作表或工作表是空的' }] };
  if (tooMany) return { rows: [], problems: [{ row: 0, message: `表中事项超过 ${maxRows} 行，请分领域分别导入` }] };
  const headIndex = sheetRows.findIndex((r) => r.cells[0].replace(/\s/g, '') === '序号');
  if (headIndex < 0) return { rows: [], problems: [{ row: 0, message: '找不到表头：第一列应有“序号”，格式见导出的模板' }] };
  const headRow = sheetRows[headIndex].n;
  const problems: ImportProblem[] = [];
  const raw: (Omit<CatalogueRow, 'timeRule'> & { timeRule: TimeRule; line: number })[] = [];
  let level1 = '';
  for (const { n, cells } of sheetRows) {
    if (n < headRow + 2) continue;
    if (cells.every((x) => !x)) continue;
    // A merged 一级事项 reads as empty below its first row: it continues the one above.
    if (cells[1]) level1 = cells[1];
    const seqText = cells[0];
    const seq = /^\d+$/.test(seqText) ? Number(seqText) : raw.length + 1;
    const code = /^\d{2,8}$/.test(seqText) && seqText.length > 3 ? seqText : '';
    const row = {
      line: n,
      seq,
      code,
      level1,
      level2: cells[2],
      content: cells[3],
      basis: cells[4],
      timeLimit: cells[5],
      timeRule: parseTimeLimit(cells[5].slice(0, 500)),
      publisher: cells[6],
      channels: readChannels(cells[7].slice(0, 2000)),
      audienceAll: ticked(cells[8]),
      audienceSpecific: ticked(cells[9]),
      proactive: ticked(cells[10]),
      onRequest: ticked(cells[11]),
      tierCounty: ticked(cells[12]),
      tierTownship: ticked(cells[13]),
    };
    const missing = [
      !row.level1 && '一级事项',
      !row.content && '公开内容（要素）',
      !row.basis && '公开依据',
      !row.timeLimit && '公开时限',
      !row.publisher && '公开主体',
      !row.channels.length && '公开渠道和载体',
    ].filter(Boolean);
    if (missing.length) problems.push({ row: n, message: `缺少${missing.join('、')}` });
    if (!row.audienceAll && !row.audienceSpecific) problems.push({ row: n, message: '公开对象须勾选“全社会”或“特定群众”' });
    if (!row.proactive && !row.onRequest) problems.push({ row: n, message: '公开方式须勾选“主动”或“依申请公开”' });
    for (const [v, name] of [
      [row.level1, '一级事项'],
      [row.level2, '二级事项'],
      [row.publisher, '公开主体'],
    ] as const)
      if (v.length > 200) problems.push({ row: n, message: `${name}超过200字` });
    if (row.content.length > 4000 || row.basis.length > 4000) problems.push({ row: n, message: '公开内容或公开依据超过4000字' });
    if (row.timeLimit.length > 500) problems.push({ row: n, message: '公开时限超过500字' });
    raw.push(row);
  }
  if (!raw.length && !problems.length) problems.push({ row: headRow + 2, message: '表中没有事项' });
  const seen = new Map<string, number>();
  for (const r of raw) {
    const key = `${r.level1}｜${r.level2}`;
    if (seen.has(key)) problems.push({ row: r.line, message: `与第${seen.get(key)}行的事项重复（${r.level1}${r.level2 ? ` / ${r.level2}` : ''}）` });
    else seen.set(key, r.line);
  }
  const rules = resolveSameAsAbove(raw.map((r) => r.timeRule));
  const rows = raw.map(({ line: _line, ...r }, i) => ({ ...r, timeRule: rules[i] }));
  problems.sort((a, b) => a.row - b.row);
  if (problems.length > MAX_LISTED_PROBLEMS) {
    const rest = problems.length - MAX_LISTED_PROBLEMS;
    problems.length = MAX_LISTED_PROBLEMS;
    problems.push({ row: 0, message: `另有 ${rest} 处问题未列出，请先改正以上各行` });
  }
  return { rows, problems };
}

/** The catalogue as a workbook in the standard layout, 一级事项 merged over its rows. */
export async function catalogueXlsx(title: string, rows: CatalogueRow[]): Promise<Buffer> {
  return Buffer.from(await catalogueWorkbook(title, rows).xlsx.writeBuffer());
}

/** What each column holds, for the blank template's 填写说明 sheet. */
export const COLUMN_NOTES: [string, string][] = [
  ['序号', '事项的顺序号，或上级下发的事项编码'],
  ['公开事项·一级事项', '如“政策文件”“资金发放”；同一一级事项的行会合并显示'],
  ['公开事项·二级事项', '一级事项下的具体事项'],
  ['公开内容（要素）', '要公开的具体内容和要素'],
  ['公开依据', '法律、法规、规章和规范性文件的名称及条款'],
  ['公开时限', '如“自信息形成或者变更之日起20个工作日内”“每月”“每季度”'],
  ['公开主体', '负责公开的机关或部门'],
  ['公开渠道和载体', `勾选（■）或不选（□）：${CHANNEL_OPTIONS.join('、')}；可另加`],
  ['公开对象·全社会', '面向全社会的填 √'],
  ['公开对象·特定群众', '只面向特定群众的填 √'],
  ['公开方式·主动', '主动公开的填 √'],
  ['公开方式·依申请公开', '依申请公开的填 √'],
  ['公开层级·县级', '由县级公开的填 √'],
  ['公开层级·乡级', '由乡级公开的填 √'],
];

/**
 * A blank catalogue of an area in the standard layout (the 国办发〔2019〕54号 table), to fill offline and import: the
 * headers on the first sheet, and on a second the column descriptions with an example row (not imported).
 */
export async function blankCatalogueXlsx(areaName: string): Promise<Buffer> {
  const wb = catalogueWorkbook(`${areaName}领域基层政务公开标准目录`, []);
  const notes = wb.addWorksheet('填写说明');
  notes.addRow(['栏目', '填写说明', '示例']);
  const example = [
    '1',
    `${areaName}政策文件`,
    '法律法规和政策文件',
    '涉及本领域的法律、法规、规章和规范性文件的名称、文号、全文',
    '《中华人民共和国政府信息公开条例》第二十条',
    '自信息形成或者变更之日起20个工作日内',
    '县级主管部门',
    '■政府网站 ■政务服务中心 □两微一端',
    '√',
    '',
    '√',
    '',
    '√',
    '√',
  ];
  COLUMN_NOTES.forEach(([col, note], i) => notes.addRow([col, note, example[i]]));
  notes.getRow(1).font = { bold: true };
  [22, 60, 40].forEach((w, i) => (notes.getColumn(i + 1).width = w));
  notes.eachRow((row) => row.eachCell((cell) => (cell.alignment = { vertical: 'top', wrapText: true })));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function catalogueWorkbook(title: string, rows: CatalogueRow[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  const ws = wb.addWorksheet('标准目录');
  ws.mergeCells(1, 1, 1, 14);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow(HEAD_TOP);
  ws.addRow(HEAD_SUB);
  for (const [a, b] of [
    [2, 3],
    [9, 10],
    [11, 12],
    [13, 14],
  ])
    ws.mergeCells(2, a, 2, b);
  for (const col of [1, 4, 5, 6, 7, 8]) ws.mergeCells(2, col, 3, col);
  const tick = (b: boolean) => (b ? '√' : '');
  for (const r of rows) {
    const boxes = [...new Set([...CHANNEL_OPTIONS, ...r.channels])].map((ch) => `${r.channels.includes(ch) ? '■' : '□'}${ch}`).join(' ');
    ws.addRow([
      r.code || r.seq,
      r.level1,
      r.level2,
      r.content,
      r.basis,
      r.timeLimit,
      r.publisher,
      boxes,
      tick(r.audienceAll),
      tick(r.audienceSpecific),
      tick(r.proactive),
      tick(r.onRequest),
      tick(r.tierCounty),
      tick(r.tierTownship),
    ]);
  }
  // Merge each run of rows with the same 一级事项, as published catalogues do.
  for (let start = 4; start <= ws.rowCount;) {
    let end = start;
    while (end + 1 <= ws.rowCount && cellText(ws.getCell(end + 1, 2).value) === cellText(ws.getCell(start, 2).value)) end++;
    if (end > start) ws.mergeCells(start, 2, end, 2);
    start = end + 1;
  }
  for (let r = 2; r <= ws.rowCount; r++)
    for (let c = 1; c <= 14; c++) {
      const cell = ws.getCell(r, c);
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: r <= 3 || c >= 9 ? 'center' : 'left' };
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      if (r <= 3) cell.font = { bold: true };
    }
  [6, 14, 14, 30, 30, 16, 14, 24, 7, 7, 7, 7, 7, 7].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return wb;
}
