import type { Command } from './commands.ts';
import { ValidationError } from '../lib/errors.ts';
import { systemClock } from '../lib/clock.ts';
import { checkLinks } from '../modules/supervision/index.ts';

export const linksCommand: Command = {
  summary: '链接检查：links check（检查已发布信息中的外部链接，每个链接每周最多一次；服务运行时每天自动执行）',
  async run(ctx, _v, [sub]) {
    if (sub !== 'check') throw new ValidationError({ command: '用法：links check' });
    const r = await checkLinks(await ctx.openDb(), { baseUrl: ctx.config.baseUrl, now: systemClock.now() });
    ctx.out(`检查链接 ${r.checked} 个，不可用 ${r.broken} 个。`);
  },
};
