import fs from 'node:fs';
import type { Command } from './commands.ts';
import { CalendarService, loadCalendar } from '../modules/calendar/index.ts';
import { isValidDate } from '../lib/calendar.ts';
import { ValidationError } from '../lib/errors.ts';

export const calendarCommand: Command = {
  summary: '工作日历：calendar import FILE... | add-working-days DATE N | is-working-day DATE | explain DATE N',
  async run(ctx, _v, [sub, ...args]) {
    const db = await ctx.openDb();
    if (sub === 'import') {
      if (!args.length) throw new ValidationError({ file: '请给出 holiday-cn 格式的 JSON 文件' });
      const files = args.map((f) => {
        if (!fs.existsSync(f)) throw new ValidationError({ file: `找不到文件 ${f}` });
        try {
          return { name: f, data: JSON.parse(fs.readFileSync(f, 'utf8')) as unknown };
        } catch {
          throw new ValidationError({ [f]: '不是有效的 JSON' });
        }
      });
      const r = await new CalendarService(db).importHolidayCn(files, { kind: 'system', label: '命令行' });
      for (const y of r) ctx.out(`${y.year} 年：导入 ${y.days} 天`);
      return;
    }
    const date = args[0];
    if (!date || !isValidDate(date)) throw new ValidationError({ date: '日期应为 YYYY-MM-DD 形式的有效日期' });
    const cal = await loadCalendar(db);
    if (sub === 'is-working-day') {
      const w = cal.isWorkingDay(date);
      if (w === 'unknown') {
        ctx.err(`${date.slice(0, 4)} 年的节假日安排尚未公布，无法确定。`);
        return 3;
      }
      ctx.out(String(w));
      return;
    }
    if (sub === 'add-working-days' || sub === 'explain') {
      const n = Number(args[1]);
      if (!Number.isInteger(n) || n < 0 || n > 1000) throw new ValidationError({ n: '工作日数应为 0 至 1000 的整数' });
      const r = cal.addWorkingDays(date, n);
      ctx.out(r.date);
      if (r.provisional) ctx.err(`注意：${r.unknownYears.join('、')} 年的节假日安排尚未公布，结果为暂定（按周一至周五推算）。`);
      if (sub === 'explain') {
        for (const s of r.skipped) ctx.out(`  跳过 ${s.date} ${s.reason}`);
        for (const m of r.makeUpDays) ctx.out(`  计入 ${m.date} ${m.reason}`);
      }
      return;
    }
    throw new ValidationError({ command: `未知的子命令：${sub ?? ''}（可用：import、add-working-days、is-working-day、explain）` });
  },
};
