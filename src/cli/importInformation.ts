import fs from 'node:fs';
import readline from 'node:readline';
import type { Command } from './commands.ts';
import { importItem } from '../modules/publishing/index.ts';
import { getUnitByCode } from '../modules/orgs/index.ts';
import { AppError, ValidationError } from '../lib/errors.ts';
import { systemClock } from '../lib/clock.ts';
import { progress } from './progress.ts';

export const importInformationCommand: Command = {
  summary: '导入政府信息：import-information FILE.jsonl --unit 机构代码 [--section 栏目代码]（每行一条 gov.cn 形式的记录）',
  options: { unit: { type: 'string' }, section: { type: 'string' } },
  async run(ctx, v, positionals) {
    const file = positionals[0];
    if (!file) throw new ValidationError({ file: '请给出要导入的 JSONL 文件' });
    if (!fs.existsSync(file)) throw new ValidationError({ file: `找不到文件 ${file}` });
    const db = await ctx.openDb();
    const unit = v.unit ? await getUnitByCode(db, String(v.unit)) : undefined;
    if (!unit) throw new ValidationError({ unit: `找不到机构代码为“${v.unit ?? ''}”的单位` });
    const lines: string[] = [];
    for await (const line of readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })) if (line.trim()) lines.push(line);
    const bar = progress('导入', lines.length);
    const counts = { published: 0, draft: 0, skipped: 0, failed: 0 };
    const actor = { kind: 'system' as const, label: `命令行导入 ${file}` };
    // One bulk load: on the embedded database flushed to disk once at the end (a re-run skips what was imported).
    await db.bulk(async () => {
      for (const [i, line] of lines.entries()) {
        try {
          const r = await importItem(db, actor, systemClock.now(), unit.id, JSON.parse(line), {
            section: v.section ? String(v.section) : undefined,
            indexPattern: ctx.config.indexPattern,
          });
          counts[r.status]++;
          if (r.reason) ctx.err(`第 ${i + 1} 行：${r.reason}`);
        } catch (e) {
          counts.failed++;
          const msg = e instanceof AppError ? `${e.message} ${Object.values(e.fields).join('；')}` : e instanceof SyntaxError ? '不是有效的 JSON' : String(e);
          ctx.err(`第 ${i + 1} 行未导入：${msg}`);
        }
        bar.tick();
      }
    });
    bar.stop();
    ctx.out(`完成：发布 ${counts.published} 条，作为草稿 ${counts.draft} 条，跳过（已存在）${counts.skipped} 条，失败 ${counts.failed} 条。`);
    return counts.failed ? 1 : 0;
  },
};
