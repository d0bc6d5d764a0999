/** The gazette's pure rules: names of issues and pages, the states, the numbers an issue needs, the print order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkIssue, citationText, issueLabel, nextState, pagesLabel, printOrder } from './rules.ts';

test('an issue and its pages are named as printed', () => {
  assert.equal(issueLabel({ year: 2026, number: 3, serial: 45 }), '2026年第3期（总第45期）');
  assert.equal(pagesLabel(5, 8), '第5–8页');
  assert.equal(pagesLabel(5, 5), '第5页');
  assert.equal(pagesLabel(null, null), '');
  assert.equal(citationText('示范市人民政府公报', { year: 2026, number: 3, serial: 45, page_from: 1, page_to: 4 }), '刊载于《示范市人民政府公报》2026年第3期（总第45期）第1–4页');
});

test('an issue is edited as a draft, published once, withdrawn only when published', () => {
  assert.equal(nextState('draft', 'edit'), 'draft');
  assert.equal(nextState('draft', 'publish'), 'published');
  assert.equal(nextState('published', 'withdraw'), 'withdrawn');
  assert.throws(() => nextState('published', 'edit'), { code: 'GAZETTE_STATE', message: /已出版，不能修改/ });
  assert.throws(() => nextState('published', 'publish'), { code: 'GAZETTE_STATE' });
  assert.throws(() => nextState('draft', 'withdraw'), { code: 'GAZETTE_STATE' });
  assert.throws(() => nextState('withdrawn', 'publish'), { code: 'GAZETTE_STATE' });
});

test("an issue's numbers are checked all at once, with the date in the issue's year", () => {
  assert.doesNotThrow(() => checkIssue({ year: 2026, number: 1, serial: 1, publishDate: '2026-01-05' }));
  assert.throws(
    () => checkIssue({ year: 1800, number: 1000, serial: 0, publishDate: '2026/01/05' }),
    (e: { fields: Record<string, string> }) => Object.keys(e.fields).sort().join() === 'number,publishDate,serial,year',
  );
  assert.throws(() => checkIssue({ year: 2026, number: 2, serial: 40, publishDate: '2025-12-31' }), { fields: { publishDate: '出版日期应在 2026 年内' } });
  assert.throws(() => checkIssue({ year: 2026, number: 2.5, serial: 40, publishDate: '2026-02-01' }), { fields: { number: '期号应为 1 到 999 的整数' } });
});

test('entries print section by section in the fixed order, and in the office’s order within a section', () => {
  const e = (section: 'order' | 'city' | 'department' | 'other', seq: number) => ({ section, seq });
  assert.deepEqual(printOrder([e('other', 1), e('department', 2), e('city', 5), e('order', 4), e('city', 3)]), [
    e('order', 4),
    e('city', 3),
    e('city', 5),
    e('department', 2),
    e('other', 1),
  ]);
});
