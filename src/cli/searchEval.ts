import fs from 'node:fs';
import type { Command } from './commands.ts';
import { ValidationError } from '../lib/errors.ts';
import { evaluateFiles } from '../modules/search/index.ts';

export const searchEvalCommand: Command = {
  summary: '评测检索质量：search-eval --docs FILE.jsonl --qrels FILE.tsv（输出一行 JSON：MRR@10、recall@10、时延）',
  options: { docs: { type: 'string' }, qrels: { type: 'string' } },
  async run(ctx, v) {
    for (const k of ['docs', 'qrels'] as const) {
      if (!v[k]) throw new ValidationError({ [k]: `请用 --${k} 给出文件` });
      if (!fs.existsSync(String(v[k]))) throw new ValidationError({ [k]: `找不到文件 ${v[k]}` });
    }
    ctx.out(JSON.stringify(evaluateFiles(String(v.docs), String(v.qrels))));
  },
};
