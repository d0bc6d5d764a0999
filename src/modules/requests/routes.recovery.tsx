/** Finding a lost query code again through the contact given in the application (commands/recoverQueryCode.ts). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendPage } from '../../lib/render.ts';
import { formRoute } from '../../lib/form.ts';
import { formString } from '../../lib/validation.ts';
import { caseContext } from './caseStore.ts';
import { grantCase } from './access.ts';
import { requestRecoveryCode, RECOVERY_MINUTES, verifyRecoveryCode } from './commands/recoverQueryCode.ts';
import { NewQueryCodePage, RecoverPage } from './views/recoverPage.tsx';

const caseNo = z.preprocess((v) => formString(v).trim().toUpperCase(), z.string().min(1, '请填写申请编号').max(30, '申请编号不超过30个字符'));

export function registerRecoveryRoutes(app: FastifyInstance) {
  const { deps } = app;
  // Stricter than the other public forms: each first step may send a message.
  const limited = { config: { rateLimit: { max: 10, timeWindow: '10 minutes' } }, preHandler: app.rateLimit({ max: 10, timeWindow: '10 minutes' }) };
  const page =
    (step: 'contact' | 'code') =>
    async (
      c: { request: Parameters<typeof sendPage>[0]; reply: Parameters<typeof sendPage>[1]; values: Record<string, string> },
      state: { errors: Record<string, string>; message?: string; status: number },
    ) => {
      const ctx = app.viewContext(c.request, c.reply);
      return sendPage(c.request, c.reply, ctx, RecoverPage({ ctx, step, values: c.values, errors: state.errors, message: state.message }), { status: state.status });
    };

  app.get('/ysqgk/recover', async (request, reply) => {
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, RecoverPage({ ctx, step: 'contact', values: {}, errors: {} }));
  });

  formRoute(app, '/ysqgk/recover', {
    options: limited,
    schema: z.object({ caseNo, contact: z.preprocess((v) => formString(v).trim(), z.string().min(1, '请填写电子邮箱或手机号码').max(320, '太长了')) }),
    render: page('contact'),
    run: async (input, { request, reply }) => {
      await requestRecoveryCode(deps.db, await caseContext(deps), deps.config.secret, input);
      const ctx = app.viewContext(request, reply);
      return sendPage(
        request,
        reply,
        ctx,
        RecoverPage({
          ctx,
          step: 'code',
          values: { caseNo: input.caseNo },
          errors: {},
          notice: `如果申请编号和联系方式与申请时填写的一致，验证码已经发出，${RECOVERY_MINUTES} 分钟内有效。`,
        }),
      );
    },
  });

  formRoute(app, '/ysqgk/recover/verify', {
    options: limited,
    schema: z.object({ caseNo, code: z.preprocess((v) => formString(v).trim(), z.string().regex(/^\d{6}$/, '验证码是 6 位数字')) }),
    render: page('code'),
    run: async (input, { request, reply }) => {
      const r = await verifyRecoveryCode(deps.db, await caseContext(deps), deps.config.secret, input);
      grantCase(reply, { secret: deps.config.secret, secure: deps.config.trustProxy }, r.caseId, deps.clock.now());
      reply.header('Cache-Control', 'no-store');
      const ctx = app.viewContext(request, reply);
      return sendPage(request, reply, ctx, NewQueryCodePage({ ctx, caseNo: r.caseNo, queryCode: r.queryCode }));
    },
  });
}
