/** The hour clocks of 政务舆情回应: 5 h and 24 h for major incidents, 48 h for others, from when it surfaced. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clocks } from './opinion.ts';

const t0 = new Date('2026-03-02T00:00:00Z');
const h = (n: number) => new Date(t0.getTime() + n * 3600_000);

test('major: authoritative information by 5 hours, a press conference by 24; each met, late, pending or overdue', () => {
  const c = clocks('major', t0, [{ kind: 'authoritative', given_at: h(4.5) }], h(10));
  assert.deepEqual(
    c.map((x) => [x.label, x.status]),
    [
      ['权威信息', 'met'],
      ['新闻发布会', 'pending'],
    ],
  );
  const later = clocks('major', t0, [{ kind: 'authoritative', given_at: h(6) }], h(30));
  assert.deepEqual(
    later.map((x) => x.status),
    ['late', 'overdue'],
  );
  assert.equal(later[0].due.toISOString(), h(5).toISOString());
  const met = clocks(
    'major',
    t0,
    [
      { kind: 'press_conference', given_at: h(20) },
      { kind: 'authoritative', given_at: h(2) },
      { kind: 'authoritative', given_at: h(1) },
    ],
    h(30),
  );
  assert.deepEqual(
    met.map((x) => [x.status, x.metAt?.toISOString()]),
    [
      ['met', h(1).toISOString()],
      ['met', h(20).toISOString()],
    ],
    'the first qualifying response counts',
  );
});

test('other public opinion: any response within 48 hours; a follow-up alone does not count', () => {
  assert.equal(clocks('other', t0, [{ kind: 'press_conference', given_at: h(47) }], h(50))[0].status, 'met');
  assert.equal(clocks('other', t0, [{ kind: 'follow_up', given_at: h(10) }], h(50))[0].status, 'overdue');
  assert.equal(clocks('other', t0, [], h(47))[0].status, 'pending');
});
