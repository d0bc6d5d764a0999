/**
 * Consulting a third party (Art. 32) or another agency (Art. 34) in writing. The days it takes do not count towards
 * the reply period (Art. 33 ¶3); the consulted side has 15 working days, and another agency's silence means consent.
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import type { Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { recordStep, type CaseContext } from '../caseStore.ts';
import { CONSULTATION_WORKING_DAYS } from '../clock.ts';
import { issueLetter } from '../letters.ts';
import { openCase, requiredText, stepDate } from './common.ts';

export const OPINIONS = { agree: '同意公开', disagree: '不同意公开', none: '期满未提出意见' } as const;

export async function startConsultation(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number, input: { onDate?: unknown; party?: unknown; partyName?: unknown }) {
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId);
    const onDate = stepDate(ctx, c, input.onDate, 'onDate', '发出征求意见书的日期');
    if (input.party !== 'third_party' && input.party !== 'inter_agency') throw new ValidationError({ party: '请选择征求第三方意见还是其他机关意见' });
    const partyName = requiredText(input.partyName, 'partyName', '请填写被征求意见的第三方或机关名称', 100);
    const answerBy = ctx.calendar.addWorkingDays(onDate, CONSULTATION_WORKING_DAYS).date;
    const details = { party: input.party, partyName, answerBy };
    const step = await recordStep(tx, ctx, actor, c, 'start_consultation', onDate, details);
    const letter = await issueLetter(tx, ctx, c, 'consultation_letter', onDate, details);
    return { ...step, letter, answerBy };
  });
}

export async function endConsultation(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number, input: { onDate?: unknown; opinion?: unknown; note?: unknown }) {
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId);
    const onDate = stepDate(ctx, c, input.onDate, 'onDate', '收到意见的日期');
    if (typeof input.opinion !== 'string' || !(input.opinion in OPINIONS)) throw new ValidationError({ opinion: '请选择意见' });
    const note = typeof input.note === 'string' ? input.note.trim().slice(0, 1000) : '';
    return recordStep(tx, ctx, actor, c, 'end_consultation', onDate, { opinion: input.opinion, note });
  });
}
