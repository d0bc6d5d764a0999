/** Sign-in, sign-out, reading preferences, and the staff screens for units, users and API tokens. Thin handlers. */
import { saveOfficials, unitOfficials } from './commands/officials.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, NotFoundError } from '../../lib/errors.ts';
import { field, formRoute } from '../../lib/form.ts';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { sendPage } from '../../lib/render.ts';
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
import { LoginPage, UnitEditPage, UnitsPage, UsersPage, TokensPage } from './views.tsx';

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

  const loginRate = { max: 20, timeWindow: '1 minute' } as const;
  formRoute(app, '/login', {
    options: { config: { rateLimit: loginRate }, preHandler: app.rateLimit(loginRate) },
    schema: z.object({ username: field.text(100), password: field.raw(1000), code: field.text(20), ticket: field.text(200), next: field.text(2000) }),
    render: ({ request, reply, values }, state) => {
      const ctx = app.viewContext(request, reply);
      const error = new AppError('VALIDATION_FAILED', state.status, state.message ?? '提交的内容有误，请按提示修改。', state.errors);
      return sendPage(request, reply, ctx, LoginPage({ ctx, next: safeBack(values.next), values: { username: values.username ?? '' }, error }), { status: state.status });
    },
    run: async (input, { request, reply }) => {
      const next = safeBack(input.next);
      try {
        const { token } = await signIn(deps, input, request.ip, request.headers['user-agent'] ?? '');
        reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
        // A new CSRF nonce with the new session: a token planted or seen before sign-in is worth nothing after it.
        reply.setCookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), { path: '/', httpOnly: true, sameSite: 'lax', secure });
        return reply.redirect(next === '/' ? '/staff' : next, 303);
      } catch (err) {
        // Sign-in errors (wrong password: 401, locked) are shown on the sign-in form too.
        if (!(err instanceof AppError)) throw err;
        const ctx = app.viewContext(request, reply);
        const ticket = err instanceof TotpRequiredError ? err.ticket : undefined;
        return sendPage(request, reply, ctx, LoginPage({ ctx, next, values: { username: input.username }, error: err, ticket }), { status: err.status });
      }
    },
  });

  formRoute(app, '/logout', {
    schema: z.object({ everywhere: field.checkbox() }),
    render: async ({ reply }) => reply.redirect('/', 303),
    run: async (input, { request, reply }) => {
      await signOut(deps.db, request.actor, deps.clock.now(), input.everywhere);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/', 303);
    },
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
    return sendPage(
      request,
      reply,
      ctx,
      UnitEditPage({
        ctx,
        unit,
        values: unit as unknown as Record<string, string>,
        errors: {},
        officials: await officialsForm(unit.id),
        notice: readNotice(request.query, deps.config.secret),
      }),
    );
  });

  const UNIT_FIELDS = {
    code: 'code',
    creditCode: 'credit_code',
    name: 'name',
    shortName: 'short_name',
    officeName: 'office_name',
    address: 'address',
    officeHours: 'office_hours',
    phone: 'phone',
    fax: 'fax',
    webContact: 'web_contact',
    email: 'email',
    postcode: 'postcode',
    guideText: 'guide_text',
  } as const;
  formRoute(app, '/staff/units/:id/edit', {
    guard: async (request) => {
      const unit = await getUnit(deps.db, Number((request.params as { id: string }).id) || 0);
      if (!unit) throw new NotFoundError();
      authorize(request.actor, 'unit.manage', { unitPath: unit.path });
      return unit;
    },
    schema: z.object(
      Object.fromEntries(Object.keys(UNIT_FIELDS).map((k) => [k, field.text(k === 'guideText' ? 20_000 : 500)])) as Record<keyof typeof UNIT_FIELDS, ReturnType<typeof field.text>>,
    ),
    render: async ({ request, reply, subject: unit, values: typed }, state) => {
      const ctx = app.viewContext(request, reply);
      const values = { ...(unit as unknown as Record<string, string>) };
      for (const [form, column] of Object.entries(UNIT_FIELDS)) values[column] = typed[form] ?? '';
      return sendPage(request, reply, ctx, UnitEditPage({ ctx, unit, values, errors: state.errors, message: state.message, officials: await officialsForm(unit.id) }), {
        status: state.status,
      });
    },
    run: async (input, { request, reply, subject: unit }) => {
      await updateUnit(deps.db, request.actor, unit.id, input, deps.clock.now());
      return reply.redirect('/staff/units?saved=1', 303);
    },
  });

  /** The officials form of a unit page, filled from what is stored. */
  async function officialsForm(unitId: number): Promise<{ values: Record<string, string>; errors: Record<string, string>; changedOn?: string }> {
    const o = await unitOfficials(deps.db, unitId);
    return {
      values: o
        ? {
            leaderName: o.leader_name,
            leaderPost: o.leader_post,
            headName: o.head_name,
            headPost: o.head_post,
            headPhone: o.head_phone,
            liaisons: o.liaisons.map((l) => [l.name, l.post, l.phone].filter(Boolean).join(' ')).join('\n'),
          }
        : {},
      errors: {},
      changedOn: o?.changed_on,
    };
  }

  formRoute(app, '/staff/units/:id/officials', {
    guard: async (request) => {
      const unit = await getUnit(deps.db, Number((request.params as { id: string }).id) || 0);
      if (!unit) throw new NotFoundError();
      authorize(request.actor, 'unit.manage', { unitPath: unit.path });
      return unit;
    },
    schema: z.object({
      leaderName: field.text(100),
      leaderPost: field.text(100),
      headName: field.text(100),
      headPost: field.text(100),
      headPhone: field.text(100),
      liaisons: field.text(3000),
    }),
    render: async ({ request, reply, subject: unit, values }, state) => {
      const ctx = app.viewContext(request, reply);
      const stored = await officialsForm(unit.id);
      return sendPage(
        request,
        reply,
        ctx,
        UnitEditPage({ ctx, unit, values: unit as unknown as Record<string, string>, errors: {}, officials: { ...stored, values, errors: state.errors, message: state.message } }),
        { status: state.status },
      );
    },
    run: async (input, { request, reply, subject: unit }) => {
      await saveOfficials(deps.db, request.actor, unit.id, input, deps.clock.now());
      return reply.redirect(withNotice(`/staff/units/${unit.id}/edit#officials`, '政务公开工作人员已保存', deps.config.secret), 303);
    },
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

  formRoute(app, '/staff/users', {
    guard: (request) => authorize(request.actor, 'user.manage'),
    schema: z.object({
      username: field.text(100),
      displayName: field.text(100),
      unitId: field.int('请选择单位'),
      roleUnitId: field.int('请选择授权范围'),
      password: field.raw(1000),
      roles: field.list(20),
    }),
    render: ({ request, reply, values, lists }, state) =>
      usersPage(request, reply, { values: { ...values, roles: lists.roles, password: '' }, errors: state.errors, message: state.message, status: state.status }),
    run: async (input, { request, reply }) => {
      const scope = input.roleUnitId || input.unitId;
      await createUser(deps.db, request.actor, { ...input, grants: input.roles.map((role) => ({ role, unitId: scope })) });
      return reply.redirect('/staff/users?created=1', 303);
    },
  });

  app.get('/staff/account/password', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const ctx = app.viewContext(request, reply);
    const required = request.actor.kind === 'user' && !!request.actor.mustChangePassword;
    return sendPage(request, reply, ctx, PasswordPage({ ctx, required, errors: {}, notice: readNotice(request.query, deps.config.secret) }));
  });

  formRoute(app, '/staff/account/password', {
    guard: (request) => authorize(request.actor, 'staff.enter'),
    schema: z.object({ current: field.raw(1000), next: field.raw(1000), confirm: field.raw(1000) }),
    render: ({ request, reply }, state) => {
      const ctx = app.viewContext(request, reply);
      const required = request.actor.kind === 'user' && !!request.actor.mustChangePassword;
      return sendPage(request, reply, ctx, PasswordPage({ ctx, required, errors: state.errors, message: state.message }), { status: state.status });
    },
    run: async (input, { request, reply }) => {
      await changeOwnPassword(deps.db, request.actor, deps.clock.now(), input);
      return reply.redirect(withNotice('/staff', '密码已修改', deps.config.secret), 303);
    },
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

  formRoute(app, '/staff/account/totp', {
    guard: (request) => authorize(request.actor, 'staff.enter'),
    schema: z.object({ code: field.text(20) }),
    render: ({ request, reply }, state) => totpPage(request, reply, state),
    run: async (input, { request, reply }) => {
      await confirmTotp(deps.db, request.actor, deps.clock.now(), input.code);
      return reply.redirect(withNotice('/staff', '动态验证码已启用，今后登录时需要输入', deps.config.secret), 303);
    },
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

  const userId = (request: FastifyRequest) => Number((request.params as { id: string }).id) || 0;
  formRoute(app, '/staff/users/:id/reset', {
    schema: z.object({}),
    render: ({ request, reply }, state) => userPage(request, reply, state),
    run: async (_input, { request, reply }) => userPage(request, reply, { temporaryPassword: await resetPassword(deps.db, request.actor, deps.clock.now(), userId(request)) }),
  });

  for (const [path, active] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    formRoute(app, `/staff/users/:id/${path}`, {
      schema: z.object({ reason: field.text(500) }),
      render: ({ request, reply }, state) => userPage(request, reply, state),
      run: async (input, { request, reply }) => {
        const id = userId(request);
        await setUserActive(deps.db, request.actor, deps.clock.now(), id, { active, reason: input.reason });
        return reply.redirect(withNotice(`/staff/users/${id}`, active ? '账号已启用' : '账号已停用，其登录已全部结束', deps.config.secret), 303);
      },
    });
  }

  formRoute(app, '/staff/tokens/:id/revoke', {
    schema: z.object({}),
    render: async ({ reply }, state) => reply.redirect(withNotice('/staff/tokens', state.message ?? '未能吊销', deps.config.secret), 303),
    run: async (_input, { request, reply }) => {
      await revokeApiToken(deps.db, request.actor, deps.clock.now(), Number((request.params as { id: string }).id) || 0);
      return reply.redirect(withNotice('/staff/tokens', '接口令牌已吊销', deps.config.secret), 303);
    },
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

  const tokenUnits = async (request: FastifyRequest) => {
    const paths = grantedPaths(request.actor, ['system_admin', 'office_admin']);
    return asTree(await listUnits(deps.db)).filter((u) => paths.some((p) => u.path.startsWith(p)));
  };
  formRoute(app, '/staff/tokens', {
    guard: (request) => authorize(request.actor, 'token.manage'),
    schema: z.object({ unitId: field.int('请选择单位'), name: field.text(100), scopes: field.list(20) }),
    render: async ({ request, reply, values, lists }, state) => {
      const ctx = app.viewContext(request, reply);
      const units = await tokenUnits(request);
      return sendPage(request, reply, ctx, TokensPage({ ctx, tokens: [], units, errors: state.errors, message: state.message, values: { ...values, scopes: lists.scopes } }), {
        status: state.status,
      });
    },
    run: async (input, { request, reply }) => {
      const created = await createApiToken(deps.db, request.actor, input);
      const ctx = app.viewContext(request, reply);
      return sendPage(request, reply, ctx, TokensPage({ ctx, tokens: [], units: await tokenUnits(request), errors: {}, created: created.token }));
    },
  });
}
