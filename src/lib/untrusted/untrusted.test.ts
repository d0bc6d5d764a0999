import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configureSandbox, runUntrusted, sandboxLimits, DEFAULT_SANDBOX_LIMITS } from './sandbox.ts';
import { inspectZip } from './zip.ts';
import { importDocx } from '../../modules/publishing/docxImport.ts';
import { extractText } from '../../modules/publishing/uploads.ts';
import { detectPersonalData } from '../../modules/publishing/personalData.ts';
import { sanitizeRichText } from '../html.ts';
import { docxWithParagraphs, forgeDeclaredSizes, xlsxWithRows } from '../../testing/zips.ts';

/** Counts event-loop turns while a promise is pending: a parser on the main thread would let none happen. */
async function turnsWhile<T>(p: Promise<T>): Promise<{ turns: number; result: PromiseSettledResult<T> }> {
  let turns = 0;
  let done = false;
  const tick = () => {
    turns++;
    if (!done) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  const [result] = await Promise.allSettled([p]);
  done = true;
  return { turns, result };
}

const codeOf = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' ? (r.reason as { code?: string }).code : 'fulfilled');

test('a DOCX zip bomb (100 MB of XML in a small file) is refused by inspection; the event loop keeps turning', async () => {
  const bomb = await docxWithParagraphs(1_700_000);
  assert.ok(bomb.length < 2_000_000, `the bomb is small: ${bomb.length} bytes`);
  const { turns, result } = await turnsWhile(importDocx(bomb));
  assert.equal(codeOf(result), 'ARCHIVE_REJECTED');
  assert.ok(turns > 0, 'the main thread stayed free while the worker inspected the file');
  // The text extraction for attachments goes through the same inspection.
  assert.equal(codeOf((await Promise.allSettled([extractText({ filename: 'a.docx', mime: '', ext: 'docx' }, bomb)]))[0]), 'ARCHIVE_REJECTED');
});

test('an archive whose entries lie about their size is refused when the real bytes pass the declared ones', async () => {
  const doc = await docxWithParagraphs(2000);
  await assert.rejects(inspectZip(forgeDeclaredSizes(doc, 100), DEFAULT_SANDBOX_LIMITS), { code: 'ARCHIVE_REJECTED' });
  // The genuine file passes, and an ordinary document still converts.
  assert.ok((await inspectZip(doc, DEFAULT_SANDBOX_LIMITS)).expandedBytes > 100_000);
  const r = await importDocx(doc);
  assert.match(r.bodyHtml, /重复的段落内容/);
});

test('too many entries, or one entry compressed beyond the ratio, is refused before decompression', async () => {
  const doc = await docxWithParagraphs(200_000);
  await assert.rejects(inspectZip(doc, { ...DEFAULT_SANDBOX_LIMITS, maxRatio: 20 }), { code: 'ARCHIVE_REJECTED', message: /压缩比/ });
  await assert.rejects(inspectZip(doc, { ...DEFAULT_SANDBOX_LIMITS, maxEntries: 2 }), { code: 'ARCHIVE_REJECTED', message: /部件/ });
  await assert.rejects(inspectZip(Buffer.from('not a zip at all'), DEFAULT_SANDBOX_LIMITS), { code: 'ARCHIVE_REJECTED' });
});

test('a parser that runs out of its heap, or past its deadline, ends alone with a clear error', async () => {
  const before = sandboxLimits();
  configureSandbox({ memoryMb: 64, timeoutMs: 1500 });
  try {
    const hog = await turnsWhile(runUntrusted(new URL('../../testing/tasks/hog.task.ts', import.meta.url), Buffer.from('x')));
    assert.equal(codeOf(hog.result), 'UPLOAD_TOO_COMPLEX');
    assert.ok(hog.turns > 0);
    const spin = await runUntrusted(new URL('../../testing/tasks/spin.task.ts', import.meta.url), Buffer.from('x')).catch((e: { code: string; message: string }) => e);
    assert.equal((spin as { code: string }).code, 'UPLOAD_TOO_COMPLEX');
    assert.match((spin as { message: string }).message, /秒内未能解析完/);
  } finally {
    configureSandbox(before);
  }
});

test('a sheet of a million rows is refused with one line, never loaded whole; a long one stops at the row limit', async () => {
  const { default: readUploadedCatalogue } = await import('../../modules/catalogues/excel.task.ts');
  const million = await xlsxWithRows(1_000_000);
  const huge = await readUploadedCatalogue(million, {}, DEFAULT_SANDBOX_LIMITS).catch((e: { code: string }) => ({ rejected: e.code }));
  assert.deepEqual(huge, { rejected: 'ARCHIVE_REJECTED' });
  const long = await readUploadedCatalogue(await xlsxWithRows(20_000), {}, DEFAULT_SANDBOX_LIMITS);
  assert.deepEqual(long, { rows: [], problems: [{ row: 0, message: '表中事项超过 5000 行，请分领域分别导入' }] });
  // Every row wrong: the list stops at 200 and counts the rest, instead of a 41 MB page.
  const bad = await readUploadedCatalogue(await xlsxWithRows(1500), {}, DEFAULT_SANDBOX_LIMITS);
  assert.equal(bad.problems.length, 201);
  assert.match(bad.problems[200].message, /^另有 \d+ 处问题未列出/);
});

test('the personal-data patterns are linear on hostile runs; e-mail addresses are still found', () => {
  // 1.9 million e-mail characters used to take minutes (the pattern was quadratic); the test's own timeout is the bound.
  assert.deepEqual(detectPersonalData('a'.repeat(1_900_000)), []);
  assert.deepEqual(detectPersonalData('x.'.repeat(500_000) + '@'), []);
  assert.deepEqual(detectPersonalData('1'.repeat(1_000_000)), []);
  const found = detectPersonalData('联系人邮箱 zhang.san+gk@example.com.cn，电话 13812345678。');
  assert.deepEqual(
    found.map((f) => [f.kind, f.value]),
    [
      ['email', 'zhang.san+gk@example.com.cn'],
      ['mobile', '13812345678'],
    ],
  );
});

test('rich text nested deeper than the limit is refused before the sanitiser sees it', () => {
  const deep = '<div>'.repeat(50_000) + '文字' + '</div>'.repeat(50_000);
  assert.throws(() => sanitizeRichText(deep), { code: 'HTML_TOO_DEEP' });
  assert.equal(sanitizeRichText('<div><p>正文<b>加粗</b></p></div>'), '<p>正文<strong>加粗</strong></p>');
});

test('a worker that answered takes the next file of its task; one that timed out is never used again', async () => {
  const before = sandboxLimits();
  configureSandbox({ timeoutMs: 1500 });
  const task = new URL('../../testing/tasks/count.task.ts', import.meta.url);
  try {
    assert.equal(await runUntrusted(task, Buffer.from('a')), 1);
    assert.equal(await runUntrusted(task, Buffer.from('b')), 2, 'the same worker, already started');
    const spun = await runUntrusted(task, Buffer.from('c'), { spin: true }).catch((e: { code: string }) => e.code);
    assert.equal(spun, 'UPLOAD_TOO_COMPLEX');
    assert.equal(await runUntrusted(task, Buffer.from('d')), 1, 'a new worker after the one that timed out');
    // Two at once run in two workers; both then wait for the next files.
    const both = await Promise.all([runUntrusted(task, Buffer.from('e')), runUntrusted(task, Buffer.from('f'))]);
    assert.deepEqual([...both].sort(), [1, 2]);
  } finally {
    configureSandbox(before);
  }
});
