/**
 * Letter templates (文书模板): a unit's own framing around the text the platform writes — a different salutation,
 * contact lines, a closing — inherited by the units below it. {正文} is required exactly once.
 */
import type { Queryable } from '../../lib/db.ts';

export const PLACEHOLDERS = {
  '{称呼}': '申请人称呼行（如“张三：”）',
  '{正文}': '平台生成的正文（含法律依据和救济途径），必须保留',
  '{申请人}': '申请人姓名或名称',
  '{申请编号}': '申请编号',
  '{受理机关}': '受理机关名称',
} as const;

export const DEFAULT_TEMPLATE = ['{称呼}', '{正文}'];

/** Problems with a template's text (one paragraph per line), or an empty list. */
export function templateProblems(paragraphs: string[]): string[] {
  const out: string[] = [];
  const body = paragraphs.filter((p) => p.includes('{正文}'));
  if (body.length !== 1 || body[0].trim() !== '{正文}') out.push('{正文} 必须单独成段，且只出现一次');
  const unknown = [...new Set(paragraphs.join('\n').match(/\{[^{}]*\}/g) ?? [])].filter((p) => !(p in PLACEHOLDERS));
  if (unknown.length) out.push(`不认识的占位符：${unknown.join('、')}`);
  if (paragraphs.length > 30 || paragraphs.some((p) => p.length > 1000)) out.push('模板最多30段，每段不超过1000字');
  return out;
}

export function applyTemplate(template: string[], generated: string[], fields: { applicant: string; caseNo: string; unitName: string }): string[] {
  const [salutation, ...body] = generated;
  const fill = (p: string) =>
    p.replaceAll('{称呼}', salutation).replaceAll('{申请人}', fields.applicant).replaceAll('{申请编号}', fields.caseNo).replaceAll('{受理机关}', fields.unitName);
  return template.flatMap((p) => (p.trim() === '{正文}' ? body : [fill(p)])).filter((p) => p.trim() !== '');
}

/** The template for a unit: its own, else the nearest ancestor's, else the default. */
export async function templateFor(q: Queryable, unitPath: string, kind: string): Promise<string[]> {
  const ids = unitPath.split('/').filter(Boolean).map(Number);
  if (!ids.length) return DEFAULT_TEMPLATE;
  const r = await q.query<{ unit_id: number; paragraphs: string[] }>('SELECT unit_id, paragraphs FROM letter_templates WHERE kind = $1 AND unit_id = ANY($2::int[])', [kind, ids]);
  const byUnit = new Map(r.rows.map((x) => [x.unit_id, x.paragraphs]));
  for (const id of [...ids].reverse()) if (byUnit.has(id)) return byUnit.get(id)!;
  return DEFAULT_TEMPLATE;
}
