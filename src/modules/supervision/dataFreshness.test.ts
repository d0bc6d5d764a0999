/** 数据更新及时率: the share of datasets with a fixed frequency updated within it; 不定期 datasets do not count. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataFreshnessIndicator } from './interactionIndicators.ts';

test('overdue datasets are findings and lower the share; irregular ones are left out', () => {
  const ind = dataFreshnessIndicator(
    [
      { id: 1, title: '空气质量日报', frequency: 'daily', updated_on: '2026-02-27' },
      { id: 2, title: '低保月度数据', frequency: 'monthly', updated_on: '2026-02-10' },
      { id: 3, title: '学位余量', frequency: 'yearly', updated_on: '2025-09-01' },
      { id: 4, title: '历年统计', frequency: 'irregular', updated_on: '2019-01-01' },
    ],
    '2026-03-02',
  );
  assert.deepEqual(
    ind.findings.map((f) => [f.label, f.detail]),
    [['空气质量日报', '应每日更新，最近一次更新于 2026-02-27']],
  );
  assert.deepEqual(ind.share, { value: 2 / 3, target: 1 });
  assert.equal(dataFreshnessIndicator([{ id: 4, title: '历年统计', frequency: 'irregular', updated_on: '2019-01-01' }], '2026-03-02').share, undefined, 'nothing to measure');
});
