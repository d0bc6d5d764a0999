/**
 * All answers of a survey as XLSX for the unit's staff: one row per response, one column per question (a matrix has a
 * column per row). Signed surveys add name and contact; anonymous ones have none to add.
 */
import ExcelJS from 'exceljs';
import { chinaDateTime } from '../../lib/clock.ts';
import type { ResponseRow, SurveyRow } from './surveyQueries.ts';
import type { Answer, Question } from './surveys.ts';

function cell(q: Question, a: Answer | undefined, row?: string): string | number {
  if (a === undefined) return '';
  if (row !== undefined) return typeof a === 'object' && !Array.isArray(a) ? ((a as Record<string, string>)[row] ?? '') : '';
  if (typeof a === 'number' || typeof a === 'string') return a;
  if (Array.isArray(a)) return q.kind === 'ranking' ? a.map((x, i) => `${i + 1}.${x}`).join(' ') : a.join('、');
  return 'filename' in a ? String(a.filename) : '';
}

export function surveyColumns(s: SurveyRow, questions: Question[]): string[] {
  return [
    '编号',
    '提交时间',
    ...(s.anonymous ? [] : ['姓名', '联系方式']),
    ...questions.flatMap((q) => (q.kind === 'matrix' ? (q.config.rows ?? []).map((r) => `${q.position}. ${q.label}：${r}`) : [`${q.position}. ${q.label}`])),
  ];
}

export function surveyRows(s: SurveyRow, questions: Question[], responses: ResponseRow[]): (string | number)[][] {
  return responses.map((r) => [
    r.id,
    chinaDateTime(r.submitted_at),
    ...(s.anonymous ? [] : [r.name, r.contact]),
    ...questions.flatMap((q) => (q.kind === 'matrix' ? (q.config.rows ?? []).map((row) => cell(q, r.answers[q.id], row)) : [cell(q, r.answers[q.id])])),
  ]);
}

export async function surveyXlsx(s: SurveyRow, questions: Question[], responses: ResponseRow[]): Promise<Buffer> {
  const columns = surveyColumns(s, questions);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  const ws = wb.addWorksheet('答卷', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, Math.max(columns.length, 1));
  ws.getCell(1, 1).value = `${s.title}（${responses.length}份答卷）`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.addRow(columns).font = { bold: true };
  for (const r of surveyRows(s, questions, responses)) ws.addRow(r);
  columns.forEach((_, i) => (ws.getColumn(i + 1).width = i < 2 ? 16 : 24));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
