/**
 * The print edition: documents section by section, each from a new page; the contents give the page each one starts
 * on, the feet carry the same numbers, and every document's text is in the PDF (read back with a PDF text extractor).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractText, getDocumentProxy } from 'unpdf';
import { layoutIssue, type LayoutEntry } from './layout.ts';

const longText = Array.from(
  { length: 60 },
  (_, i) => `第${i + 1}条　为规范城市供水用水管理，保障城市供水安全，根据《城市供水条例》等有关规定，结合本市实际，制定本条规定的具体措施。`,
).join('\n');
const entries: LayoutEntry[] = [
  {
    section: 'department',
    seq: 1,
    title: '示范市教育局关于规范民办学校招生行为的通知',
    docNo: '示教〔2026〕3号',
    issuer: '示范市教育局',
    text: '各区教育局：\n为规范民办学校招生行为，现就有关事项通知如下。',
  },
  { section: 'order', seq: 2, title: '示范市城市供水用水管理办法', docNo: '示范市人民政府令第12号', issuer: '示范市人民政府', text: longText },
  {
    section: 'city',
    seq: 1,
    title: '示范市人民政府关于印发示范市行政规范性文件管理规定的通知',
    docNo: '示府〔2026〕8号',
    issuer: '示范市人民政府',
    text: '各区人民政府，市政府各部门：\n现将《示范市行政规范性文件管理规定》印发给你们，请认真贯彻执行。',
  },
];

test('an issue is laid out section by section, with the contents giving the pages the documents fall on', async () => {
  const l = await layoutIssue('示范市人民政府公报', { year: 2026, number: 3, serial: 45, publishDate: '2026-03-15' }, entries);
  assert.deepEqual(
    l.order.map((e) => e.section),
    ['order', 'city', 'department'],
    '市政府令 first, then 市政府文件, then 部门文件',
  );
  assert.equal(l.pages[0].from, 1);
  assert.ok(l.pages[0].to > 1, 'the long 办法 runs over several pages');
  assert.equal(l.pages[1].from, l.pages[0].to + 1, 'each document starts on a new page');
  assert.equal(l.pages[2].from, l.pages[1].to + 1);

  const pdf = await getDocumentProxy(new Uint8Array(l.pdf));
  assert.equal(pdf.numPages, l.pageCount);
  const { text } = await extractText(pdf, { mergePages: false });
  const pages = text.map((t) => t.replace(/\s+/g, ''));
  const cover = pages[0];
  assert.match(cover, /示范市人民政府公报/);
  assert.match(cover, /2026年第3期（总第45期）/);
  assert.match(cover, /目录/);
  const coverPages = l.pageCount - l.pages[2].to;
  l.order.forEach((e, i) => {
    const tocLine = new RegExp(`${e.title}${l.pages[i].from}`);
    assert.match(pages.slice(0, coverPages).join(''), tocLine, `the contents give ${e.title} page ${l.pages[i].from}`);
    const first = pages[coverPages + l.pages[i].from - 1];
    assert.ok(first.includes(e.title), `${e.title} starts on its page`);
    assert.ok(first.includes(`—${l.pages[i].from}—`), 'the foot carries the same page number');
  });
  const all = pages.join('');
  for (const line of longText.split('\n')) assert.ok(all.includes(line.replace(/\s+/g, '')), `every paragraph is printed: ${line.slice(0, 10)}`);
});

test('an issue of one short document is a cover and one page', async () => {
  const l = await layoutIssue('示范市人民政府公报', { year: 2026, number: 1, serial: 43, publishDate: '2026-01-10' }, [entries[0]]);
  assert.deepEqual(l.pages, [{ from: 1, to: 1 }]);
  assert.equal(l.pageCount, 2);
});
