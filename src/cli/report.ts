import fs from 'node:fs';
import type { Command } from './commands.ts';
import { ValidationError } from '../lib/errors.ts';
import { getUnitByCode } from '../modules/orgs/index.ts';
import { buildReport } from '../modules/reports/index.ts';
import { reportBlocks } from '../modules/reports/index.ts';
import { reportDocx, reportXlsx } from '../modules/reports/index.ts';
import { importReport } from '../modules/reports/index.ts';
import { systemClock } from '../lib/clock.ts';

export const reportCommand: Command = {
  summary:
    '年度报告：report annual --unit 机构代码 --year 年度 --format json|docx|xlsx [--out 文件] | report import --unit 机构代码 --year 年度 文件.json（平台启用前年度的报告，2019或2021格式）',
  options: { unit: { type: 'string' }, year: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  async run(ctx, v, [sub, file]) {
    if (sub === 'import') {
      const year = Number(v.year);
      if (!file || !fs.existsSync(file)) throw new ValidationError({ file: '请给出报告数据文件（JSON）' });
      let data: unknown;
      try {
        data = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        throw new ValidationError({ file: '不是有效的 JSON' });
      }
      const db = await ctx.openDb();
      const unit = v.unit ? await getUnitByCode(db, String(v.unit)) : undefined;
      if (!unit) throw new ValidationError({ unit: `找不到机构代码 ${v.unit ?? ''}` });
      const r = await importReport(db, { kind: 'system', label: '命令行' }, systemClock.now(), { unitId: unit.id, year, data });
      ctx.out(`已导入 ${unit.name}${year}年度报告（${r.format}格式）。`);
      return;
    }
    if (sub !== 'annual') throw new ValidationError({ command: '用法：report annual --unit 机构代码 --year 年度 --format json|docx|xlsx' });
    const year = Number(v.year);
    if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new ValidationError({ year: '请用 --year 给出年度，如 2026' });
    const format = String(v.format ?? 'json');
    if (!['json', 'docx', 'xlsx'].includes(format)) throw new ValidationError({ format: '--format 只能是 json、docx 或 xlsx' });
    if (format !== 'json' && !v.out) throw new ValidationError({ out: 'docx 和 xlsx 须用 --out 给出文件' });
    const db = await ctx.openDb();
    const unit = v.unit ? await getUnitByCode(db, String(v.unit)) : undefined;
    if (!unit) throw new ValidationError({ unit: `找不到机构代码 ${v.unit ?? ''}` });
    const built = await buildReport(db, unit.id, year);
    const title = `${unit.name}${year}年政府信息公开工作年度报告`;
    if (format === 'json') {
      const cells = (t: Record<string, Record<string, { value: number }>>) =>
        Object.fromEntries(Object.entries(t).map(([r, cols]) => [r, Object.fromEntries(Object.entries(cols).map(([c, x]) => [c, x.value]))]));
      const json = JSON.stringify({
        unit: unit.code,
        year,
        state: built.report?.state ?? null,
        table2: built.table2,
        table3: cells(built.table3),
        table4: cells(built.table4),
        checks: built.checks,
      });
      if (v.out) fs.writeFileSync(String(v.out), json);
      else ctx.out(json);
      return;
    }
    const blocks = reportBlocks(built, built.report?.narrative ?? {});
    fs.writeFileSync(String(v.out), format === 'docx' ? await reportDocx(title, blocks) : await reportXlsx(title, blocks));
    ctx.out(`已写入 ${v.out}`);
  },
};
