/** Staff confirm an online application with the applicant; the day both sides confirm is the receipt date (Art. 31). */
import { chinaDate } from '../../../lib/clock.ts';
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { isValidDate } from '../../../lib/calendar.ts';
import { getCase, recordStep, type CaseContext } from '../caseStore.ts';
import { issueLetter } from '../letters.ts';

export async function confirmReceipt(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number, input: { confirmedOn: string; how: string }) {
  return inTx(db, async (tx) => {
    const c = await getCase(tx, caseId, true);
    authorize(actor, 'request.handle', { unitPath: c.unit_path });
    const submittedOn = chinaDate(c.submitted_at);
    if (!isValidDate(input.confirmedOn)) throw new ValidationError({ confirmedOn: '请填写确认日期' });
    if (input.confirmedOn < submittedOn || input.confirmedOn > ctx.today) throw new ValidationError({ confirmedOn: `确认日期应在提交日 ${submittedOn} 至今天之间` });
    if (!input.how.trim()) throw new ValidationError({ how: '请写明与申请人确认的方式，如“电话确认”' });
    const step = await recordStep(
      tx,
      ctx,
      actor,
      c,
      'confirm',
      input.confirmedOn,
      { receivedOn: input.confirmedOn, how: input.how.trim().slice(0, 100) },
      { received_on: input.confirmedOn, clock_started_on: input.confirmedOn },
    );
    const letter = await issueLetter(tx, ctx, await getCase(tx, caseId), 'receipt', ctx.today, {});
    return { ...step, letter };
  });
}
