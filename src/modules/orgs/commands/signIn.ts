import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppDeps } from '../../../app.ts';
import { acceptCode } from '../totp.ts';
import { AppError } from '../../../lib/errors.ts';
import { audit } from '../../../lib/audit.ts';
import { parseOrThrow } from '../../../lib/validation.ts';
import { loginInput } from '../schema.ts';
import { getUserByUsername } from '../queries.ts';
import { dummyHash, verifyPassword } from '../passwords.ts';
import { createSession } from '../sessions.ts';

/** The first step passed (the password was right) and the second factor is asked for; `ticket` carries the first. */
export class TotpRequiredError extends AppError {
  constructor(
    readonly ticket: string,
    message = '请输入手机验证器（身份验证器应用）显示的6位动态验证码。',
  ) {
    super('TOTP_REQUIRED', 401, message);
  }
}

const TICKET_MINUTES = 5;
const sign = (secret: string, body: string) => createHmac('sha256', secret).update(`totp-ticket:${body}`).digest('base64url');

/** A signed, short-lived note that this user gave the right password at `now` (bound to the current password). */
function ticketFor(secret: string, user: { id: number; password_changed_at: Date }, now: Date): string {
  const body = Buffer.from(JSON.stringify({ u: user.id, exp: now.getTime() + TICKET_MINUTES * 60_000, pc: user.password_changed_at.getTime() })).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

function readTicket(secret: string, ticket: string, now: Date): { u: number; pc: number } | null {
  const [body, mac] = ticket.split('.');
  if (!body || !mac) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const t = JSON.parse(Buffer.from(body, 'base64url').toString()) as { u: number; exp: number; pc: number };
  return t.exp > now.getTime() ? t : null;
}

/**
 * Checks a username and password, then, for a user with a second factor, the TOTP code (in the same post, or in a
 * second one carrying the ticket of the first). After maxFailedLogins failures in a row (wrong passwords and wrong
 * codes alike) the account is locked for lockoutMinutes; the answer never says whether the username exists.
 */
export async function signIn(deps: AppDeps, raw: unknown, ip: string, userAgent: string): Promise<{ token: string; userId: number }> {
  const r = (raw ?? {}) as { username?: string; password?: string; code?: string; ticket?: string };
  const now = deps.clock.now();
  const code = typeof r.code === 'string' ? r.code.trim().slice(0, 20) : '';
  const ticket = typeof r.ticket === 'string' && r.ticket ? readTicket(deps.config.secret, r.ticket.slice(0, 500), now) : null;
  if (typeof r.ticket === 'string' && r.ticket && !ticket) throw new AppError('LOGIN_FAILED', 401, '登录已超时，请重新输入用户名和密码。');
  const input = ticket
    ? {
        username: String(r.username ?? '')
          .trim()
          .toLowerCase(),
        password: '',
      }
    : parseOrThrow(loginInput, raw);
  const user = await getUserByUsername(deps.db, input.username);
  if (ticket && (!user || user.id !== ticket.u || user.password_changed_at.getTime() !== ticket.pc || !user.active)) {
    throw new AppError('LOGIN_FAILED', 401, '登录已超时，请重新输入用户名和密码。');
  }
  const system = { kind: 'system' as const, label: `登录：${input.username}` };
  if (!user || !user.active) {
    await verifyPassword(await dummyHash(), input.password);
    await audit(deps.db, system, { action: 'auth.login_failed', subjectType: 'user', subjectId: input.username, ip });
    throw new AppError('LOGIN_FAILED', 401, '用户名或密码不正确。');
  }
  if (user.locked_until && user.locked_until > now) {
    // As slow as a wrong password, so the answer's timing does not tell a locked account from an unknown one.
    await verifyPassword(await dummyHash(), input.password);
    await audit(deps.db, system, { action: 'auth.login_locked', subjectType: 'user', subjectId: user.id, ip });
    throw new AppError('ACCOUNT_LOCKED', 423, `登录失败次数过多，账号已暂时锁定，请在 ${deps.config.lockoutMinutes} 分钟后再试或联系管理员。`);
  }
  const fail = async (what: 'password' | 'code') => {
    const failures = user.failed_logins + 1;
    const lock = failures >= deps.config.maxFailedLogins;
    await deps.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1', [
        user.id,
        lock ? 0 : failures,
        lock ? new Date(now.getTime() + deps.config.lockoutMinutes * 60_000) : user.locked_until,
      ]);
      await audit(tx, system, { action: lock ? 'auth.account_locked' : 'auth.login_failed', subjectType: 'user', subjectId: user.id, ip, details: { failures, what } });
    });
    if (lock) throw new AppError('ACCOUNT_LOCKED', 423, `登录失败次数过多，账号已暂时锁定，请在 ${deps.config.lockoutMinutes} 分钟后再试或联系管理员。`);
    if (what === 'code') throw new TotpRequiredError(ticketFor(deps.config.secret, user, now), '动态验证码不正确或已使用过，请输入验证器上新的验证码。');
    throw new AppError('LOGIN_FAILED', 401, '用户名或密码不正确。');
  };
  if (!ticket && !(await verifyPassword(user.password_hash, input.password))) return fail('password');
  let step: number | null = null;
  if (user.totp_secret) {
    if (!code) throw new TotpRequiredError(ticketFor(deps.config.secret, user, now));
    step = acceptCode(user.totp_secret, code, now, user.totp_last_step === null ? null : Number(user.totp_last_step));
    if (step === null) return fail('code');
  }
  return deps.db.transaction(async (tx) => {
    await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL, totp_last_step = COALESCE($2, totp_last_step) WHERE id = $1', [user.id, step]);
    const token = await createSession(tx, user.id, deps.config.sessionHours, now, ip, userAgent);
    await audit(tx, { kind: 'system', label: `${user.display_name}（${user.username}）` }, { action: 'auth.login', subjectType: 'user', subjectId: user.id, ip });
    return { token, userId: user.id };
  });
}
