/** `answers-eval`: how often the question box's top answer is the right one, over a judged question set. */
import fs from 'node:fs';
import type { Command } from './commands.ts';
import { ValidationError } from '../lib/errors.ts';
import { evaluateAnswerFiles } from '../modules/answers/index.ts';

export const answersEvalCommand: Command = {
  summary: '评测问答查找质量：answers-eval --entries FILE.jsonl --judged FILE.tsv（输出一行 JSON：accuracy@1、MRR@5）',
  options: { entries: { type: 'string' }, judged: { type: 'string' } },
  async run(ctx, v) {
    const entries = String(v.entries ?? 'fixtures/answers/taipei_faq.sample.jsonl');
    const judged = String(v.judged ?? 'fixtures/answers/judged.tsv');
    for (const [k, f] of [
      ['entries', entries],
      ['judged', judged],
    ] as const)
      if (!fs.existsSync(f)) throw new ValidationError({ [k]: `找不到文件 ${f}` });
    ctx.out(JSON.stringify(evaluateAnswerFiles(entries, judged)));
  },
};
