import type { Command } from './commands.ts';
import { migrate } from '../lib/migrate.ts';
import { openDb } from '../lib/db.ts';

export const migrateCommand: Command = {
  summary: '应用数据库迁移',
  async run(ctx) {
    const db = await openDb({ databaseUrl: ctx.config.databaseUrl, dataDir: ctx.config.dataDir, durability: ctx.config.embeddedDurability, purpose: 'npx gongkai migrate' });
    try {
      const applied = await migrate(db, (n) => ctx.out(`已应用 ${n}`));
      ctx.out(applied.length ? `完成：应用了 ${applied.length} 个迁移。` : '数据库已是最新。');
    } finally {
      await db.close();
    }
  },
};
