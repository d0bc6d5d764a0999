/**
 * The one-time 补正 notice (Art. 30): everything to correct, listed at once, with a reasonable period. Sending it
 * later than 7 working days after receipt is recorded as late rather than refused: the record must show what happened.
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import type { Actor } from '../../../lib/authz.ts';
import { ConflictError, ValidationError } from '../../../lib/errors.ts';
import { caseEvents, recordStep, type CaseContext } from '../caseStore.ts';
import { correctionNoticeDue } from '../clock.ts';
import { issueLetter } from '../letters.ts';
import { openCase, stepDate } from './common.ts';

export async function requestCorrection(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number, input: { onDate?: unknown; items?: unknown }) {
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId);
    const onDate = stepDate(ctx, c, input.onDate, 'onDate', '告知日期');
    const items = (typeof input.items === 'string' ? input.items.split(/\r?\n/) : []).map((s) => s.trim()).filter(Boolean);
    if (!items.length) throw new ValidationError({ items: '请逐行写明需要补正的全部事项（一次性告知）' });
    if ((await caseEvents(tx, c.id)).some((e) => e.kind === 'request_correction'))
      throw new ConflictError('CASE_CORRECTION_ONCE', '补正告知只能发出一次，须一次性告知全部需补正事项（条例第三十条）。');
    const due = correctionNoticeDue(ctx.calendar, c.received_on!);
    const deadline = ctx.calendar.addWorkingDays(onDate, ctx.correctionWorkingDays).date;
    const details = { items, deadline, noticeDueOn: due.date, late: onDate > due.date };
    const step = await recordStep(tx, ctx, actor, c, 'request_correction', onDate, details);
    const letter = await issueLetter(tx, ctx, c, 'correction_notice', onDate, details);
    return { ...step, letter, deadline };
  });
}
