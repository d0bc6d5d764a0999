/**
 * The fee notice (Art. 42, 国办函〔2020〕109号): per piece, counted over the applicant's applications this calendar
 * month, or per page, never both. Payment is due within 20 working days from the day after the notice.
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import type { Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
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
    let before = 0;
    if (input.method === 'piece') {
      // Pieces this applicant already had this calendar month, other cases charged per piece included.
      const r = await tx.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM request_cases WHERE id_number = $1 AND id <> $2 AND to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = $3`,
        [c.id_number, c.id, onDate.slice(0, 7)],
      );
      before = Number(r.rows[0].n);
    }
    const amount = input.method === 'page' ? perPageFee(count) : perPieceFee(before, count);
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
