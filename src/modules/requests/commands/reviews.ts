/** 行政复议 and 行政诉讼 about a case, with their results, for table 四 of the annual report. */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import type { Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { isValidDate } from '../../../lib/calendar.ts';
import { recordStep, type CaseContext } from '../caseStore.ts';
import { openCase, stepDate } from './common.ts';

export const REVIEW_KINDS = { review: '行政复议', litigation_direct: '行政诉讼（未经复议直接起诉）', litigation_after_review: '行政诉讼（复议后起诉）' } as const;
export const REVIEW_RESULTS = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' } as const;

export async function recordReview(
  db: DbOrTx,
  ctx: CaseContext,
  actor: Actor,
  caseId: number,
  input: { kind?: unknown; filedOn?: unknown; result?: unknown; decidedOn?: unknown; note?: unknown },
) {
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId);
    if (typeof input.kind !== 'string' || !(input.kind in REVIEW_KINDS)) throw new ValidationError({ kind: '请选择行政复议或行政诉讼' });
    if (typeof input.result !== 'string' || !(input.result in REVIEW_RESULTS)) throw new ValidationError({ result: '请选择结果' });
    const filedOn = stepDate(ctx, c, input.filedOn, 'filedOn', '申请或起诉日期');
    const decidedOn = typeof input.decidedOn === 'string' && input.decidedOn ? input.decidedOn : null;
    if (input.result !== 'pending' && (!decidedOn || !isValidDate(decidedOn) || decidedOn < filedOn))
      throw new ValidationError({ decidedOn: '已审结的，请填写不早于申请日期的审结日期' });
    const note = typeof input.note === 'string' ? input.note.trim().slice(0, 500) : '';
    await tx.query('INSERT INTO case_reviews (case_id, kind, filed_on, result, decided_on, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      c.id,
      input.kind,
      filedOn,
      input.result,
      input.result === 'pending' ? null : decidedOn,
      note,
      ctx.now,
    ]);
    return recordStep(tx, ctx, actor, c, 'review_or_litigation', filedOn, { kind: input.kind, result: input.result, decidedOn });
  });
}
