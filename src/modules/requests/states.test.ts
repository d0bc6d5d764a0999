import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASE_STATES, CASE_STATE_LABELS, STEPS, nextState, type CaseEventKind } from './states.ts';

/** The expected table, written out by hand: for each step, the states it may start from and where it leads. */
const EXPECTED: Record<CaseEventKind, [string[], string | null]> = {
  submit: [[], 'submitted'],
  register: [[], 'handling'],
  confirm: [['submitted'], 'handling'],
  request_correction: [['handling'], 'awaiting_correction'],
  applicant_correction: [['awaiting_correction'], null],
  receive_correction: [['awaiting_correction'], 'handling'],
  close_no_correction: [['awaiting_correction'], 'replied'],
  start_consultation: [['handling'], 'consulting'],
  end_consultation: [['consulting'], 'handling'],
  fee_notice: [['handling'], 'awaiting_fee'],
  fee_paid: [['awaiting_fee'], 'handling'],
  close_unpaid: [['awaiting_fee'], 'replied'],
  extend: [['handling', 'consulting', 'awaiting_fee', 'awaiting_approval'], null],
  assign: [['submitted', 'handling', 'awaiting_correction', 'consulting', 'awaiting_fee', 'awaiting_approval'], null],
  transfer: [['submitted', 'handling', 'awaiting_correction', 'consulting', 'awaiting_fee', 'awaiting_approval'], null],
  submit_reply: [['handling'], 'awaiting_approval'],
  return_reply: [['awaiting_approval'], 'handling'],
  decide: [['handling', 'awaiting_approval'], 'replied'],
  deliver: [['replied'], 'delivered'],
  archive: [['delivered'], 'archived'],
  withdraw_by_applicant: [['submitted', 'handling', 'awaiting_correction', 'consulting', 'awaiting_fee', 'awaiting_approval'], 'replied'],
  publish_proactively: [['replied', 'delivered', 'archived'], null],
  review_or_litigation: [['replied', 'delivered', 'archived'], null],
};

test('every step from every state: allowed where the law allows it, refused with the state and step named otherwise', () => {
  assert.deepEqual(Object.keys(STEPS).sort(), Object.keys(EXPECTED).sort());
  for (const [kind, [from, to]] of Object.entries(EXPECTED) as [CaseEventKind, [string[], string | null]][]) {
    if (!from.length) assert.equal(nextState(null, kind), to);
    else assert.throws(() => nextState(null, kind), { code: 'CASE_INVALID_TRANSITION' });
    for (const state of CASE_STATES) {
      if (from.includes(state)) assert.equal(nextState(state, kind), to ?? state, `${kind} from ${state}`);
      else
        assert.throws(
          () => nextState(state, kind),
          (e: { code: string; message: string }) => e.code === 'CASE_INVALID_TRANSITION' && e.message.includes(CASE_STATE_LABELS[state]) && e.message.includes(STEPS[kind].label),
          `${kind} from ${state}`,
        );
    }
  }
  // Nothing leaves an archived case except records about it.
  assert.deepEqual(
    Object.keys(EXPECTED).filter((k) => EXPECTED[k as CaseEventKind][0].includes('archived')),
    ['publish_proactively', 'review_or_litigation'],
  );
});
