import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableTransitions, STATES, targetState, transitionProblems, TRANSITIONS, type GuardContext, type TransitionName } from './states.ts';

const ok: GuardContext = { disclosure: 'proactive', unresolvedPersonalData: 0, missingFields: [], now: new Date('2026-03-02T00:00:00Z') };

test('every transition is allowed only from its listed states', () => {
  for (const name of Object.keys(TRANSITIONS) as TransitionName[]) {
    for (const from of STATES) {
      const problems = transitionProblems(name, from, { ...ok, remarks: 'x' });
      assert.equal(problems.length === 0, TRANSITIONS[name].from.includes(from), `${name} from ${from}`);
    }
  }
});

test('approval publishes now, schedules for later, or files an item that is not 主动公开', () => {
  assert.equal(targetState('approve', ok), 'published');
  assert.equal(targetState('approve', { ...ok, scheduledAt: new Date('2026-03-05T00:00:00Z') }), 'scheduled');
  assert.equal(targetState('approve', { ...ok, scheduledAt: new Date('2026-03-01T00:00:00Z') }), 'published');
  assert.equal(targetState('approve', { ...ok, disclosure: 'withheld' }), 'filed');
});

test('returning and withdrawing need remarks; approval needs personal data resolved and metadata complete', () => {
  assert.match(transitionProblems('return', 'review', ok)[0], /须填写/);
  assert.match(transitionProblems('withdraw', 'published', ok)[0], /须填写/);
  assert.match(transitionProblems('approve', 'review', { ...ok, unresolvedPersonalData: 2 })[0], /2 处个人信息/);
  assert.match(transitionProblems('approve', 'review', { ...ok, missingFields: ['发布日期'] })[0], /发布日期/);
  assert.deepEqual(transitionProblems('approve', 'review', { ...ok, disclosure: 'withheld', unresolvedPersonalData: 2 }), []);
});

test('buttons offered per state', () => {
  assert.deepEqual(availableTransitions('draft'), ['submit']);
  assert.deepEqual(availableTransitions('review'), ['approve', 'return']);
  assert.deepEqual(availableTransitions('published'), ['withdraw']);
  assert.deepEqual(availableTransitions('superseded'), []);
});
