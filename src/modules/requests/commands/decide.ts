/**
 * The decision and the reply letter (Art. 36, 37): one outcome of the annual report's table, with what that outcome
 * needs (the link to published information, the responsible agency, the reason for the withheld part).
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import type { Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { recordStep, type CaseContext } from '../caseStore.ts';
import { CLOSING_OUTCOMES, NEEDS, OUTCOME_BY_CODE } from '../outcomes.ts';
import { issueLetter } from '../letters.ts';
import { openCase, requiredText, stepDate, ticked } from './common.ts';
import { replyNeedsApproval, submitReply } from './replyApproval.ts';
import { can } from '../../../lib/authz.ts';
import { LETTER_TITLES, letterText } from '../letters.ts';
import { checkReleasedFiles, storeReleasedFiles } from '../released.ts';
import type { UploadedFile } from '../files.ts';

export interface DecisionInput {
  onDate?: unknown;
  outcome?: unknown;
  detail?: unknown;
  publishedUrl?: unknown;
  responsibleAgency?: unknown;
  withheldReason?: unknown;
  /** Ticked: the personal data found in the released files was checked (the applicant's own, or redacted). */
  personalDataChecked?: unknown;
  /** Ticked: the files are the disclosable part of a partial release (a partial outcome marks them by itself). */
  partial?: unknown;
}

export async function decideCase(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number, input: DecisionInput, files: UploadedFile[] = []) {
  const code = typeof input.outcome === 'string' ? input.outcome : '';
  const o = OUTCOME_BY_CODE.get(code);
  if (!o || CLOSING_OUTCOMES.has(code) || code === 'other') throw new ValidationError({ outcome: '请选择处理结果' });
  if (files.length && o.group !== 'disclose' && o.group !== 'partial') throw new ValidationError({ released: '只有予以公开或部分公开的答复才附上政府信息' });
  // Checked before the transaction: a refused file leaves nothing written.
  const released = await checkReleasedFiles(files, ctx.maxUploadBytes ?? 50 * 1024 * 1024, ticked(input.personalDataChecked));
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId);
    const onDate = stepDate(ctx, c, input.onDate, 'onDate', '答复日期');
    const details: Record<string, unknown> = { outcome: code, row: o.row };
    const detail = typeof input.detail === 'string' ? input.detail.trim().slice(0, 2000) : '';
    if (detail) details.detail = detail;
    if (NEEDS.publishedLink.has(code)) details.publishedUrl = requiredText(input.publishedUrl, 'publishedUrl', '请填写已公开信息的网址或获取途径', 300);
    if (NEEDS.responsibleAgency.has(code))
      details.responsibleAgency = requiredText(input.responsibleAgency, 'responsibleAgency', '能够确定负责公开的机关的，请填写其名称和联系方式（条例第三十六条第（五）项）', 200);
    if (NEEDS.withheldReason.has(code))
      details.withheldReason = requiredText(input.withheldReason, 'withheldReason', '部分公开的，须说明不予公开部分的理由（条例第三十七条）', 500);
    if ((o.group === 'withhold' || code === 'unable_needs_creation') && !detail) throw new ValidationError({ detail: '不予公开或不予提供的，须在答复中说明具体理由' });
    if (released.length) details.released = released.map((f) => f.filename);
    if ((await replyNeedsApproval(tx, c.unit_id)) && !can(actor, 'request.approve_reply', { unitPath: c.unit_path })) {
      // Proposed, not made: the files wait with the staff, and the letter is numbered and dated when approved.
      const pending = await storeReleasedFiles(tx, c.id, released, { partial: o.group === 'partial' || ticked(input.partial), letterId: null, now: ctx.now, pending: true });
      const step = await submitReply(tx, ctx, actor, c, { ...details, outcomeLabel: o.label, pendingFileIds: pending.map((f) => f.id) }, onDate);
      return { ...step, letter: { title: `${LETTER_TITLES.reply}（送审稿，批准后编号）`, paragraphs: letterText('reply', c, details, onDate) } };
    }
    const stored = await storeReleasedFiles(tx, c.id, released, { partial: o.group === 'partial' || ticked(input.partial), letterId: null, now: ctx.now });
    const step = await recordStep(tx, ctx, actor, c, 'decide', onDate, details, { outcome: code, replied_on: onDate });
    const letter = await issueLetter(tx, ctx, c, 'reply', onDate, details, { released: stored });
    if (stored.length) await tx.query('UPDATE case_files SET letter_id = $2 WHERE id = ANY($1::bigint[])', [stored.map((f) => f.id), letter.id]);
    return { ...step, letter };
  });
}
