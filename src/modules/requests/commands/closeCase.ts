/**
 * Cases that end without a decision on the substance: no correction in time (其他处理-1), fee not paid in time
 * (其他处理-2), or withdrawn by the applicant (其他处理-3). The first two only once their period is over.
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import type { Actor } from '../../../lib/authz.ts';
import { ConflictError } from '../../../lib/errors.ts';
import { caseEvents, recordStep, type CaseContext } from '../caseStore.ts';
import { issueLetter } from '../letters.ts';
import { openCase, requiredText, stepDate } from './common.ts';

export type CloseReason = 'no_correction' | 'unpaid' | 'withdrawn';

export async function closeCase(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number, reason: CloseReason, input: { onDate?: unknown; note?: unknown }) {
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId);
    const onDate = stepDate(ctx, c, input.onDate, 'onDate', '日期');
    const events = await caseEvents(tx, c.id);
    if (reason !== 'withdrawn') {
      const kind = reason === 'no_correction' ? 'request_correction' : 'fee_notice';
      const last = [...events].reverse().find((e) => e.kind === kind);
      const until = String(last?.details[reason === 'no_correction' ? 'deadline' : 'payBy'] ?? '');
      if (!until || onDate <= until)
        throw new ConflictError('CASE_PERIOD_NOT_OVER', `${reason === 'no_correction' ? '补正' : '缴费'}期限（${until || '未设定'}）尚未届满，不能按逾期处理。`);
    }
    const outcome = reason === 'no_correction' ? 'other_no_correction' : reason === 'unpaid' ? 'other_unpaid' : 'other';
    const note = reason === 'withdrawn' ? requiredText(input.note, 'note', '请写明申请人撤回申请的方式和时间') : '';
    const kind = reason === 'no_correction' ? 'close_no_correction' : reason === 'unpaid' ? 'close_unpaid' : 'withdraw_by_applicant';
    const details = { outcome, detail: reason === 'withdrawn' ? `您已于${onDate}撤回申请，本机关终止处理（${note}）` : undefined };
    const step = await recordStep(tx, ctx, actor, c, kind, onDate, details, { outcome, replied_on: onDate });
    const letter = await issueLetter(tx, ctx, c, 'reply', onDate, details);
    return { ...step, letter };
  });
}
