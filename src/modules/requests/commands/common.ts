/** What every step command does first: lock the case, check the actor may handle it, check the step's date. */
import type { Queryable } from '../../../lib/db.ts';
import { authorize, type Action, type Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { isValidDate } from '../../../lib/calendar.ts';
import { getCase, type CaseContext, type CaseRow } from '../caseStore.ts';

export async function openCase(tx: Queryable, actor: Actor, caseId: number, action: Action = 'request.handle'): Promise<CaseRow> {
  const c = await getCase(tx, caseId, true);
  authorize(actor, action, { unitPath: c.unit_path });
  return c;
}

/** A step's legal date: a real date, not in the future, not before the case's receipt. */
export function stepDate(ctx: CaseContext, c: CaseRow, value: unknown, field = 'onDate', label = '日期'): string {
  const d = typeof value === 'string' ? value.trim() : '';
  if (!isValidDate(d)) throw new ValidationError({ [field]: `请填写${label}` });
  if (d > ctx.today) throw new ValidationError({ [field]: `${label}不能晚于今天` });
  if (c.received_on && d < c.received_on) throw new ValidationError({ [field]: `${label}不能早于收到申请之日 ${c.received_on}` });
  return d;
}

/** A checkbox as posted: any value but empty or "0". */
export function ticked(v: unknown): boolean {
  return typeof v === 'string' ? v !== '' && v !== '0' : v === true;
}

export function requiredText(value: unknown, field: string, message: string, max = 500): string {
  const s = typeof value === 'string' ? value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').trim() : '';
  if (!s) throw new ValidationError({ [field]: message });
  if (s.length > max) throw new ValidationError({ [field]: `不能超过${max}个字` });
  return s;
}
