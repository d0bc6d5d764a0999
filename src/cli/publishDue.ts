import type { Command } from './commands.ts';
import { publishDue } from '../modules/publishing/index.ts';
import { systemClock } from '../lib/clock.ts';

export const publishDueCommand: Command = {
  summary: '发布到期的定时发布信息（服务运行时每30秒自动执行）',
  async run(ctx) {
    const n = await publishDue(await ctx.openDb(), systemClock.now(), ctx.config.indexPattern);
    ctx.out(`已发布 ${n} 条到期信息。`);
  },
};
