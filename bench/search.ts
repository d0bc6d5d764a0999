/**
 * Benchmark: search latency, index build rate and index memory over N long documents (default 100,000 laws from
 * ../shared/data/lawrefbook-laws, replicated), with real citizens' questions (../shared/data/ncpqa/qrels_dev.tsv) as
 * queries. Printed as ratios against SQLite FTS5 BM25 over the same jieba-segmented text in the same run (OR of the
 * question's words; bench/fts5_baseline.py, run with the machine's python3).
 *
 *   node --expose-gc --import tsx bench/search.ts [--docs 100000] [--queries 300]
 *
 * Each distinct text is analysed once and its terms reused for its replicas, so building 100k documents does not
 * take minutes of segmentation; the build rate is computed from the measured analysis time per document plus the
 * measured insertion time, for both engines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { SearchIndex, type SearchDoc } from '../src/modules/search/index.ts';
import { analyse } from '../src/modules/search/index.ts';
import { tokenize } from '../src/modules/search/index.ts';
import { VALIDITY } from '../src/modules/publishing/index.ts';

const { values: args } = parseArgs({ options: { docs: { type: 'string', default: '100000' }, queries: { type: 'string', default: '300' } } });
const N = Number(args.docs);
const log = (s: string) => process.stderr.write(s + '\n');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];

const laws = fs
  .readFileSync('../shared/data/lawrefbook-laws/laws.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { title: string; body_markdown: string | null })
  .filter((l) => (l.body_markdown ?? '').length > 500);
const questions = [
  ...new Set(
    fs
      .readFileSync('../shared/data/ncpqa/qrels_dev.tsv', 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t')[1]),
  ),
].slice(0, Number(args.queries));
log(`${laws.length} distinct laws, ${N} documents, ${questions.length} questions`);

const validities = Object.keys(VALIDITY);
const meta = (i: number): SearchDoc => {
  const law = laws[i % laws.length];
  return {
    id: i + 1,
    title: law.title,
    unitId: 1 + (i % 20),
    unitPath: `/1/${1 + (i % 20)}/`,
    unitSlug: `u${i % 20}`,
    unitName: `单位${i % 20}`,
    publishDate: `${2000 + (i % 26)}-0${1 + (i % 9)}-1${i % 10}`,
    docNo: '',
    indexNo: '',
    validity: validities[i % 7 === 0 ? 2 : 0],
    section: 'a20_01',
    topic: `主题${i % 12}`,
    genre: i % 3 ? '通知' : '决定',
  };
};

// Analysis of each distinct text, timed: ours (normal form, words, bigrams) and the baseline's (jieba words).
let t = performance.now();
const analysed = laws.map((l, i) => analyse(SearchIndex.indexText(meta(i), l.body_markdown!)));
const oursAnalysisMs = (performance.now() - t) / laws.length;
t = performance.now();
const segmented = laws.map((l, i) => tokenize(SearchIndex.indexText(meta(i), l.body_markdown!)).join(' '));
const ftsAnalysisMs = (performance.now() - t) / laws.length;
log(`analysis per document: ours ${oursAnalysisMs.toFixed(2)} ms, baseline segmentation ${ftsAnalysisMs.toFixed(2)} ms`);

gc();
const heapBefore = process.memoryUsage();
const index = new SearchIndex();
t = performance.now();
for (let i = 0; i < N; i++) {
  index.put(meta(i), '', analysed[i % laws.length]);
  if ((i + 1) % 20000 === 0) log(`indexed ${i + 1}`);
}
index.engine.trim();
const oursInsertS = (performance.now() - t) / 1000;
gc();
const heapAfter = process.memoryUsage();
const heapMB = (heapAfter.heapUsed + heapAfter.arrayBuffers - heapBefore.heapUsed - heapBefore.arrayBuffers) / 1048576;

const times: number[] = [];
for (const q of questions) index.query({ text: q }); // warm-up
for (const q of questions) {
  const s = performance.now();
  index.query({ text: q, limit: 10 });
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-fts-'));
fs.writeFileSync(path.join(dir, 'docs.jsonl'), segmented.map((t) => JSON.stringify({ t })).join('\n'));
fs.writeFileSync(path.join(dir, 'queries.json'), JSON.stringify(questions.map((q) => [...new Set(tokenize(q))])));
log('building the SQLite FTS5 baseline …');
const py = spawnSync('python3', [path.join(import.meta.dirname, 'fts5_baseline.py'), path.join(dir, 'docs.jsonl'), path.join(dir, 'queries.json'), String(N)], {
  encoding: 'utf8',
  maxBuffer: 1 << 24,
});
fs.rmSync(dir, { recursive: true, force: true });
if (py.status !== 0) throw new Error(`baseline failed: ${py.stderr}`);
const base = JSON.parse(py.stdout) as { p50: number; p95: number; insertSeconds: number; bytes: number };

const oursBuildRate = N / ((N * oursAnalysisMs) / 1000 + oursInsertS);
const ftsBuildRate = N / ((N * ftsAnalysisMs) / 1000 + base.insertSeconds);
const ours = { p50: +pct(times, 0.5).toFixed(2), p95: +pct(times, 0.95).toFixed(2) };
console.log(
  JSON.stringify({
    docs: N,
    queries: times.length,
    latencyMs: { ours, fts5: { p50: base.p50, p95: base.p95 } },
    ratio: { p50: +(ours.p50 / base.p50).toFixed(3), p95: +(ours.p95 / base.p95).toFixed(3), buildRate: +(oursBuildRate / ftsBuildRate).toFixed(3) },
    buildDocsPerSecond: { ours: Math.round(oursBuildRate), fts5: Math.round(ftsBuildRate) },
    insertSeconds: { ours: +oursInsertS.toFixed(1), fts5: base.insertSeconds },
    memoryMB: { postings: +(index.engine.bytes / 1048576).toFixed(1), heapAndBuffers: +heapMB.toFixed(1), fts5File: +(base.bytes / 1048576).toFixed(1) },
    terms: index.engine.terms,
  }),
);
