import path from 'node:path';
import fs from 'node:fs';
import type { Command } from './commands.ts';
import { backup, restore } from '../lib/backup.ts';
import { ValidationError } from '../lib/errors.ts';

export const backupCommand: Command = {
  summary: '备份全部数据到一个文件：backup [FILE]（默认 GONGKAI_DATA_DIR/backups/gongkai-时间.jsonl.gz）',
  async run(ctx, _v, [file]) {
    const target = file ?? path.join(ctx.config.dataDir, 'backups', `gongkai-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl.gz`);
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true, mode: 0o700 });
    const key = ctx.config.backupKey;
    const n = await backup(await ctx.openDb(), key ? target.replace(/\.jsonl\.gz$/, '.gkbak') : target, (t, rows) => ctx.err(`  ${t}: ${rows}`), { key });
    ctx.out(`已备份 ${n} 行到 ${key ? target.replace(/\.jsonl\.gz$/, '.gkbak') : target}${key ? '（已加密）' : '（未加密，仅文件所有者可读；设置 GONGKAI_BACKUP_KEY 可加密）'}`);
  },
};

export const restoreCommand: Command = {
  summary: '从备份文件恢复到空数据库：restore FILE',
  async run(ctx, _v, [file]) {
    if (!file) throw new ValidationError({ file: '请给出备份文件' });
    if (!fs.existsSync(file)) throw new ValidationError({ file: `找不到文件 ${file}` });
    const n = await restore(await ctx.openDb(), file, (t, rows) => ctx.err(`  ${t}: ${rows}`), { key: ctx.config.backupKey });
    ctx.out(`已恢复 ${n} 行。`);
  },
};
