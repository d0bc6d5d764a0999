/** 行政执法公示 as an indicator: what counts against a unit, and the on-time share. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enforcementIndicator } from './enforcementIndicator.ts';

const none = { published: 0, late: [], lateWithdrawals: [], statsYears: [], overdueDraws: [], staleEntries: [], active: false };

test('late publications, late withdrawals, owed figures, overdue results and stale entries are findings', () => {
  const ind = enforcementIndicator(
    {
      published: 4,
      late: [{ id: 1, label: '示市监罚〔2026〕27号 未按规定公示年度报告', due_on: '2026-03-11', published_on: '2026-03-20' }],
      lateWithdrawals: [{ id: 2, label: '示市监罚〔2026〕31号 销售过期食品', revoked_on: '2026-03-16', withdrawn_on: '2026-03-20' }],
      statsYears: [2024],
      overdueDraws: [{ id: 3, label: '2026年第一批抽查', results_due_on: '2026-03-01', late_published: false }],
      staleEntries: [{ id: 4, label: '王明', review_on: '2026-03-01' }],
      active: true,
    },
    '2026-03-20',
  );
  assert.deepEqual(
    ind.findings.map((f) => f.detail),
    [
      '逾期公示（应在 2026-03-11 前，2026-03-20 公示）',
      '撤下逾期（2026-03-16 撤销，2026-03-20 撤下）',
      '应于 2026-01-31 前公布，尚未公布',
      '抽查结果逾期未公开（期限 2026-03-01）',
      '事前公开信息超过核对日期（2026-03-01）未核对',
    ],
  );
  assert.deepEqual(ind.share, { value: 3 / 4, target: 1 });
});

test('the yearly figures are owed only after 31 January and only by a unit that publishes enforcement', () => {
  assert.equal(enforcementIndicator({ ...none, active: true }, '2026-01-31').findings.length, 0);
  assert.equal(enforcementIndicator({ ...none, active: true }, '2026-02-01').findings.length, 1);
  assert.equal(enforcementIndicator({ ...none, active: false }, '2026-02-01').findings.length, 0);
  assert.equal(enforcementIndicator({ ...none, active: true, statsYears: [2025] }, '2026-02-01').findings.length, 0);
  assert.equal(enforcementIndicator(none, '2026-02-01').share, undefined, 'nothing published, nothing to measure');
});
