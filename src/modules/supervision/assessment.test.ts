import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreUnit } from './assessment.ts';

test('scores: 100 less the deduction per finding, weighted; manual scores entered or missing', () => {
  const ind = (key: string, n: number) => ({
    key,
    name: key,
    definition: '',
    basis: '',
    findings: Array.from({ length: n }, (_, i) => ({ id: i, label: '', href: '', detail: '' })),
  });
  const config = [
    { key: 'requests', name: '按期答复', weight: 50, deduction: 20, manual: false },
    { key: 'timeliness', name: '及时性', weight: 30, deduction: 30, manual: false },
    { key: 'social', name: '社会评议', weight: 20, deduction: 0, manual: true },
  ];
  const a = scoreUnit([ind('requests', 1), ind('timeliness', 4)], config, new Map([['social', 90]]));
  assert.deepEqual(
    a.rows.map((r) => r.score),
    [80, 0, 90],
    'four findings at 30 points each stop at 0',
  );
  assert.equal(a.total, (50 * 80 + 30 * 0 + 20 * 90) / 100);
  assert.equal(a.complete, true);
  const b = scoreUnit([ind('requests', 0), ind('timeliness', 0)], config, new Map());
  assert.deepEqual([b.total, b.complete], [80, false]);
});
