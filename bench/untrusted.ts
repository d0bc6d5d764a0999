/**
 * Hostile inputs against their limits, with the node's responsiveness while they are processed: the time to refuse
 * each, the main thread's longest stall (event-loop delay, p100) and the process's peak resident memory. Baseline:
 * the same measurements while an ordinary 2,000-paragraph DOCX is converted. Run: npx tsx bench/untrusted.ts
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { importDocx } from '../src/modules/publishing/index.ts';
import { detectPersonalData } from '../src/modules/publishing/index.ts';
import { sanitizeRichText } from '../src/lib/html.ts';
import { DEFAULT_SANDBOX_LIMITS } from '../src/lib/untrusted/sandbox.ts';
import { docxWithParagraphs, xlsxWithRows } from '../src/testing/zips.ts';

async function measure(name: string, fn: () => Promise<unknown> | unknown) {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t0 = performance.now();
  let outcome = 'ok';
  try {
    await fn();
  } catch (e) {
    outcome = (e as { code?: string }).code ?? 'error';
  }
  const ms = performance.now() - t0;
  h.disable();
  const row = { name, outcome, ms: Math.round(ms), maxLoopDelayMs: Math.round(h.max / 1e6), rssMb: Math.round(process.memoryUsage().rss / 1048576) };
  console.log(JSON.stringify(row));
  return row;
}

const ordinary = await docxWithParagraphs(2000);
const base = await measure('baseline: ordinary DOCX (2,000 paragraphs)', () => importDocx(ordinary));
const bomb = await docxWithParagraphs(1_700_000);
const b = await measure(`DOCX zip bomb (${Math.round(bomb.length / 1024)} KB → ~100 MB XML)`, () => importDocx(bomb));
const { default: readUploadedCatalogue } = await import('../src/modules/catalogues/excel.task.ts');
const sheet = await xlsxWithRows(1_000_000);
await measure(`XLSX of 1,000,000 rows (${Math.round(sheet.length / 1048576)} MB)`, () => readUploadedCatalogue(sheet, {}, DEFAULT_SANDBOX_LIMITS));
await measure('personal-data scan of 1.9 M e-mail characters', () => detectPersonalData('a'.repeat(1_900_000)));
await measure('50,000 nested <div>', () => sanitizeRichText('<div>'.repeat(50_000) + 'x' + '</div>'.repeat(50_000)));
console.log(JSON.stringify({ bombVsBaselineTime: +(b.ms / Math.max(1, base.ms)).toFixed(2), bombMaxLoopDelayMs: b.maxLoopDelayMs }));
