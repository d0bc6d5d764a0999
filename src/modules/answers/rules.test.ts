/** The rules of a Q&A entry: its states, what it must say, and when a source's change puts it under review. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEntry, nextState, reviewReason, type EntryInput } from './rules.ts';

const input = (o: Partial<EntryInput> = {}): EntryInput => ({
  question: '随迁子女入学需要哪些材料？',
  variants: [' 外地孩子上学要什么 ', '外地孩子上学要什么', '随迁子女入学需要哪些材料？', ''],
  answer: '居住证、租赁合同。',
  answerClass: 'instant',
  handoverUnitId: null,
  handoverDays: null,
  topic: '',
  reviewBy: '2026-09-01',
  ...o,
});

test('an entry: variants trimmed and deduplicated without the question; 限时 names a unit and days; review-by ahead', () => {
  assert.deepEqual(checkEntry(input(), '2026-03-02').variants, ['外地孩子上学要什么']);
  assert.throws(
    () => checkEntry(input({ answerClass: 'timed' }), '2026-03-02'),
    (e: { fields: Record<string, string> }) => !!e.fields.handoverUnitId,
  );
  assert.doesNotThrow(() => checkEntry(input({ answerClass: 'timed', handoverUnitId: 3, handoverDays: 5 }), '2026-03-02'));
  assert.throws(
    () => checkEntry(input({ reviewBy: '2026-03-02' }), '2026-03-02'),
    (e: { fields: Record<string, string> }) => !!e.fields.reviewBy,
  );
  assert.throws(
    () => checkEntry(input({ answerClass: 'later' }), '2026-03-02'),
    (e: { fields: Record<string, string> }) => !!e.fields.answerClass,
  );
});

test('states move only along their transitions', () => {
  assert.equal(nextState('draft', 'submit'), 'review');
  assert.equal(nextState('review', 'approve'), 'published');
  assert.equal(nextState('review', 'return'), 'draft');
  assert.equal(nextState('published', 'withdraw'), 'withdrawn');
  assert.throws(() => nextState('draft', 'approve'), { code: 'ANSWER_INVALID_TRANSITION' });
  assert.throws(() => nextState('withdrawn', 'submit'), { code: 'ANSWER_INVALID_TRANSITION' });
});

test('a source revised, repealed, expired or withdrawn puts the answer under review; unchanged sources do not', () => {
  const s = { item_id: 1, item_version_id: 10, current_version_id: 10, validity: 'current', status: 'published' };
  assert.equal(reviewReason([s]), null);
  assert.equal(reviewReason([]), null);
  assert.equal(reviewReason([s, { ...s, item_id: 2, current_version_id: 11 }]), '依据的文件已修订');
  assert.equal(reviewReason([{ ...s, validity: 'revised' }]), '依据的文件已修订');
  assert.equal(reviewReason([{ ...s, validity: 'repealed' }]), '依据的文件已废止');
  assert.equal(reviewReason([{ ...s, validity: 'expired' }]), '依据的文件已失效');
  assert.equal(reviewReason([{ ...s, status: 'withdrawn' }]), '依据的信息已撤回');
});
