import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Suggester, toPinyin } from './suggest.ts';
import { Synonyms, readSynonymForm } from './synonyms.ts';

const vocabulary = new Map([
  ['社保', 3],
  ['社会保险', 20],
  ['低保', 5],
  ['标准', 30],
  ['最低生活保障', 4],
  ['住房公积金', 6],
  ['入学', 8],
  ['材料', 9],
]);
const known = (w: string) => vocabulary.has(w);

test('pinyin queries, joined or spaced, become the words documents use', () => {
  const s = new Suggester(vocabulary);
  assert.equal(toPinyin('社会保险'), 'shehuibaoxian');
  assert.equal(s.suggest('shebao', known), '社保');
  assert.equal(s.suggest('SheBao', known), '社保');
  assert.equal(s.suggest('di bao biao zhun', known), '低保标准');
  assert.equal(s.suggest('zhufanggongjijin', known), '住房公积金');
  assert.equal(s.suggest('qwrtz', known), undefined);
  assert.equal(s.suggest('a', known), undefined);
});

test('initials typed on a phone (dbbz) find the word documents use', () => {
  const s = new Suggester(new Map([...vocabulary, ['低保标准', 7]]));
  assert.equal(s.suggest('dbbz', known), '低保标准');
  assert.equal(s.suggest('zfgjj', known), '住房公积金');
  assert.equal(s.suggest('DBBZ', known), '低保标准');
  assert.equal(s.suggest('shbx', known), '社会保险');
  assert.equal(s.suggest('xyz', known), undefined);
});

test('a wrong character of the same sound is corrected; a correct query is left alone', () => {
  const s = new Suggester(vocabulary);
  assert.equal(s.suggest('低包标准', known), '低保标准');
  assert.equal(s.suggest('社宝断缴怎么办', known), '社保断缴怎么办');
  assert.equal(s.suggest('低保标准', known), undefined);
  assert.equal(s.suggest('入学材料', known), undefined);
  assert.equal(s.suggest('', known), undefined);
});

test('synonyms add the official terms of the everyday words a query contains, once', () => {
  const syn = new Synonyms([
    { term: '社保', synonyms: ['社会保险'] },
    { term: '五险一金', synonyms: ['社会保险', '住房公积金'] },
    { term: '低保', synonyms: ['最低生活保障'] },
  ]);
  assert.deepEqual(syn.expand('社保断缴怎么办'), ['社会保险']);
  assert.deepEqual(syn.expand('五险一金和社保'), ['社会保险', '住房公积金']);
  assert.deepEqual(syn.expand('社會保險'), []);
  assert.deepEqual(syn.expand('低保和社会保险'), ['最低生活保障']);
  assert.deepEqual(syn.expand('防汛'), []);
});

test('the synonym form says what is wrong with each field', () => {
  assert.deepEqual(readSynonymForm({ term: '社保', synonyms: '社会保险、 社会保障，社会保险' }).value, { term: '社保', synonyms: ['社会保险', '社会保障'] });
  assert.match(readSynonymForm({ term: '', synonyms: 'x' }).errors.term, /请填写/);
  assert.match(readSynonymForm({ term: '社 保', synonyms: 'x' }).errors.term, /一个词/);
  assert.match(readSynonymForm({ term: '社保', synonyms: '' }).errors.synonyms, /至少一个/);
  assert.match(readSynonymForm({ term: '社保', synonyms: '社保' }).errors.synonyms, /不能只是/);
  assert.match(readSynonymForm({ term: '社保', synonyms: Array.from({ length: 11 }, (_, i) => `词${i}`).join(',') }).errors.synonyms, /最多10个/);
  assert.deepEqual(readSynonymForm({ term: '社保', synonyms: '社会保险' }).errors, {});
});
