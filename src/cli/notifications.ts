import type { Command } from './commands.ts';
import { systemClock } from '../lib/clock.ts';
import { deliverDue, transportsFrom } from '../modules/notifications/index.ts';

/** One pass of the outbox, for a node that runs no server (cron) or to send at once after a configuration change. */
export const notificationsCommand: Command = {
  summary: 'deliver：立即发送发送队列中到期的邮件和短信（服务器运行时会自动发送）',
  async run(ctx, _values, positionals) {
    if (positionals[0] !== 'deliver') {
      ctx.err('用法：gongkai notifications deliver');
      return 2;
    }
    const transports = transportsFrom(ctx.config);
    if (!transports.email && !transports.sms) {
      ctx.err('未设置 GONGKAI_SMTP_URL 或短信参数，没有可用的发送渠道。');
      return 1;
    }
    const db = await ctx.openDb();
    const total = { sent: 0, retried: 0, failed: 0 };
    for (;;) {
      const r = await deliverDue(db, transports, systemClock.now());
      total.sent += r.sent;
      total.retried += r.retried;
      total.failed += r.failed;
      if (r.sent + r.retried + r.failed === 0) break;
    }
    ctx.out(`已发送 ${total.sent} 条，稍后重试 ${total.retried} 条，发送失败 ${total.failed} 条。`);
    return total.failed ? 1 : 0;
  },
};
