/** Datasets for a question in words: half of the words must occur, ranked by where; the search box wants a strong sign. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalogue } from './ckan.ts';
import { datasetHints, questionWords, rankDatasets } from './hints.ts';
import type { PublishedDataset, ResourceRow } from './queries.ts';
import type { DatasetMetadata } from './rules.ts';

let nextId = 1;
function dataset(name: string, m: Partial<DatasetMetadata>, unitPath: string, columns: string[] = []): { d: PublishedDataset; r: ResourceRow } {
  const id = nextId++;
  const r = { id: `r${id}`, fields: columns.map((c) => ({ id: c, type: 'text', unit: '', description: '' })) } as unknown as ResourceRow;
  const d = {
    id,
    name,
    unit_name: '单位',
    unit_path: unitPath,
    published_at: new Date(Date.UTC(2026, 0, id)),
    resource_ids: [r.id],
    metadata: { title: '', summary: '', keywords: [], ...m },
  } as unknown as PublishedDataset;
  return { d, r };
}

const entries = [
  dataset('air', { title: '空气质量小时数据', summary: '各监测站点逐小时空气质量指数。', keywords: ['空气', 'AQI'] }, '1.2.', ['监测站点', 'PM2.5']),
  dataset('dibao', { title: '城乡低保月度数据', summary: '城乡最低生活保障对象户数和金额。', keywords: ['低保'] }, '1.3.', ['月份', '户数']),
  dataset('schools', { title: '义务教育学校学位', summary: '各校招生计划和学位数。', keywords: ['入学'] }, '1.4.5.', ['学校名称', '监测站点']),
];
const c: Catalogue = { datasets: entries.map((e) => e.d), resources: new Map(entries.map((e) => [e.r.id, e.r])), areas: new Map() };

test("a citizen's question is cut into words of two characters or more, without the stop words", () => {
  const words = questionWords('东莞空气质量怎么样');
  assert.ok(words.includes('空气') && words.includes('质量'), words.join(' '));
  assert.ok(!words.includes('怎么'));
  assert.deepEqual(questionWords('的 了 吗'), []);
});

test('a dataset matches when half of the words occur, best where they occur in the title', () => {
  assert.deepEqual(
    rankDatasets(c, '东莞空气质量怎么样').map((x) => x.d.name),
    ['air'],
  );
  assert.deepEqual(
    rankDatasets(c, '低保 户数').map((x) => x.d.name),
    ['dibao'],
  );
  assert.deepEqual(rankDatasets(c, '天气预报 台风'), [], 'none of the words: nothing');
  assert.deepEqual(
    rankDatasets(c, '监测站点').map((x) => x.d.name),
    ['air', 'schools'],
    'the summary outranks a column name',
  );
  assert.deepEqual(
    rankDatasets(c, '学').map((x) => x.d.name),
    ['schools'],
    'a single character is looked for as typed',
  );
});

test('the search box offers a dataset only on a strong sign, within the unit scope, the best three', () => {
  assert.deepEqual(
    datasetHints(c, '学校名称').hits.map((h) => h.name),
    ['schools'],
  );
  // "PM2.5" is only a column name of the air data; the search box does not offer it on that alone.
  assert.equal(datasetHints(c, 'PM2.5 浓度').total, 0);
  assert.equal(rankDatasets(c, 'PM2.5').length, 1, 'the data list does');
  assert.deepEqual(datasetHints(c, '空气质量', { scopePath: '1.3.' }), { total: 0, hits: [] }, 'another unit scope');
  assert.equal(datasetHints(c, '数据', { limit: 1 }).hits.length, 1);
  assert.equal(datasetHints(c, '数据', { limit: 1 }).total, 2);
});
