/** The pure rules of a dataset: column ids, the types read from values, the dictionary, states, and freshness. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnIds, describeFields, isOverdue, nextState, TypeGuesser } from './rules.ts';

test('column ids are never empty, never start with "_" (CKAN reserves it) and never repeat', () => {
  assert.deepEqual(columnIds([' 名称 ', '', '_id', '名称', '名称']), ['名称', '列2', 'id', '名称_4', '名称_5']);
});

test('each column gets the narrowest type all its values fit; empty cells do not count', () => {
  const g = new TypeGuesser(5);
  for (const row of [
    ['1', '1.5', '2026-03-01', 'a', ''],
    ['-20', '3', '2026-13-01x', '2', ''],
    ['', '', '', '', ''],
  ])
    g.see(row);
  assert.deepEqual(g.types(), ['int', 'numeric', 'text', 'text', 'text']);
  const d = new TypeGuesser(1);
  d.see(['2026-03-01']);
  assert.deepEqual(d.types(), ['date']);
});

test('the dictionary is read one column a line; an unknown column is named', () => {
  assert.deepEqual(describeFields(['户数', '金额'], ['int', 'numeric'], '金额｜元｜当月发放总额\n\n'), [
    { id: '户数', type: 'int', unit: '', description: '' },
    { id: '金额', type: 'numeric', unit: '元', description: '当月发放总额' },
  ]);
  assert.throws(
    () => describeFields(['户数'], ['int'], '人数|人|'),
    (e: { fields: Record<string, string> }) => /“人数”不是表格的列名/.test(e.fields.dictionary),
  );
});

test('states move only along their transitions', () => {
  assert.equal(nextState('draft', 'submit'), 'review');
  assert.equal(nextState('review', 'approve'), 'published');
  assert.equal(nextState('review', 'return'), 'draft');
  assert.throws(() => nextState('published', 'approve'), { code: 'DATASET_INVALID_TRANSITION' });
});

test('a dataset is overdue once more days than its frequency allows have passed; 不定期 never is', () => {
  assert.equal(isOverdue('monthly', '2026-01-31', '2026-03-03'), false);
  assert.equal(isOverdue('monthly', '2026-01-31', '2026-03-04'), true);
  assert.equal(isOverdue('daily', '2026-03-01', '2026-03-02'), false);
  assert.equal(isOverdue('daily', '2026-03-01', '2026-03-03'), true);
  assert.equal(isOverdue('irregular', '2020-01-01', '2026-03-03'), false);
});
