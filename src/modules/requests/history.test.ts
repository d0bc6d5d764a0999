import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyHints, similarity } from './history.ts';

const row = (id: number, title: string, desc: string, submitted: string, replied: string | null = '2026-02-01') => ({
  id,
  case_no: `YSQ2026${id}`,
  info_title: title,
  info_description: desc,
  outcome: replied ? 'disclose_provided' : null,
  replied_on: replied,
  submitted,
});

test('the same information asked again after a reply is offered as a repeat; other requests are not', () => {
  assert.equal(similarity('低保资金分配表', '低保资金分配表'), 1);
  assert.ok(similarity('2025年城乡低保资金分配表', '2025年城乡低保资金的分配表') > 0.6);
  assert.ok(similarity('2025年城乡低保资金分配表', '防汛应急预案') < 0.1);
  const current = { info_title: '2025年城乡低保资金分配表', info_description: '全市按区县分配情况' };
  const h = historyHints(
    current,
    [
      row(1, '2025年城乡低保资金分配表', '全市按区县的分配情况', '2026-01-05'),
      row(2, '防汛应急预案', '2026年版', '2026-02-10'),
      row(3, '2025年城乡低保资金分配表', '全市按区县分配情况', '2026-02-20', null),
    ],
    '2026-03-02',
  );
  assert.deepEqual(
    h.repeats.map((r) => r.id),
    [1],
    'an unanswered one is not a repeat yet',
  );
  assert.equal(h.recent, 3, 'two in the last 30 days plus this one');
  assert.equal(h.many, false);
});

test('more than ten applications in 30 days is flagged for Art. 35', () => {
  const many = Array.from({ length: 10 }, (_, i) => row(i + 1, `信息${i}`, `不同的事项${i}`, '2026-02-20'));
  assert.equal(historyHints({ info_title: '又一项', info_description: '事项' }, many, '2026-03-02').many, true);
  assert.equal(historyHints({ info_title: '又一项', info_description: '事项' }, many.slice(1), '2026-03-02').many, false);
});
