import type { Command } from './commands.ts';
import { ValidationError } from '../lib/errors.ts';
import { systemClock } from '../lib/clock.ts';
import { CalendarService } from '../modules/calendar/index.ts';
import { caseContext } from '../modules/requests/index.ts';
import { remindDue } from '../modules/requests/index.ts';

export const requestsCommand: Command = {
  summary: '依申请公开：requests remind（生成到期和超期提醒；服务运行时每10分钟自动执行，多节点只生成一次）',
  async run(ctx, _v, [sub]) {
    if (sub !== 'remind') throw new ValidationError({ command: '用法：requests remind' });
    const db = await ctx.openDb();
    const n = await remindDue(db, await caseContext({ calendar: new CalendarService(db), clock: systemClock, config: ctx.config }));
    ctx.out(`新生成提醒 ${n} 条。`);
  },
};
