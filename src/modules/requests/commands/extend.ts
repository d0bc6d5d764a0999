/** One extension of at most 20 working days, approved by the head of the disclosure office and notified in time (Art. 33). */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import type { Actor } from '../../../lib/authz.ts';
import { ConflictError } from '../../../lib/errors.ts';
import { caseClock, caseEvents, recordStep, type CaseContext } from '../caseStore.ts';
import { extensionProblem } from '../clock.ts';
import { issueLetter } from '../letters.ts';
import { openCase, requiredText, stepDate } from './common.ts';

export async function extendCase(
  db: DbOrTx,
  ctx: CaseContext,
  actor: Actor,
  caseId: number,
  input: { approvedOn?: unknown; notifiedOn?: unknown; workingDays?: unknown; reason?: unknown },
) {
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId, 'request.approve_extension');
    const approvedOn = stepDate(ctx, c, input.approvedOn, 'approvedOn', '负责人同意的日期');
    const notifiedOn = stepDate(ctx, c, input.notifiedOn, 'notifiedOn', '告知申请人的日期');
    const reason = requiredText(input.reason, 'reason', '请写明需要延期的原因', 200);
    const events = await caseEvents(tx, c.id);
    const clock = caseClock(events, ctx)!;
    const e = { workingDays: Number(input.workingDays), approvedOn, notifiedOn };
    const problem = extensionProblem(
      clock,
      events.some((x) => x.kind === 'extend'),
      e,
    );
    if (problem) throw new ConflictError('CASE_EXTENSION_REFUSED', problem, { workingDays: problem });
    const step = await recordStep(tx, ctx, actor, c, 'extend', approvedOn, { ...e, reason });
    const letter = await issueLetter(tx, ctx, c, 'extension_notice', notifiedOn, { ...e, reason, newDueOn: step.clock?.dueOn });
    return { ...step, letter };
  });
}
