/**
 * The fee notice (Art. 42, 国办函〔2020〕109号). 第三条: an application is charged per piece or per page, by one method
 * only, never both. 第四条: per piece, the count runs per applicant and per calendar month in which the applications
 * were received; each application counts the pieces it was split into (the smallest reasonable units; one when not
 * split), so an application's pieces stand after those of the applicant's earlier applications received that month,
 * and it pays only for its own pieces at their positions. Payment is due within 20 working days from the day after
 * the notice.
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import type { Actor } from '../../../lib/authz.ts';
import { ConflictError, ValidationError } from '../../../lib/errors.ts';
import { recordStep, type CaseContext } from '../caseStore.ts';
import { FEE_PAYMENT_WORKING_DAYS } from '../clock.ts';
import { perPageFee, perPieceFee } from '../fees.ts';
import { issueLetter } from '../letters.ts';
import { openCase, stepDate } from './common.ts';

export async function sendFeeNotice(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number, input: { onDate?: unknown; method?: unknown; count?: unknown }) {
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId);
    const onDate = stepDate(ctx, c, input.onDate, 'onDate', '通知日期');
    if (input.method !== 'piece' && input.method !== 'page') throw new ValidationError({ method: '请选择按件或按量计收（只能选一种）' });
    const count = Number(input.count);
    if (!Number.isInteger(count) || count < 1 || count > 100000) throw new ValidationError({ count: input.method === 'page' ? '请填写页数' : '请填写本申请拆分后的件数' });
    const fixed = (await tx.query<{ fee_method: string | null }>('SELECT fee_method FROM request_cases WHERE id = $1', [c.id])).rows[0]?.fee_method;
    if (fixed && fixed !== input.method) {
      throw new ConflictError('CASE_FEE_METHOD_FIXED', `这件申请已按${fixed === 'piece' ? '件' : '量'}计收，同一申请只能按一种标准计收（109号第三条）。`, {
        method: '只能按已选的一种标准计收',
      });
    }
    let before = 0;
    if (input.method === 'piece') {
      const received = c.received_on ?? onDate;
      // The applicant's applications received earlier in the same calendar month, each with its pieces.
      const r = await tx.query<{ n: number }>(
        `SELECT COALESCE(sum(COALESCE(pieces, 1)), 0)::int AS n FROM request_cases
         WHERE id_number = $1 AND id <> $2 AND received_on IS NOT NULL
           AND date_trunc('month', received_on) = date_trunc('month', $3::date)
           AND (received_on < $3::date OR (received_on = $3::date AND id < $2))`,
        [c.id_number, c.id, received],
      );
      before = r.rows[0].n;
    }
    const amount = input.method === 'page' ? perPageFee(count) : perPieceFee(before, count);
    await tx.query('UPDATE request_cases SET fee_method = $2, pieces = CASE WHEN $2 = $4 THEN $3::int ELSE pieces END WHERE id = $1', [c.id, input.method, count, 'piece']);
    if (amount === 0) throw new ValidationError({ count: '按收费标准本申请不收费，无需发出收费通知' });
    const payBy = ctx.calendar.addWorkingDays(onDate, FEE_PAYMENT_WORKING_DAYS).date;
    const details = { method: input.method, count, before, amount, payBy };
    const step = await recordStep(tx, ctx, actor, c, 'fee_notice', onDate, details);
    const letter = await issueLetter(tx, ctx, c, 'fee_notice', onDate, details);
    return { ...step, letter, amount, payBy };
  });
}

export async function recordFeePaid(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number, input: { onDate?: unknown; receiptNo?: unknown }) {
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId);
    const onDate = stepDate(ctx, c, input.onDate, 'onDate', '缴费日期');
    return recordStep(tx, ctx, actor, c, 'fee_paid', onDate, { receiptNo: typeof input.receiptNo === 'string' ? input.receiptNo.trim().slice(0, 60) : '' });
  });
}
