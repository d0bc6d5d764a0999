/**
 * Search quality on a judged set: documents in the form of ../shared/data/ncpqa/docs_subset.jsonl ({docid, text}) and
 * questions in the form of qrels_dev.tsv (qid, question, docid, relevance). MRR@10, recall@10 and latency.
 */
import fs from 'node:fs';
import { SearchEngine } from './engine.ts';

export interface EvalResult {
  docs: number;
  queries: number;
  mrr10: number;
  recall10: number;
  latencyMs: { p50: number; p95: number };
  buildSeconds: number;
}

export function evaluateFiles(docsFile: string, qrelsFile: string): EvalResult {
  const docs = fs
    .readFileSync(docsFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const d = JSON.parse(l) as { docid?: string; text?: string };
      if (typeof d.docid !== 'string' || typeof d.text !== 'string') throw new Error(`文档第 ${i + 1} 行缺少 docid 或 text`);
      return d as { docid: string; text: string };
    });
  const lines = fs
    .readFileSync(qrelsFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const header = lines[0].split('\t');
  const qi = header.indexOf('question');
  const di = header.indexOf('docid');
  if (qi < 0 || di < 0) throw new Error('qrels 文件第一行须有 question 和 docid 两列');
  const relevant = new Map<string, Set<string>>();
  for (const l of lines.slice(1)) {
    const c = l.split('\t');
    if (c.length <= Math.max(qi, di)) continue;
    (relevant.get(c[qi]) ?? relevant.set(c[qi], new Set()).get(c[qi])!).add(c[di]);
  }
  const t0 = performance.now();
  const engine = new SearchEngine();
  docs.forEach((d, i) => engine.add(i, d.text));
  const buildSeconds = (performance.now() - t0) / 1000;
  let mrr = 0;
  let found = 0;
  const times: number[] = [];
  for (const [question, rel] of relevant) {
    const t = performance.now();
    const hits = engine.search(question, 10);
    times.push(performance.now() - t);
    const rank = hits.findIndex((h) => rel.has(docs[h.id].docid));
    if (rank >= 0) {
      mrr += 1 / (rank + 1);
      found++;
    }
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => +times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
  return {
    docs: docs.length,
    queries: relevant.size,
    mrr10: +(mrr / relevant.size).toFixed(4),
    recall10: +(found / relevant.size).toFixed(4),
    latencyMs: { p50: pct(0.5), p95: pct(0.95) },
    buildSeconds: +buildSeconds.toFixed(2),
  };
}
