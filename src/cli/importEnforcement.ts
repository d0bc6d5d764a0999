/**
 * import-enforcement: a unit's decisions from a business system's export, for files beyond the upload limit (a year's
 * or a decade's records). The same rules as the staff page: read in the sandbox a batch at a time, every row checked,
 * all or nothing, the same 文号 again a correction; each decision's clock runs from its decision date.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from './commands.ts';
import { AppError, ValidationError } from '../lib/errors.ts';
import { systemClock } from '../lib/clock.ts';
import { runUntrusted } from '../lib/untrusted/sandbox.ts';
import { getUnitByCode } from '../modules/orgs/index.ts';
import { loadCalendar } from '../modules/calendar/index.ts';
import { importDecisions, KINDS } from '../modules/enforcement/index.ts';

const ROWS_TASK = new URL('../lib/untrusted/rows.task.ts', import.meta.url);
const MAX_ROWS = 10_000_000;

export const importEnforcementCommand: Command = {
  summary: `导入行政执法决定：import-enforcement --unit 单位代码 --kind ${Object.keys(KINDS).join('|')} 文件.csv|文件.xlsx（双公示字段，见 docs/exports/enforcement-decisions.md）`,
  options: { unit: { type: 'string' }, kind: { type: 'string' } },
  async run(ctx, v, positionals) {
    const file = positionals[0];
    const kind = String(v.kind ?? '');
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) throw new ValidationError({ file: `找不到文件 ${file ?? ''}` });
    if (!Object.hasOwn(KINDS, kind)) throw new ValidationError({ kind: `--kind 应为 ${Object.keys(KINDS).join('、')} 之一` });
    const ext = path.extname(file).toLowerCase();
    if (ext !== '.csv' && ext !== '.xlsx') throw new ValidationError({ file: '只能导入 .csv 或 .xlsx 文件' });
    const db = await ctx.openDb();
    const unit = await getUnitByCode(db, String(v.unit ?? ''));
    if (!unit) throw new ValidationError({ unit: `没有代码为“${String(v.unit ?? '')}”的单位` });
    const content = fs.readFileSync(file);
    try {
      const r = await importDecisions(db, { kind: 'system', label: `命令行导入 ${path.basename(file)}` }, systemClock.now(), await loadCalendar(db), {
        unitId: unit.id,
        kind: kind as keyof typeof KINDS,
        filename: path.basename(file),
        read: (onBatch) =>
          runUntrusted(ROWS_TASK, content, { format: ext === '.csv' ? 'CSV' : 'XLSX', maxRows: MAX_ROWS, batchRows: 2000 }, onBatch as (b: unknown) => Promise<void>),
      });
      ctx.out(`完成：${unit.name} 新公示 ${r.added} 件，更正 ${r.corrected} 件，未变 ${r.unchanged} 件。`);
      return 0;
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      for (const line of Object.values(e.fields).join('\n').split('\n')) if (line) ctx.err(line);
      ctx.err(e.message);
      return 1;
    }
  },
};
