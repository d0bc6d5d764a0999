/** The knowledge base's and 建议提案's indicators: what counts against a unit, and what does not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answersIndicator, proposalsIndicator } from './interactionIndicators.ts';

test('answers: withheld for a changed source, or past the review-by date; current ones are fine', () => {
  const r = answersIndicator(
    [
      { id: 1, question: '甲', review_by: '2026-12-31', needs_review: null },
      { id: 2, question: '乙', review_by: '2026-12-31', needs_review: '依据的文件已废止' },
      { id: 3, question: '丙', review_by: '2026-05-01', needs_review: null },
    ],
    '2026-06-01',
  );
  assert.deepEqual(
    r.findings.map((f) => [f.id, f.detail]),
    [
      [2, '需复核：依据的文件已废止，已暂停公开'],
      [3, '超过复核日期（2026-05-01）未复核'],
    ],
  );
});

test('建议提案: unanswered past the due date, answered late; answered in time is fine', () => {
  const r = proposalsIndicator(
    [
      { id: 1, title: '甲', state: 'replied', reply_due_on: '2026-06-06', replied_on: '2026-06-01' },
      { id: 2, title: '乙', state: 'replied', reply_due_on: '2026-06-06', replied_on: '2026-07-15' },
      { id: 3, title: '丙', state: 'assigned', reply_due_on: '2026-06-06', replied_on: null },
      { id: 4, title: '丁', state: 'assigned', reply_due_on: '2026-12-06', replied_on: null },
    ],
    '2026-08-01',
  );
  assert.deepEqual(
    r.findings.map((f) => f.id),
    [2, 3],
  );
  assert.match(r.findings[1].detail, /逾期未答复/);
});
