/** The corrected application arrives: the reply period starts again from that day (Art. 30). */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import type { Actor } from '../../../lib/authz.ts';
import { recordStep, type CaseContext } from '../caseStore.ts';
import { openCase, stepDate } from './common.ts';

export async function receiveCorrection(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number, input: { onDate?: unknown; note?: unknown }) {
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId);
    const onDate = stepDate(ctx, c, input.onDate, 'onDate', '收到补正的日期');
    const note = typeof input.note === 'string' ? input.note.trim().slice(0, 500) : '';
    return recordStep(tx, ctx, actor, c, 'receive_correction', onDate, { note }, { clock_started_on: onDate });
  });
}
