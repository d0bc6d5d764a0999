import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Command } from './commands.ts';
import { importLegacyIssues, LEGACY_COLUMNS, parseLegacySheet } from '../modules/gazette/index.ts';
import { AppError, ValidationError } from '../lib/errors.ts';
import { systemClock } from '../lib/clock.ts';
import { readFirstSheet } from '../lib/untrusted/sheet.ts';

const MAX_ROWS = 100_000;

export const importGazetteCommand: Command = {
  summary: `导入公报存档：import-gazette 文件夹（内有 目录.csv 或 目录.xlsx，列为 ${LEGACY_COLUMNS.join('、')}；每期一个 PDF，名为 年份-期号.pdf）`,
  options: {},
  async run(ctx, _v, positionals) {
    const dir = positionals[0];
    if (!dir || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ValidationError({ dir: `找不到文件夹 ${dir ?? ''}` });
    const sheetFile = ['目录.xlsx', '目录.csv'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!sheetFile) throw new ValidationError({ dir: '文件夹中应有 目录.csv 或 目录.xlsx' });
    const content = fs.readFileSync(sheetFile);
    let rows: { n: number; cells: string[] }[];
    if (sheetFile.endsWith('.xlsx')) {
      const sheet = await readFirstSheet(content, { width: 20, limit: MAX_ROWS });
      if (!sheet) throw new ValidationError({ file: `${sheetFile} 不是可读的 Excel 文件` });
      if (sheet.tooMany) throw new ValidationError({ file: `目录超过 ${MAX_ROWS} 行` });
      rows = sheet.rows;
    } else {
      const records = parse(content.toString('utf8').replace(/^\ufeff/, ''), { relax_column_count: true, to: MAX_ROWS + 1 }) as string[][];
      rows = records.map((cells, i) => ({ n: i + 1, cells }));
    }
    const { issues, errors } = parseLegacySheet(rows);
    if (errors.length) {
      for (const e of errors) ctx.err(e);
      ctx.err(`未导入：目录有 ${errors.length} 处问题。`);
      return 1;
    }
    const pdfs = new Map<string, Buffer>();
    for (const f of fs.readdirSync(dir)) if (f.toLowerCase().endsWith('.pdf')) pdfs.set(f, fs.readFileSync(path.join(dir, f)));
    const db = await ctx.openDb();
    try {
      const n = await importLegacyIssues(db, { kind: 'system', label: `命令行导入 ${dir}` }, systemClock.now(), issues, pdfs, ctx.config.maxUploadBytes * 4);
      ctx.out(`完成：导入 ${n} 期，${issues.reduce((s, i) => s + i.entries.length, 0)} 篇。`);
      return 0;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      for (const line of Object.values(e.fields).join('\n').split('\n')) if (line) ctx.err(line);
      ctx.err(e.message);
      return 1;
    }
  },
};
