import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isShown, questionFromForm, readAnswers, tallyQuestion, type Answers, type Question } from './surveys.ts';
import { personKey } from './commands/surveys.ts';
import { participationSentence } from './decisionQueries.ts';

const blank = { kind: '', label: '', required: false, options: '', rows: '', scaleMax: '', min: '', max: '', showIfQuestion: '', showIfValues: '' };
const q = (id: number, position: number, over: Omit<Partial<Question>, 'id' | 'position'>): Question => ({
  id,
  position,
  kind: 'single',
  label: `题${id}`,
  required: false,
  config: {},
  ...over,
});

const QS: Question[] = [
  q(1, 1, { kind: 'single', required: true, config: { options: ['开车', '公交', '步行'] } }),
  q(2, 2, { kind: 'number', required: true, config: { min: 0, max: 300, showIf: { questionId: 1, values: ['开车'] } } }),
  q(3, 3, { kind: 'multiple', config: { options: ['停车难', '收费高', '占道'] } }),
  q(4, 4, { kind: 'scale', required: true, config: { scaleMax: 5 } }),
  q(5, 5, { kind: 'matrix', required: true, config: { options: ['满意', '一般', '不满意'], rows: ['商场', '医院'] } }),
  q(6, 6, { kind: 'ranking', config: { options: ['甲', '乙', '丙'] } }),
  q(7, 7, { kind: 'text' }),
  q(8, 8, { kind: 'file' }),
];

test('questions from the staff form: options, rows, scale, bounds and a condition on an earlier choice', () => {
  const single = questionFromForm({ ...blank, kind: 'single', label: '出行方式', options: '开车\n公交\n\n公交\n步行' }, []);
  assert.deepEqual(single.config.options, ['开车', '公交', '步行'], 'blank and repeated lines dropped');
  assert.throws(
    () => questionFromForm({ ...blank, kind: 'single', label: 'x', options: '只有一个' }, []),
    (e: { fields: object }) => 'options' in e.fields,
  );
  assert.throws(
    () => questionFromForm({ ...blank, kind: 'matrix', label: 'x', options: 'a\nb' }, []),
    (e: { fields: object }) => 'rows' in e.fields,
  );
  assert.throws(
    () => questionFromForm({ ...blank, kind: 'scale', label: 'x', scaleMax: '11' }, []),
    (e: { fields: object }) => 'scaleMax' in e.fields,
  );
  assert.throws(
    () => questionFromForm({ ...blank, kind: 'number', label: 'x', min: '5', max: '1' }, []),
    (e: { fields: object }) => 'max' in e.fields,
  );
  assert.throws(
    () => questionFromForm({ ...blank, kind: 'dance', label: '' }, []),
    (e: { fields: object }) => 'kind' in e.fields && 'label' in e.fields,
  );
  const cond = questionFromForm({ ...blank, kind: 'number', label: '每月停车费', showIfQuestion: '1', showIfValues: '开车' }, QS);
  assert.deepEqual(cond.config.showIf, { questionId: 1, values: ['开车'] });
  assert.throws(
    () => questionFromForm({ ...blank, kind: 'text', label: 'x', showIfQuestion: '1', showIfValues: '骑车' }, QS),
    (e: { fields: object }) => 'showIfValues' in e.fields,
  );
  assert.throws(
    () => questionFromForm({ ...blank, kind: 'text', label: 'x', showIfQuestion: '4', showIfValues: '5' }, QS),
    (e: { fields: object }) => 'showIfQuestion' in e.fields,
  );
});

test('answers: required ones, choices from the options, a hidden question neither required nor kept, ranks a permutation', () => {
  const full = {
    q1: '开车',
    q2: '150',
    q3: ['占道', '停车难'],
    q4: '4',
    q5_r0: '满意',
    q5_r1: '不满意',
    q6_o0: '2',
    q6_o1: '1',
    q6_o2: '3',
    q7: '  希望多建停车场  ',
  };
  const a = readAnswers(QS, full, new Set(['q8']));
  assert.deepEqual(a, {
    1: '开车',
    2: 150,
    3: ['停车难', '占道'],
    4: 4,
    5: { 商场: '满意', 医院: '不满意' },
    6: ['乙', '甲', '丙'],
    7: '希望多建停车场',
    8: { filename: '' },
  });
  // Not driving: the parking-fee question is hidden, so neither required nor kept even if sent.
  const walker = readAnswers(QS, { ...full, q1: '步行', q2: 'abc' }, new Set());
  assert.equal(walker[2], undefined);
  assert.equal(isShown(QS[1], { 1: '步行' }), false);
  const bad = (body: Record<string, unknown>) => {
    try {
      readAnswers(QS, body, new Set());
      return {};
    } catch (e) {
      return (e as { fields: Record<string, string> }).fields;
    }
  };
  assert.deepEqual(bad({}), { q1: '请回答此题', q4: '请回答此题', q5: '请对每一行作答' });
  assert.deepEqual(bad({ ...full, q1: '飞行' }).q1, '请从选项中选择');
  assert.deepEqual(bad({ ...full, q2: '301' }).q2, '不能大于300');
  assert.deepEqual(bad({ ...full, q4: '6' }).q4, '请选择一个分值');
  assert.deepEqual(bad({ ...full, q5_r1: '很好' }).q5_r1, '请从选项中选择');
  assert.deepEqual(bad({ ...full, q6_o2: '1' }).q6, '请给每一项排一个不同的名次（1到3）');
  assert.deepEqual(bad({ ...full, q7: '字'.repeat(2001) }).q7, '不超过2000个字');
});

test('results: counts and shares, scale mean, matrix by row, mean rank, number summary; text counted only', () => {
  const rs: Answers[] = [
    { 1: '开车', 2: 100, 3: ['停车难'], 4: 5, 5: { 商场: '满意', 医院: '一般' }, 6: ['甲', '乙', '丙'] },
    { 1: '开车', 2: 300, 3: ['停车难', '收费高'], 4: 3, 5: { 商场: '满意', 医院: '满意' }, 6: ['乙', '甲', '丙'], 7: '无' },
    { 1: '公交', 3: [], 4: 4, 6: ['甲', '丙', '乙'] },
  ];
  assert.deepEqual(tallyQuestion(QS[0], rs), {
    kind: 'choices',
    answered: 3,
    counts: [
      { label: '开车', n: 2 },
      { label: '公交', n: 1 },
      { label: '步行', n: 0 },
    ],
  });
  const scale = tallyQuestion(QS[3], rs);
  assert.equal(scale.kind === 'choices' && scale.mean, 4);
  assert.deepEqual(tallyQuestion(QS[1], rs), { kind: 'number', answered: 2, mean: 200, median: 200, min: 100, max: 300 });
  const m = tallyQuestion(QS[4], rs);
  assert.deepEqual(m.kind === 'matrix' && m.rows, [
    { label: '商场', counts: [2, 0, 0] },
    { label: '医院', counts: [1, 1, 0] },
  ]);
  const r = tallyQuestion(QS[5], rs);
  assert.deepEqual(r.kind === 'ranking' && r.order.map((o) => [o.label, o.meanRank]), [
    ['甲', 1.33],
    ['乙', 2],
    ['丙', 2.67],
  ]);
  assert.deepEqual(tallyQuestion(QS[6], rs), { kind: 'count', answered: 1 });
});

test('one answer per person: a keyed hash of the phone or e-mail, the same however typed, never the value', () => {
  const k = personKey('s3cret', 7, '138 0000 0000');
  assert.equal(k, personKey('s3cret', 7, '+8613800000000'));
  assert.notEqual(k, personKey('s3cret', 8, '13800000000'), 'per survey');
  assert.notEqual(k, personKey('other', 7, '13800000000'), 'per secret');
  assert.equal(personKey('s3cret', 7, 'Li@Example.cn'), personKey('s3cret', 7, 'li@example.cn'));
  assert.equal(personKey('s3cret', 7, '12345'), null);
  assert.doesNotMatch(k!, /13800000000/);
});

test('the annual report sentence names only what the unit did', () => {
  const none = { consultations: 0, comments: 0, adopted: 0, notAdopted: 0, meetings: 0, attendees: 0, surveys: 0, responses: 0, decisions: 0 };
  assert.equal(participationSentence(none), '');
  assert.equal(
    participationSentence({ ...none, consultations: 2, comments: 31, adopted: 9, notAdopted: 15, surveys: 1, responses: 60 }),
    '推进决策公开和公众参与，公开征求意见2次，收到意见31条，采纳（含部分采纳）9条、未采纳15条并说明理由；开展问卷调查1次，收到答卷60份。',
  );
});
