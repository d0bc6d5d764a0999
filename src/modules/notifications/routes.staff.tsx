/** The staff inbox and notification settings. Every route is the signed-in user's own. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../../lib/authz.ts';
import { sendPage } from '../../lib/render.ts';
import { field, formRoute } from '../../lib/form.ts';
import { readNotice, safePath, withNotice } from '../../lib/notice.ts';
import { audit } from '../../lib/audit.ts';
import { ValidationError } from '../../lib/errors.ts';
import { inboxOf, markRead, STAFF_KINDS } from './inbox.ts';
import { InboxPage, NotificationSettingsPage } from './views.tsx';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

export function registerNotificationRoutes(app: FastifyInstance) {
  const { deps } = app;
  const me = (request: FastifyRequest) => {
    authorize(request.actor, 'staff.enter');
    if (request.actor.kind !== 'user') throw new ValidationError({}, '只有工作人员账号有通知。');
    return request.actor.id;
  };

  app.get('/staff/inbox', async (request, reply) => {
    const userId = me(request);
    const { entries, unread } = await inboxOf(deps.db, userId);
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, InboxPage({ ctx, entries, unread }));
  });

  formRoute(app, '/staff/inbox/read', {
    guard: me,
    schema: z.object({ id: field.int('通知有误', -1) }),
    render: async ({ reply }) => reply.redirect('/staff/inbox', 303),
    run: async ({ id }, { reply, subject: userId }) => {
      const link = await markRead(deps.db, userId, deps.clock.now(), id === -1 ? undefined : id);
      // Opening a notification goes to its page; the link was written by the platform, checked again as a local path.
      return reply.redirect(link ? safePath(link) : '/staff/inbox', 303);
    },
  });

  async function settingsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: number,
    extra: { values?: { email: string; kinds: string[] }; errors?: Record<string, string>; message?: string; status?: number } = {},
  ) {
    const row = (await deps.db.query<{ email: string; email_kinds: string[] }>('SELECT email, email_kinds FROM notification_settings WHERE user_id = $1', [userId])).rows[0];
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      NotificationSettingsPage({
        ctx,
        values: extra.values ?? { email: row?.email ?? '', kinds: row?.email_kinds ?? [] },
        errors: extra.errors ?? {},
        message: extra.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: extra.status },
    );
  }

  app.get('/staff/account/notifications', async (request, reply) => settingsPage(request, reply, me(request)));

  formRoute(app, '/staff/account/notifications', {
    guard: me,
    schema: z.object({
      email: z.preprocess(
        (v) => (typeof v === 'string' ? v.trim() : ''),
        z
          .string()
          .max(320, '电子邮箱太长')
          .refine((s) => s === '' || EMAIL.test(s), '请填写有效的电子邮箱'),
      ),
      kinds: field.list(50).refine((ks) => ks.every((k) => k in STAFF_KINDS), '通知种类有误'),
    }),
    render: ({ request, reply, subject, values, lists }, state) =>
      settingsPage(request, reply, subject, { ...state, values: { email: values.email ?? '', kinds: lists.kinds ?? [] } }),
    run: async ({ email, kinds }, { request, reply, subject: userId }) => {
      if (kinds.length && !email) throw new ValidationError({ email: '要用邮件接收通知，请填写电子邮箱' });
      const now = deps.clock.now();
      await deps.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO notification_settings (user_id, email, email_kinds, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, email_kinds = EXCLUDED.email_kinds, updated_at = EXCLUDED.updated_at`,
          [userId, email, kinds, now],
        );
        await audit(tx, request.actor, { at: now, action: 'notifications.settings', subjectType: 'user', subjectId: userId, details: { email: email ? 'set' : 'none', kinds } });
      });
      return reply.redirect(withNotice('/staff/account/notifications', '通知设置已保存', deps.config.secret), 303);
    },
  });
}
