import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar } from '../../lib/calendar.ts';
import { assertStageMove, decisionCode, decisionProblems, stepsFromForm, type DecisionFacts } from './decisions.ts';
import { attendance, meetingProblems, openMeetingCounts, type MeetingFacts } from './meetings.ts';

const cal = buildCalendar();
const entry = (over: Partial<DecisionFacts> = {}): DecisionFacts => ({
  code: 'JC-2026-001',
  title: '示范市城市停车设施收费管理办法',
  stage: 'drafting',
  planned_on: '2026-09-30',
  steps: stepsFromForm(['public_participation'], {}),
  legality_from: null,
  legality_to: null,
  decided_on: null,
  consultation: null,
  ...over,
});

test('codes run per year with three digits', () => {
  assert.equal(decisionCode(2026, 1), 'JC-2026-001');
  assert.equal(decisionCode(2026, 42), 'JC-2026-042');
  assert.equal(decisionCode(2027, 1234), 'JC-2027-1234');
});

test('the stage moves forward only, skipping allowed; an unknown stage is a field error', () => {
  assert.equal(assertStageMove('drafting', 'consulting'), 'consulting');
  assert.equal(assertStageMove('drafting', 'collective_decision'), 'collective_decision');
  assert.throws(() => assertStageMove('consulting', 'drafting'), { code: 'DECISION_INVALID_TRANSITION' });
  assert.throws(() => assertStageMove('consulting', 'consulting'), { code: 'DECISION_INVALID_TRANSITION' });
  assert.throws(() => assertStageMove('consulting', 'launch'), { code: 'VALIDATION_FAILED' });
});

test('legality review and collective decision are always required; dates must be real', () => {
  const s = stepsFromForm([], { legality_review: '2026-05-10' });
  assert.equal(s.legality_review?.required, true);
  assert.equal(s.collective_decision?.required, true);
  assert.equal(s.public_participation?.required, false);
  assert.equal(s.legality_review?.doneOn, '2026-05-10');
  assert.throws(
    () => stepsFromForm([], { expert_review: '2026-02-30' }),
    (e: { fields: Record<string, string> }) => 'done_expert_review' in e.fields,
  );
});

test('supervision: past its planned time, published without its steps, legality review under 7 working days, short consultation without reason', () => {
  assert.deepEqual(decisionProblems(entry(), '2026-09-30', cal), []);
  assert.deepEqual(decisionProblems(entry(), '2026-10-01', cal), ['已过计划决策时间（2026-09-30）仍未公布']);
  // Published: no longer overdue, but the missing statutory steps are named.
  const published = entry({
    stage: 'published',
    steps: stepsFromForm(['public_participation', 'expert_review'], { public_participation: '2026-06-30', legality_review: '2026-08-01' }),
  });
  assert.deepEqual(decisionProblems(published, '2026-10-01', cal), ['已公布，但未完成法定程序：专家论证、集体讨论决定']);
  // 国庆 2026: 1–7 October off (working days counted on the calendar). 9 Sep (Wed) → 17 Sep (Thu) is 6 working days; → 18 Sep is 7.
  assert.deepEqual(decisionProblems(entry({ legality_from: '2026-09-09', legality_to: '2026-09-17' }), '2026-09-01', cal), ['合法性审查时间为6个工作日，少于7个工作日']);
  assert.deepEqual(decisionProblems(entry({ legality_from: '2026-09-09', legality_to: '2026-09-18' }), '2026-09-01', cal), []);
  const short = { opens_on: '2026-06-01', closes_on: '2026-06-20', shortened_reason: '' };
  assert.deepEqual(decisionProblems(entry({ consultation: short }), '2026-09-01', cal), ['征求意见少于30日且未说明理由']);
  assert.deepEqual(decisionProblems(entry({ consultation: { ...short, shortened_reason: '汛期前须出台' } }), '2026-09-01', cal), []);
  assert.deepEqual(decisionProblems(entry({ consultation: { ...short, closes_on: '2026-06-30' } }), '2026-09-01', cal), []);
});

const meeting = (over: Partial<MeetingFacts & { id: number }> = {}): MeetingFacts & { id: number } => ({
  id: 1,
  kind: 'hearing',
  state: 'published',
  held_on: '2026-07-20',
  materials_sent_on: '2026-07-13',
  participants: '张某某（市民代表）\n李某某（停车企业）',
  stakeholders: 0,
  public_reps: 0,
  experts: 0,
  media: 0,
  ...over,
});

test('hearings: materials at least 7 days before, the participant list published', () => {
  assert.deepEqual(meetingProblems(meeting(), '2026-07-01'), []);
  assert.deepEqual(meetingProblems(meeting({ materials_sent_on: '2026-07-14' }), '2026-07-01'), ['听证材料于2026-07-14送达，晚于听证会7日前（2026-07-13）']);
  assert.deepEqual(meetingProblems(meeting({ materials_sent_on: null }), '2026-07-13'), [], 'not yet late on the last day');
  assert.deepEqual(meetingProblems(meeting({ materials_sent_on: null }), '2026-07-14'), ['听证会7日前（2026-07-13）未记录听证材料送达']);
  assert.deepEqual(meetingProblems(meeting({ participants: ' ' }), '2026-07-01'), ['未公布听证参加人名单']);
  assert.deepEqual(meetingProblems(meeting({ kind: 'open_meeting', participants: '', materials_sent_on: null }), '2026-08-01'), [], 'open meetings have no such steps');
});

test('open meetings per half-year: published ones held with someone attending, up to the day', () => {
  const ms = [
    meeting({ id: 1, kind: 'open_meeting', held_on: '2026-03-10', stakeholders: 3 }),
    meeting({ id: 2, kind: 'open_meeting', held_on: '2026-05-10' }), // nobody attended
    meeting({ id: 3, kind: 'open_meeting', held_on: '2026-08-10', media: 2, state: 'withdrawn' }),
    meeting({ id: 4, kind: 'open_meeting', held_on: '2026-09-10', experts: 1 }),
  ];
  assert.equal(attendance(ms[0]), 3);
  assert.deepEqual(
    openMeetingCounts(ms, 2026, '2026-09-01').map((h) => [h.label, h.count, h.ended]),
    [
      ['2026年上半年', 1, true],
      ['2026年下半年', 0, false],
    ],
  );
  assert.deepEqual(
    openMeetingCounts(ms, 2026, '2026-03-01').map((h) => h.label),
    ['2026年上半年'],
  );
  assert.equal(openMeetingCounts(ms, 2026, '2026-12-31')[1].count, 1);
});
