import type { AppDeps } from '../../../app.ts';
import { AppError } from '../../../lib/errors.ts';
import { audit } from '../../../lib/audit.ts';
import { parseOrThrow } from '../../../lib/validation.ts';
import { loginInput } from '../schema.ts';
import { getUserByUsername } from '../queries.ts';
import { dummyHash, verifyPassword } from '../passwords.ts';
import { createSession } from '../sessions.ts';

/**
 * Checks a username and password. After maxFailedLogins failures in a row the account is locked for lockoutMinutes;
 * the answer never says whether the username exists.
 */
export async function signIn(deps: AppDeps, raw: unknown, ip: string, userAgent: string): Promise<{ token: string; userId: number }> {
  const input = parseOrThrow(loginInput, raw);
  const now = deps.clock.now();
  const user = await getUserByUsername(deps.db, input.username);
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
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failures = user.failed_logins + 1;
    const lock = failures >= deps.config.maxFailedLogins;
    await deps.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1', [
        user.id,
        lock ? 0 : failures,
        lock ? new Date(now.getTime() + deps.config.lockoutMinutes * 60_000) : user.locked_until,
      ]);
      await audit(tx, system, { action: lock ? 'auth.account_locked' : 'auth.login_failed', subjectType: 'user', subjectId: user.id, ip, details: { failures } });
    });
    if (lock) throw new AppError('ACCOUNT_LOCKED', 423, `登录失败次数过多，账号已暂时锁定，请在 ${deps.config.lockoutMinutes} 分钟后再试或联系管理员。`);
    throw new AppError('LOGIN_FAILED', 401, '用户名或密码不正确。');
  }
  return deps.db.transaction(async (tx) => {
    await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id]);
    const token = await createSession(tx, user.id, deps.config.sessionHours, now, ip, userAgent);
    await audit(tx, { kind: 'system', label: `${user.display_name}（${user.username}）` }, { action: 'auth.login', subjectType: 'user', subjectId: user.id, ip });
    return { token, userId: user.id };
  });
}
