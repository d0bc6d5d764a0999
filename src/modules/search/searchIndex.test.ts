import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Bm25Index, countTerms } from './bm25.ts';
import { SearchIndex, type SearchDoc } from './searchIndex.ts';
import { parseQuery, cleanQuery } from './query.ts';
import { parseDocNo } from '../publishing/docNo.ts';

const doc = (id: number, over: Partial<SearchDoc> = {}): SearchDoc => ({
  id,
  title: `文件${id}`,
  unitId: 1,
  unitPath: '/1/',
  unitSlug: 'city',
  unitName: '示范市人民政府',
  publishDate: '2026-01-01',
  docNo: '',
  indexNo: '',
  validity: 'current',
  section: 'a20_01',
  topic: '综合政务\\政务公开',
  genre: '通知',
  ...over,
});

const scoreOf = (ix: Bm25Index, terms: string[]) => {
  ix.score(terms);
  const { ids, scores } = ix.collect();
  return new Map([...ids].map((id, i) => [id, scores[i]]));
};
const add = (ix: Bm25Index, id: number, tokens: string[]) => ix.add(id, [countTerms(tokens)]);

test('posting lists: removal and compaction keep the same scores as an index built without the removed documents', () => {
  const texts = ['低保 标准 提高', '低保 申请 材料', '入学 材料 户口簿', '低保 低保 低保 标准', '防汛 应急'];
  const a = new Bm25Index();
  texts.forEach((t, i) => add(a, i + 1, t.split(' ')));
  add(a, 99, ['低保', '临时']);
  a.remove(99);
  add(a, 2, ['低保', '申请', '材料']); // re-adding replaces
  const b = new Bm25Index();
  texts.forEach((t, i) => add(b, i + 1, t.split(' ')));
  a.compact();
  const sa = scoreOf(a, ['低保', '标准']);
  const sb = scoreOf(b, ['低保', '标准']);
  assert.deepEqual([...sa.keys()].sort(), [...sb.keys()].sort());
  for (const [id, s] of sb) assert.ok(Math.abs(sa.get(id)! - s) < 1e-6, `doc ${id}`);
  assert.deepEqual([...a.containingAll(['低保', '标准'])].sort(), [1, 4]);
  assert.equal(a.size, 5);
  // Large slot gaps and term frequencies beyond the 4-bit field survive the variable-byte encoding.
  const c = new Bm25Index();
  add(c, 1, Array(40).fill('x'));
  for (let i = 2; i < 3000; i++) add(c, i, ['y']);
  add(c, 5_000_000, ['x']);
  assert.deepEqual(
    [...c.containingAll(['x'])].sort((p, q) => p - q),
    [1, 5_000_000],
  );
  assert.equal(c.df('x'), 2);
  // Scores reset between queries.
  assert.deepEqual(scoreOf(c, ['x']), scoreOf(c, ['x']));
});

test('facet counts: each facet counts the matches that pass the other facets’ filters', () => {
  const ix = new SearchIndex();
  ix.put(doc(1, { unitSlug: 'edu', unitPath: '/1/4/', genre: '通知', publishDate: '2026-03-01' }), '义务教育 入学 材料');
  ix.put(doc(2, { unitSlug: 'edu', unitPath: '/1/4/', genre: '意见', publishDate: '2025-05-01' }), '入学 政策');
  ix.put(doc(3, { unitSlug: 'city', genre: '通知', publishDate: '2024-07-01', validity: 'repealed' }), '入学 工作');
  ix.put(doc(4, { unitSlug: 'city', genre: '通知' }), '防汛 应急');
  const all = ix.query({ text: '入学' });
  assert.equal(all.total, 3);
  assert.deepEqual(all.facets.unit, [
    { value: 'edu', count: 2 },
    { value: 'city', count: 1 },
  ]);
  assert.deepEqual(all.facets.genre, [
    { value: '通知', count: 2 },
    { value: '意见', count: 1 },
  ]);
  assert.deepEqual(
    all.facets.year.map((f) => f.value),
    ['2026', '2025', '2024'],
  );
  assert.deepEqual(all.facets.validity, [
    { value: 'current', count: 2 },
    { value: 'repealed', count: 1 },
  ]);
  const notices = ix.query({ text: '入学', filters: { genre: '通知' } });
  assert.deepEqual(notices.results.map((r) => r.id).sort(), [1, 3]);
  // The chosen facet still lists its alternatives with their own counts; the others count within the choice.
  assert.deepEqual(notices.facets.genre, [
    { value: '通知', count: 2 },
    { value: '意见', count: 1 },
  ]);
  assert.deepEqual(notices.facets.unit, [
    { value: 'city', count: 1 },
    { value: 'edu', count: 1 },
  ]);
  const both = ix.query({ text: '入学', filters: { genre: '通知', unit: 'edu' } });
  assert.deepEqual(
    both.results.map((r) => r.id),
    [1],
  );
  assert.deepEqual(both.facets.unit, [
    { value: 'city', count: 1 },
    { value: 'edu', count: 1 },
  ]);
  assert.deepEqual(both.facets.year, [{ value: '2026', count: 1 }]);
  // Scope keeps a unit and the units below it.
  assert.deepEqual(
    ix
      .query({ text: '入学', scopePath: '/1/4/' })
      .results.map((r) => r.id)
      .sort(),
    [1, 2],
  );
  // Sorting by date puts the newest first whatever the score.
  assert.deepEqual(
    ix.query({ text: '入学', sort: 'date' }).results.map((r) => r.id),
    [1, 2, 3],
  );
  assert.equal(ix.query({ text: '入学', offset: 2, limit: 10 }).results.length, 1);
});

test('a query that names a 文号 or 索引号 puts that document first; weak matches do not count', () => {
  const ix = new SearchIndex();
  ix.put(doc(1, { docNo: '国发〔2019〕5号', indexNo: '000014349/2019-00005' }), '深化改革');
  ix.put(doc(2, { docNo: '国发〔2019〕6号' }), '国发 2019 5 国发 2019 5 其他事项');
  for (const q of ['国发〔2019〕5号', '国发[2019]5号', '国发2019年5号', '国发 2019 5', '000014349/2019-00005']) assert.equal(ix.query({ text: q }).results[0].id, 1, q);
  ix.put(doc(3), '最低生活保障 标准 提高 最低生活保障 标准');
  ix.put(doc(4), '会议 纪要 标准化 建设 推进 工作 安排 事项 说明 通报 其他 很多 字');
  const r = ix.query({ text: '最低生活保障标准' });
  assert.equal(r.results[0].id, 3);
  assert.ok(!r.results.some((x) => x.id === 4), 'a document sharing one common character pair is not a match');
});

test('quoted phrases are read in straight, curly and corner quotes; control characters and length are handled', () => {
  assert.deepEqual(parseQuery('"最低生活保障" 标准'), { text: '最低生活保障 标准', phrases: ['最低生活保障'] });
  assert.deepEqual(parseQuery('“社會保險”「断缴」').phrases, ['社会保险', '断缴']);
  assert.deepEqual(parseQuery('只有一个"引号').phrases, []);
  assert.deepEqual(cleanQuery('\u0000低保\u0007'), { q: '低保', tooLong: false });
  assert.equal(cleanQuery('x'.repeat(300)).q.length, 200);
  assert.equal(cleanQuery('x'.repeat(300)).tooLong, true);
  assert.deepEqual(cleanQuery(['a']), { q: '', tooLong: false });
});

test('real document numbers of eleven governments, typed in other common forms, find their document first', () => {
  const lines = fs.readFileSync('fixtures/document-numbers/document_numbers_2023.sample.jsonl', 'utf8').trim().split('\n');
  const ix = new SearchIndex();
  const byNumber = new Map<string, number[]>();
  let id = 0;
  for (const line of lines.slice(0, 4000)) {
    const r = JSON.parse(line) as { government: string; doc_number_raw: string | null };
    const p = parseDocNo(r.doc_number_raw);
    if (!p || !p.year) continue;
    id++;
    ix.put(doc(id, { docNo: p.normalized, title: `${r.government} 文件` }), `${r.government} ${p.prefix} ${p.year} 年 文件 正文`);
    (byNumber.get(p.normalized) ?? byNumber.set(p.normalized, []).get(p.normalized)!).push(id);
  }
  assert.ok(id > 2500, `${id} numbered records`);
  let checked = 0;
  for (const [normalized, ids] of [...byNumber].filter((_, i) => i % 2 === 0)) {
    const p = parseDocNo(normalized)!;
    for (const q of [`${p.prefix}[${p.year}]${p.serial}号`, `${p.prefix}${p.year}年${p.serial}号`, `${p.prefix} ${p.year} ${p.serial}`, `${p.prefix}（${p.year}）${p.serial}号`]) {
      const first = ix.query({ text: q }).results[0];
      assert.ok(first && ids.includes(first.id), `${q} → ${first?.docNo}`);
      checked++;
    }
  }
  assert.ok(checked > 1000, `${checked} queries`);
});
