/** Sign-in, sign-out, reading preferences, and the staff screens for units, users and API tokens. Thin handlers. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, NotFoundError, isFormError } from '../../lib/errors.ts';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { sendPage } from '../../lib/render.ts';
import { formList, formString } from '../../lib/validation.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { signIn } from './commands/signIn.ts';
import { signOut } from './commands/signOut.ts';
import { createUser } from './commands/createUser.ts';
import { updateUnit } from './commands/updateUnit.ts';
import { createApiToken } from './commands/createApiToken.ts';
import { asTree, getUnit, listUnits, listUsersIn } from './queries.ts';
import { randomBytes } from 'node:crypto';
import { CSRF_COOKIE } from '../../lib/csrf.ts';
import { TotpRequiredError } from './commands/signIn.ts';
import { readNotice, safePath, withNotice } from '../../lib/notice.ts';
import { PasswordPage, TotpPage, UserActionsPage } from './views.account.tsx';
import { changeOwnPassword, confirmTotp, pendingTotpSecret, resetPassword, revokeApiToken, setUserActive } from './commands/accounts.ts';
import { enrolment } from './totp.ts';
import { LoginPage, StaffHome, UnitEditPage, UnitsPage, UsersPage, TokensPage } from './views.tsx';

const safeBack = (v: unknown) => safePath(v);

export function registerOrgsRoutes(app: FastifyInstance) {
  const { deps } = app;
  const secure = deps.config.trustProxy;

  app.get('/prefs', async (request, reply) => {
    const q = request.query as Record<string, string>;
    const opts = { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax' as const, secure, httpOnly: true };
    if (q.script === 'hant' || q.script === 'hans') reply.setCookie('gk_script', q.script, opts);
    if (q.view === 'large' || q.view === 'standard') reply.setCookie('gk_view', q.view, opts);
    return reply.redirect(safeBack(q.back));
  });

  app.get('/login', async (request, reply) => {
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, LoginPage({ ctx, next: safeBack((request.query as Record<string, string>).next), values: {} }));
  });

  app.post('/login', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } }, preHandler: app.rateLimit({ max: 20, timeWindow: '1 minute' }) }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const next = safeBack(body.next);
    try {
      const { token } = await signIn(
        deps,
        { username: formString(body.username), password: formString(body.password), code: formString(body.code), ticket: formString(body.ticket) },
        request.ip,
        request.headers['user-agent'] ?? '',
      );
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
      // A new CSRF nonce with the new session: a token planted or seen before sign-in is worth nothing after it.
      reply.setCookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), { path: '/', httpOnly: true, sameSite: 'lax', secure });
      return reply.redirect(next === '/' ? '/staff' : next, 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const ctx = app.viewContext(request, reply);
      const ticket = err instanceof TotpRequiredError ? err.ticket : undefined;
      return sendPage(request, reply, ctx, LoginPage({ ctx, next, values: { username: formString(body.username) }, error: err, ticket }), { status: err.status });
    }
  });

  app.post('/logout', async (request, reply) => {
    await signOut(deps.db, request.actor, deps.clock.now(), formString((request.body as Record<string, unknown>).everywhere) === '1');
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  app.get('/staff', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, StaffHome({ ctx }));
  });

  app.get('/staff/units', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const ctx = app.viewContext(request, reply);
    const units = asTree(await listUnits(deps.db));
    return sendPage(request, reply, ctx, UnitsPage({ ctx, units, canEdit: (p) => can(request.actor, 'unit.manage', { unitPath: p }) }));
  });

  app.get('/staff/units/:id/edit', async (request, reply) => {
    const unit = await getUnit(deps.db, Number((request.params as { id: string }).id) || 0);
    if (!unit) throw new NotFoundError();
    authorize(request.actor, 'unit.manage', { unitPath: unit.path });
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, UnitEditPage({ ctx, unit, values: unit as unknown as Record<string, string>, errors: {} }));
  });

  app.post('/staff/units/:id/edit', async (request, reply) => {
    const unit = await getUnit(deps.db, Number((request.params as { id: string }).id) || 0);
    if (!unit) throw new NotFoundError();
    authorize(request.actor, 'unit.manage', { unitPath: unit.path });
    const b = request.body as Record<string, unknown>;
    const fields = ['code', 'creditCode', 'name', 'shortName', 'officeName', 'address', 'officeHours', 'phone', 'fax', 'webContact', 'email', 'postcode', 'guideText'];
    const input = Object.fromEntries(fields.map((f) => [f, formString(b[f])]));
    try {
      await updateUnit(deps.db, request.actor, unit.id, input, deps.clock.now());
      return reply.redirect('/staff/units?saved=1', 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      const ctx = app.viewContext(request, reply);
      const values = {
        ...unit,
        code: input.code,
        credit_code: input.creditCode,
        name: input.name,
        short_name: input.shortName,
        office_name: input.officeName,
        address: input.address,
        office_hours: input.officeHours,
        phone: input.phone,
        fax: input.fax,
        web_contact: input.webContact,
        email: input.email,
        postcode: input.postcode,
        guide_text: input.guideText,
      } as unknown as Record<string, string>;
      return sendPage(request, reply, ctx, UnitEditPage({ ctx, unit, values, errors: err.fields, message: err.message }), { status: err.status });
    }
  });

  const usersPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Record<string, unknown>; errors?: Record<string, string>; message?: string; status?: number } = {},
  ) => {
    const paths = grantedPaths(request.actor, ['system_admin', 'office_admin']);
    const ctx = app.viewContext(request, reply);
    const units = asTree(await listUnits(deps.db)).filter((u) => paths.some((p) => u.path.startsWith(p)));
    return sendPage(
      request,
      reply,
      ctx,
      UsersPage({ ctx, users: await listUsersIn(deps.db, paths), units, values: extra.values ?? {}, errors: extra.errors ?? {}, message: extra.message }),
      { status: extra.status },
    );
  };

  app.get('/staff/users', async (request, reply) => {
    authorize(request.actor, 'user.manage');
    return usersPage(request, reply);
  });

  app.post('/staff/users', async (request, reply) => {
    authorize(request.actor, 'user.manage');
    const b = request.body as Record<string, unknown>;
    const scope = Number(formString(b.roleUnitId)) || Number(formString(b.unitId));
    const input = {
      username: formString(b.username),
      displayName: formString(b.displayName),
      unitId: Number(formString(b.unitId)) || 0,
      password: formString(b.password),
      grants: formList(b.roles).map((role) => ({ role, unitId: scope })),
    };
    try {
      await createUser(deps.db, request.actor, input);
      return reply.redirect('/staff/users?created=1', 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      return usersPage(request, reply, { values: { ...b, password: '' }, errors: err.fields, message: err.message, status: err.status });
    }
  });

  app.get('/staff/account/password', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const ctx = app.viewContext(request, reply);
    const required = request.actor.kind === 'user' && !!request.actor.mustChangePassword;
    return sendPage(request, reply, ctx, PasswordPage({ ctx, required, errors: {}, notice: readNotice(request.query, deps.config.secret) }));
  });

  app.post('/staff/account/password', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const b = request.body as Record<string, unknown>;
    try {
      await changeOwnPassword(deps.db, request.actor, deps.clock.now(), { current: formString(b.current), next: formString(b.next), confirm: formString(b.confirm) });
      return reply.redirect(withNotice('/staff', '密码已修改', deps.config.secret), 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      const ctx = app.viewContext(request, reply);
      const required = request.actor.kind === 'user' && !!request.actor.mustChangePassword;
      return sendPage(request, reply, ctx, PasswordPage({ ctx, required, errors: err.fields, message: err.message }), { status: err.status });
    }
  });

  async function totpPage(request: FastifyRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; message?: string; status?: number } = {}) {
    authorize(request.actor, 'staff.enter');
    const a = request.actor;
    if (a.kind !== 'user') throw new NotFoundError();
    const ctx = app.viewContext(request, reply);
    reply.header('Cache-Control', 'no-store');
    const required = deps.config.requireAdminTotp && a.grants.some((g) => g.role === 'system_admin' || g.role === 'office_admin');
    if (a.totp) return sendPage(request, reply, ctx, TotpPage({ ctx, enabled: true, required, errors: {} }));
    const secret = await pendingTotpSecret(deps.db, a);
    const { svg } = await enrolment(secret, a.username, deps.config.siteName);
    return sendPage(request, reply, ctx, TotpPage({ ctx, enabled: false, required, svg, secret, errors: extra.errors ?? {}, message: extra.message }), { status: extra.status });
  }

  app.get('/staff/account/totp', async (request, reply) => totpPage(request, reply));

  app.post('/staff/account/totp', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    try {
      await confirmTotp(deps.db, request.actor, deps.clock.now(), formString((request.body as Record<string, unknown>).code));
      return reply.redirect(withNotice('/staff', '动态验证码已启用，今后登录时需要输入', deps.config.secret), 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      return totpPage(request, reply, { errors: err.fields, message: err.message, status: err.status });
    }
  });

  async function userPage(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { temporaryPassword?: string; errors?: Record<string, string>; message?: string; status?: number } = {},
  ) {
    const id = Number((request.params as { id: string }).id) || 0;
    const u = (
      await deps.db.query<{ id: number; username: string; display_name: string; active: boolean; disabled_reason: string; must_change_password: boolean; path: string }>(
        'SELECT u.id, u.username, u.display_name, u.active, u.disabled_reason, u.must_change_password, n.path FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = $1',
        [id],
      )
    ).rows[0];
    if (!u) throw new NotFoundError('没有这个用户。');
    authorize(request.actor, 'user.manage', { unitPath: u.path });
    const ctx = app.viewContext(request, reply);
    reply.header('Cache-Control', 'no-store');
    return sendPage(
      request,
      reply,
      ctx,
      UserActionsPage({
        ctx,
        user: u,
        errors: extra.errors ?? {},
        message: extra.message,
        temporaryPassword: extra.temporaryPassword,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: extra.status },
    );
  }

  app.get('/staff/users/:id', async (request, reply) => userPage(request, reply));

  app.post('/staff/users/:id/reset', async (request, reply) => {
    const id = Number((request.params as { id: string }).id) || 0;
    const temporaryPassword = await resetPassword(deps.db, request.actor, deps.clock.now(), id);
    return userPage(request, reply, { temporaryPassword });
  });

  for (const [path, active] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    app.post(`/staff/users/:id/${path}`, async (request, reply) => {
      const id = Number((request.params as { id: string }).id) || 0;
      try {
        await setUserActive(deps.db, request.actor, deps.clock.now(), id, { active, reason: formString((request.body as Record<string, unknown>).reason) });
        return reply.redirect(withNotice(`/staff/users/${id}`, active ? '账号已启用' : '账号已停用，其登录已全部结束', deps.config.secret), 303);
      } catch (err) {
        if (!isFormError(err)) throw err;
        return userPage(request, reply, { errors: err.fields, message: err.message, status: err.status });
      }
    });
  }

  app.post('/staff/tokens/:id/revoke', async (request, reply) => {
    await revokeApiToken(deps.db, request.actor, deps.clock.now(), Number((request.params as { id: string }).id) || 0);
    return reply.redirect(withNotice('/staff/tokens', '接口令牌已吊销', deps.config.secret), 303);
  });

  app.get('/staff/tokens', async (request, reply) => {
    const paths = grantedPaths(request.actor, ['system_admin', 'office_admin']);
    authorize(request.actor, 'token.manage');
    const ctx = app.viewContext(request, reply);
    const units = asTree(await listUnits(deps.db)).filter((u) => paths.some((p) => u.path.startsWith(p)));
    const tokens = (
      await deps.db.query<{ id: number; name: string; unit_name: string; scopes: string[]; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }>(
        `SELECT t.id, t.name, u.name AS unit_name, t.scopes, t.created_at, t.last_used_at, t.revoked_at FROM api_tokens t
         JOIN units u ON u.id = t.unit_id WHERE u.path LIKE ANY ($1::text[]) ORDER BY t.id DESC`,
        [paths.map((p) => `${p}%`)],
      )
    ).rows;
    return sendPage(request, reply, ctx, TokensPage({ ctx, tokens, units, errors: {} }));
  });

  app.post('/staff/tokens', async (request, reply) => {
    authorize(request.actor, 'token.manage');
    const b = request.body as Record<string, unknown>;
    const ctx = app.viewContext(request, reply);
    const paths = grantedPaths(request.actor, ['system_admin', 'office_admin']);
    const units = asTree(await listUnits(deps.db)).filter((u) => paths.some((p) => u.path.startsWith(p)));
    try {
      const created = await createApiToken(deps.db, request.actor, { unitId: Number(formString(b.unitId)) || 0, name: formString(b.name), scopes: formList(b.scopes) });
      return sendPage(request, reply, ctx, TokensPage({ ctx, tokens: [], units, errors: {}, created: created.token }));
    } catch (err) {
      if (!isFormError(err)) throw err;
      return sendPage(request, reply, ctx, TokensPage({ ctx, tokens: [], units, errors: err.fields, message: err.message, values: b }), { status: err.status });
    }
  });
}
