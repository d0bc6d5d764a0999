/** The rules of a cleanup: its decisions and what each does to a document's validity, the 备案审查 conclusions. */
import { escapeHtml } from '../../lib/html.ts';
import { ValidationError } from '../../lib/errors.ts';

export const DECISIONS = { keep: '继续有效', revise: '修改', repeal: '废止', expire: '宣布失效' } as const;
export type Decision = keyof typeof DECISIONS;

/** The validity a decision gives the document (继续有效 leaves it as it is). */
export const VALIDITY_AFTER: Record<Decision, 'revised' | 'repealed' | 'expired' | null> = { keep: null, revise: 'revised', repeal: 'repealed', expire: 'expired' };

export const CONCLUSIONS = { pending: '审查中', passed: '审查通过', corrected: '已按审查意见纠正' } as const;
export type Conclusion = keyof typeof CONCLUSIONS;

/** A decision: 修改 names the document that revises it (by 索引号); 废止 and 宣布失效 give a reason. */
export function checkDecision(d: { decision: string; followUpIndexNo: string; reason: string }): Decision {
  const errors: Record<string, string> = {};
  if (!(d.decision in DECISIONS)) errors.decision = '请选择清理结果';
  if (d.decision === 'revise' && !d.followUpIndexNo.trim()) errors.followUpIndexNo = '修改的，请填写修改后文件的索引号';
  if ((d.decision === 'repeal' || d.decision === 'expire') && !d.reason.trim()) errors.reason = '废止或宣布失效的，请写明理由';
  if (d.reason.length > 500) errors.reason = '理由不超过500字';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return d.decision as Decision;
}

export function checkFiling(f: { filedOn: string; filedWith: string; conclusion: string }): Conclusion {
  const errors: Record<string, string> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.filedOn)) errors.filedOn = '请填写报备日期（格式：2026-03-02）';
  if (!f.filedWith.trim()) errors.filedWith = '请填写备案机关';
  if (!(f.conclusion in CONCLUSIONS)) errors.conclusion = '请选择审查结论';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return f.conclusion as Conclusion;
}

export interface ResultRow {
  title: string;
  doc_no: string;
  decision: Decision;
  reason: string;
  follow_up_title: string | null;
}

/** The published result list: one row per document, in the campaign's order. */
export function resultHtml(intro: string, rows: ResultRow[]): string {
  const cell = (s: string) => `<td>${escapeHtml(s)}</td>`;
  const body = rows
    .map((r, i) =>
      [
        `<tr>${cell(String(i + 1))}`,
        cell(r.title),
        cell(r.doc_no),
        cell(DECISIONS[r.decision]),
        cell([r.reason, r.follow_up_title ? `见《${r.follow_up_title}》` : ''].filter(Boolean).join('；')),
        '</tr>',
      ].join(''),
    )
    .join('');
  const counts = (Object.keys(DECISIONS) as Decision[]).map((d) => `${DECISIONS[d]} ${rows.filter((r) => r.decision === d).length} 件`).join('，');
  return (
    `<p>${escapeHtml(intro)}</p><p>共清理 ${rows.length} 件：${counts}。</p>` +
    `<table><thead><tr><th>序号</th><th>文件名称</th><th>文号</th><th>清理结果</th><th>说明</th></tr></thead><tbody>${body}</tbody></table>`
  );
}
