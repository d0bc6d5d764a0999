/**
 * The account lifecycle: a user changes their own password; an administrator resets one (a temporary password the
 * user must change at next sign-in), disables an account (never deleted: its history stays attributable) or enables
 * it again; API tokens are revoked. Each ends the sessions it must and is audited.
 */
import { randomBytes } from 'node:crypto';
import { inTx, type DbOrTx, type Queryable } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { NotFoundError, ValidationError } from '../../../lib/errors.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { passwordProblem } from '../passwordPolicy.ts';
import { acceptCode, newSecret } from '../totp.ts';

async function userForAdmin(tx: Queryable, actor: Actor, userId: number) {
  const u = (
    await tx.query<{ id: number; username: string; path: string; unit_id: number }>(
      'SELECT u.id, u.username, n.path, u.unit_id FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = $1',
      [userId],
    )
  ).rows[0];
  if (!u) throw new NotFoundError('没有这个用户。');
  authorize(actor, 'user.manage', { unitPath: u.path });
  return u;
}

export async function changeOwnPassword(db: DbOrTx, actor: Actor, now: Date, input: { current: string; next: string; confirm: string }) {
  if (actor.kind !== 'user') throw new ValidationError({ current: '请先登录' });
  const fields: Record<string, string> = {};
  if (!input.current) fields.current = '请填写当前密码';
  const problem = passwordProblem(input.next, actor.username);
  if (problem) fields.next = problem;
  else if (input.next !== input.confirm) fields.confirm = '两次输入的新密码不一致';
  if (input.next && input.next === input.current) fields.next = '新密码不能与当前密码相同';
  if (Object.keys(fields).length) throw new ValidationError(fields);
  const row = (await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [actor.id])).rows[0];
  if (!row || !(await verifyPassword(row.password_hash, input.current))) throw new ValidationError({ current: '当前密码不正确' });
  const hash = await hashPassword(input.next);
  return inTx(db, async (tx) => {
    await tx.query('UPDATE users SET password_hash = $2, password_changed_at = $3, must_change_password = false WHERE id = $1', [actor.id, hash, now]);
    // Every other session of the user ends: whoever knew the old password is signed out.
    await tx.query('UPDATE sessions SET revoked_at = $3 WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL', [actor.id, actor.sessionId, now]);
    await audit(tx, actor, { at: now, action: 'user.password_changed', subjectType: 'user', subjectId: actor.id });
  });
}

/** Sets a random temporary password and returns it once, for the administrator to hand over. */
export async function resetPassword(db: DbOrTx, actor: Actor, now: Date, userId: number): Promise<string> {
  const temporary = `Gk-${randomBytes(9).toString('base64url')}-${randomBytes(2).toString('hex')}7`;
  const hash = await hashPassword(temporary);
  return inTx(db, async (tx) => {
    const u = await userForAdmin(tx, actor, userId);
    await tx.query('UPDATE users SET password_hash = $2, password_changed_at = $3, must_change_password = true, failed_logins = 0, locked_until = NULL WHERE id = $1', [
      u.id,
      hash,
      now,
    ]);
    await tx.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [u.id, now]);
    await audit(tx, actor, { at: now, action: 'user.password_reset', subjectType: 'user', subjectId: u.id, unitId: u.unit_id, details: { username: u.username } });
    return temporary;
  });
}

export async function setUserActive(db: DbOrTx, actor: Actor, now: Date, userId: number, input: { active: boolean; reason?: string }) {
  return inTx(db, async (tx) => {
    const u = await userForAdmin(tx, actor, userId);
    if (actor.kind === 'user' && actor.id === u.id && !input.active) throw new ValidationError({ reason: '不能停用自己的账号' });
    const reason = (input.reason ?? '').trim().slice(0, 200);
    if (!input.active && !reason) throw new ValidationError({ reason: '请写明停用原因（如调离、离职）' });
    await tx.query('UPDATE users SET active = $2, disabled_at = CASE WHEN $2 THEN NULL ELSE $3::timestamptz END, disabled_reason = $4 WHERE id = $1', [
      u.id,
      input.active,
      now,
      input.active ? '' : reason,
    ]);
    if (!input.active) await tx.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [u.id, now]);
    await audit(tx, actor, {
      at: now,
      action: input.active ? 'user.enabled' : 'user.disabled',
      subjectType: 'user',
      subjectId: u.id,
      unitId: u.unit_id,
      details: { username: u.username, reason },
    });
  });
}

export async function revokeApiToken(db: DbOrTx, actor: Actor, now: Date, tokenId: number) {
  return inTx(db, async (tx) => {
    const t = (
      await tx.query<{ id: number; name: string; unit_id: number; path: string; revoked_at: Date | null }>(
        'SELECT t.id, t.name, t.unit_id, u.path, t.revoked_at FROM api_tokens t JOIN units u ON u.id = t.unit_id WHERE t.id = $1',
        [tokenId],
      )
    ).rows[0];
    if (!t) throw new NotFoundError('没有这个接口令牌。');
    authorize(actor, 'token.manage', { unitPath: t.path });
    if (t.revoked_at) return;
    await tx.query('UPDATE api_tokens SET revoked_at = $2 WHERE id = $1', [t.id, now]);
    await audit(tx, actor, { at: now, action: 'token.revoked', subjectType: 'api_token', subjectId: t.id, unitId: t.unit_id, details: { name: t.name } });
  });
}

/** The secret being enrolled: the pending one, or a new one (kept until confirmed, so a reload shows the same QR). */
export async function pendingTotpSecret(db: DbOrTx, actor: Actor): Promise<string> {
  if (actor.kind !== 'user') throw new ValidationError({ code: '请先登录' });
  return inTx(db, async (tx) => {
    const row = (await tx.query<{ totp_pending_secret: string | null }>('SELECT totp_pending_secret FROM users WHERE id = $1 FOR UPDATE', [actor.id])).rows[0];
    if (row?.totp_pending_secret) return row.totp_pending_secret;
    const secret = newSecret();
    await tx.query('UPDATE users SET totp_pending_secret = $2 WHERE id = $1', [actor.id, secret]);
    return secret;
  });
}

/** Turns the second factor on once the user types a valid code from the pending secret. */
export async function confirmTotp(db: DbOrTx, actor: Actor, now: Date, code: string) {
  if (actor.kind !== 'user') throw new ValidationError({ code: '请先登录' });
  return inTx(db, async (tx) => {
    const row = (await tx.query<{ totp_pending_secret: string | null }>('SELECT totp_pending_secret FROM users WHERE id = $1 FOR UPDATE', [actor.id])).rows[0];
    if (!row?.totp_pending_secret) throw new ValidationError({ code: '请先打开本页获取二维码' });
    const step = acceptCode(row.totp_pending_secret, code, now, null);
    if (step === null) throw new ValidationError({ code: '验证码不正确：请核对手机时间，输入验证器上当前显示的6位数字' });
    await tx.query('UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enabled_at = $2, totp_last_step = $3 WHERE id = $1', [
      actor.id,
      now,
      step,
    ]);
    await audit(tx, actor, { at: now, action: 'user.totp_enabled', subjectType: 'user', subjectId: actor.id });
  });
}
