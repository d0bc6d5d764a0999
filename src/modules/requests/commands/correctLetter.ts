/**
 * Correcting an issued letter (文书更正): the letter is never edited; a new letter with the next number replaces it,
 * states which one it replaces and why, and goes to the applicant like any letter. Both stay in the record; a letter
 * is replaced once (a second correction corrects the replacement).
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import type { Actor } from '../../../lib/authz.ts';
import { audit } from '../../../lib/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../lib/errors.ts';
import type { CaseContext } from '../caseStore.ts';
import { caseLetters, nextLetterNo, sentence } from '../letters.ts';
import { notifyLetter } from '../notify.ts';
import { openCase, requiredText } from './common.ts';

export async function correctLetter(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number, letterId: number, input: { text?: unknown; reason?: unknown }) {
  const paragraphs = (typeof input.text === 'string' ? input.text : '')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!paragraphs.length) throw new ValidationError({ text: '请填写更正后的文书正文' });
  if (paragraphs.length > 100 || paragraphs.some((p) => p.length > 3000)) throw new ValidationError({ text: '正文太长（最多100段，每段3000字）' });
  const reason = requiredText(input.reason, 'reason', '请写明更正原因', 300);
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId);
    const letters = await caseLetters(tx, caseId);
    const old = letters.find((l) => l.id === letterId);
    if (!old) throw new NotFoundError('没有找到这份文书。');
    if (old.replaced_by_no) throw new ConflictError('LETTER_ALREADY_REPLACED', `这份文书已被${old.replaced_by_no}更正，请更正最新的文书。`);
    if (paragraphs.join('\n') === old.paragraphs.join('\n')) throw new ValidationError({ text: '正文没有改动' });
    const letterNo = await nextLetterNo(tx, c, ctx.today);
    const text = [...paragraphs, sentence(`本文书更正并替代本机关${old.letter_no}《${old.title}》，原文书作废。更正原因：${reason}`)];
    const r = await tx.query<{ id: number }>(
      `INSERT INTO case_letters (case_id, kind, letter_no, on_date, title, paragraphs, replaces_id, correction_reason, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::int`,
      [c.id, old.kind, letterNo, ctx.today, old.title, text, old.id, reason, ctx.now],
    );
    await audit(tx, actor, {
      at: ctx.now,
      action: 'request.letter_corrected',
      subjectType: 'request_case',
      subjectId: c.id,
      unitId: c.unit_id,
      details: { caseNo: c.case_no, replaced: old.letter_no, by: letterNo, reason },
    });
    await notifyLetter(tx, ctx, c, { title: old.title, letter_no: letterNo });
    return { id: r.rows[0].id, letterNo };
  });
}
