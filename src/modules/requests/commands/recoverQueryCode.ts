/**
 * Replacing a lost query code (查询码): the applicant names the case and the contact they gave in the application; a
 * six-digit code goes there (e-mail, or SMS where an approved template is configured) and, typed back within 15
 * minutes and five tries, gives a new query code. The answer to the first step is the same whether or not the case
 * and contact match, so the form cannot be used to learn who applied; at most three codes an hour go to one case.
 */
import { createHmac, randomInt } from 'node:crypto';
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import { anonymous } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { mobileNumber, notifyContact } from '../../notifications/index.ts';
import { getCaseByNo, hashCode, newQueryCode, type CaseContext } from '../caseStore.ts';

export const RECOVERY_MINUTES = 15;
export const RECOVERY_TRIES = 5;
const CODES_PER_HOUR = 3;

const codeHash = (secret: string, caseId: number, code: string) => createHmac('sha256', secret).update(`recovery:${caseId}:${code}`).digest('hex');

/** The contact as the applicant typed it matches the one on the case: an e-mail (any case) or the same mobile number. */
export function sameContact(given: string, c: { email: string; phone: string }): 'email' | 'sms' | null {
  const g = given.trim();
  if (g.includes('@')) return c.email && g.toLowerCase() === c.email.trim().toLowerCase() ? 'email' : null;
  const m = mobileNumber(g);
  return m && m === mobileNumber(c.phone) ? 'sms' : null;
}

export async function requestRecoveryCode(db: DbOrTx, ctx: CaseContext, secret: string, input: { caseNo: string; contact: string }): Promise<void> {
  await inTx(db, async (tx) => {
    const c = await getCaseByNo(tx, input.caseNo.trim().toUpperCase());
    if (!c) return;
    const channel = sameContact(input.contact, c);
    if (!channel) return;
    if (channel === 'sms' && !(ctx.contact?.smsEnabled && ctx.contact.smsTemplates['request.recovery'])) return;
    const recent = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM case_recovery_codes WHERE case_id = $1 AND created_at > $2', [
      c.id,
      new Date(ctx.now.getTime() - 3600_000),
    ]);
    if (recent.rows[0].n >= CODES_PER_HOUR) return;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await tx.query('INSERT INTO case_recovery_codes (case_id, code_hash, channel, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)', [
      c.id,
      codeHash(secret, c.id, code),
      channel,
      new Date(ctx.now.getTime() + RECOVERY_MINUTES * 60_000),
      ctx.now,
    ]);
    await notifyContact(tx, ctx.now, ctx.contact ?? { smsEnabled: false, smsTemplates: {} }, channel === 'email' ? { email: c.email } : { phone: c.phone }, {
      purpose: 'request.recovery',
      subject: `找回查询码的验证码（${c.case_no}）`,
      body: `您正在找回政府信息公开申请（${c.case_no}）的查询码。验证码：${code}，${RECOVERY_MINUTES} 分钟内有效。如非本人操作，请忽略。`,
      smsParams: { code },
      subjectType: 'request_case',
      subjectId: c.id,
    });
    await audit(tx, anonymous, {
      at: ctx.now,
      action: 'request.recovery_code_sent',
      subjectType: 'request_case',
      subjectId: c.id,
      unitId: c.unit_id,
      details: { caseNo: c.case_no, channel },
    });
  });
}

/** Checks the code; on success the case gets a new query code, returned once. */
export async function verifyRecoveryCode(
  db: DbOrTx,
  ctx: CaseContext,
  secret: string,
  input: { caseNo: string; code: string },
): Promise<{ caseId: number; caseNo: string; queryCode: string }> {
  const wrong = () => new ValidationError({ code: '验证码不正确或已过期，请重新获取' }, '验证码不正确或已过期。');
  const result = await inTx(db, async (tx) => {
    const c = await getCaseByNo(tx, input.caseNo.trim().toUpperCase());
    if (!c) return null;
    const row = (
      await tx.query<{ id: number; code_hash: string; attempts: number }>(
        `SELECT id::int, code_hash, attempts FROM case_recovery_codes WHERE case_id = $1 AND used_at IS NULL AND expires_at > $2 ORDER BY id DESC LIMIT 1 FOR UPDATE`,
        [c.id, ctx.now],
      )
    ).rows[0];
    if (!row || row.attempts >= RECOVERY_TRIES) return null;
    if (row.code_hash !== codeHash(secret, c.id, input.code.trim())) {
      // The failed try is kept (the transaction commits), so five wrong codes end this one.
      await tx.query('UPDATE case_recovery_codes SET attempts = attempts + 1 WHERE id = $1', [row.id]);
      return null;
    }
    const queryCode = newQueryCode();
    await tx.query('UPDATE case_recovery_codes SET used_at = $2, attempts = attempts + 1 WHERE id = $1', [row.id, ctx.now]);
    await tx.query('UPDATE request_cases SET query_code_hash = $2, updated_at = $3 WHERE id = $1', [c.id, hashCode(queryCode), ctx.now]);
    await audit(tx, anonymous, {
      at: ctx.now,
      action: 'request.query_code_replaced',
      subjectType: 'request_case',
      subjectId: c.id,
      unitId: c.unit_id,
      details: { caseNo: c.case_no },
    });
    return { caseId: c.id, caseNo: c.case_no, queryCode };
  });
  if (!result) throw wrong();
  return result;
}
