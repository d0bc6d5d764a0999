import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeRule, parseTimeLimit, resolveSameAsAbove } from './timeLimit.ts';

test('公开时限 texts of published catalogues become checkable rules; the rest stay text', () => {
  const cases: [string, unknown][] = [
    ['自信息形成或者变更之日起20个工作日内予以公开', { kind: 'working_days', days: 20, from: 'formation' }],
    ['信息形成之日起20个工作日内', { kind: 'working_days', days: 20, from: 'formation' }],
    ['信息形成20个工作日内公开', { kind: 'working_days', days: 20, from: 'formation' }],
    ['信息形成（变更）之日起二十个工作日内', { kind: 'working_days', days: 20, from: 'formation' }],
    ['作出决定之日起7日内', { kind: 'calendar_days', days: 7, from: 'formation' }],
    ['及时公开', { kind: 'immediate' }],
    ['实时', { kind: 'immediate' }],
    ['每季度', { kind: 'periodic', period: 'quarter' }],
    ['每年1月底前', { kind: 'periodic', period: 'year' }],
    ['按月公开', { kind: 'periodic', period: 'month' }],
    ['每半年更新', { kind: 'periodic', period: 'half_year' }],
    ['同上', { kind: 'same_as_above' }],
    ['按有关规定', { kind: 'text' }],
    ['', { kind: 'text' }],
  ];
  for (const [text, rule] of cases) assert.deepEqual(parseTimeLimit(text), rule, text);
  assert.deepEqual(
    resolveSameAsAbove([parseTimeLimit('及时公开'), parseTimeLimit('同上'), parseTimeLimit('同上')]).map((r) => r.kind),
    ['immediate', 'immediate', 'immediate'],
  );
  assert.equal(resolveSameAsAbove([parseTimeLimit('同上')])[0].kind, 'text', '同上 in the first row has nothing above');
  assert.equal(describeRule(parseTimeLimit('信息形成之日起20个工作日内')), '信息形成或变更之日起20个工作日内');
});
