/**
 * The question box on the judged set (fixtures/answers): 40 questions phrased differently from 202 real Taipei City
 * FAQ entries (Traditional Chinese, asked here in Simplified). Issue 14's target: the right answer first for at
 * least 80%.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateAnswerFiles, evaluateAnswers } from './evaluate.ts';

test('the judged set: accuracy@1 of at least 0.8, and the misses named', () => {
  const r = evaluateAnswerFiles('fixtures/answers/taipei_faq.sample.jsonl', 'fixtures/answers/judged.tsv');
  assert.equal(r.entries, 202);
  assert.equal(r.questions, 40);
  assert.ok(r.accuracyAt1 >= 0.8, `accuracy@1 ${r.accuracyAt1}`);
  assert.ok(r.mrrAt5 >= r.accuracyAt1);
  assert.equal(r.misses.length, Math.round((1 - r.accuracyAt1) * 40));
});

test('the measures: first place counts for accuracy, a lower place for MRR only, a judged key must exist', () => {
  const entries = [
    { key: 'a', question: '随迁子女入学需要哪些材料？' },
    { key: 'b', question: '老旧小区加装电梯需要什么条件？' },
  ];
  const r = evaluateAnswers(entries, [
    { question: '外地孩子入学要什么材料', key: 'a' },
    { question: '旧楼装电梯的条件', key: 'b' },
    { question: '护照怎么办', key: 'a' },
  ]);
  assert.equal(r.accuracyAt1, 0.667);
  assert.deepEqual(r.misses, [{ question: '护照怎么办', rank: null }]);
  assert.throws(() => evaluateAnswers(entries, [{ question: '?', key: 'z' }]), /not among the entries/);
});
