import type { Command } from './commands.ts';
import { systemClock } from '../lib/clock.ts';
import { reindexSearch } from '../modules/search/index.ts';
import { SearchService } from '../modules/search/index.ts';
import { progress } from './progress.ts';

export const searchReindexCommand: Command = {
  summary: '重建站内搜索：重新计算全部已公开信息的检索字段，通知各服务器重新载入，并试建一次索引报告规模和用时',
  async run(ctx) {
    const db = await ctx.openDb();
    const system = { kind: 'system' as const, label: 'cli:search-reindex' };
    let bar: ReturnType<typeof progress> | undefined;
    let shown = 0;
    const { items, updated } = await reindexSearch(db, system, systemClock.now(), (done, total) => {
      bar ??= progress('更新检索字段', total);
      bar.tick(done - shown);
      shown = done;
    });
    bar?.stop();
    const t0 = performance.now();
    const service = new SearchService(db);
    const build = progress('建立索引', items);
    let built = 0;
    await service.warm((n) => {
      build.tick(n - built);
      built = n;
    });
    build.stop();
    const seconds = (performance.now() - t0) / 1000;
    const e = service.index.engine;
    ctx.out(`已重建 ${items} 条已公开信息的检索（${updated} 条的检索字段有更新），运行中的服务器会在几秒内重新载入。`);
    ctx.out(
      `索引：${service.index.size} 份文件，${e.terms} 个词项，倒排表 ${(e.bytes / 1048576).toFixed(1)} MB，建立用时 ${seconds.toFixed(1)} 秒（每秒 ${Math.round(service.index.size / Math.max(seconds, 0.001))} 份）。`,
    );
  },
};
