import type { Command } from './commands.ts';
import { seedDemo } from '../../db/seeds/demo/seed.ts';

export const seedDemoCommand: Command = {
  summary: '载入示范市演示数据（仅限空数据库；生产环境须加 --force-production）',
  options: { 'force-production': { type: 'boolean' } },
  async run(ctx, v) {
    if (process.env.NODE_ENV === 'production' && !v['force-production']) throw new Error('NODE_ENV=production：拒绝载入演示数据。确需载入请加 --force-production。');
    const db = await ctx.openDb();
    const n = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM units')).rows[0].n;
    if (n > 0) throw new Error(`数据库中已有 ${n} 个单位，演示数据只能载入空数据库。`);
    const r = await seedDemo(db, (s) => ctx.err(s), { largeDatasetRows: ctx.config.demoLargeDatasetRows });
    ctx.out(`完成：${r.units} 个单位，${r.users} 个用户，${r.items} 条信息。`);
  },
};
