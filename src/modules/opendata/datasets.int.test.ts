/**
 * Datasets with their resources: a table (UTF-8 or GB18030 CSV) is loaded whole into the datastore with its dictionary
 * and searched with CKAN's parameters; a bad file or a bad row leaves nothing behind; the lifecycle publishes versions
 * with change notes and keeps the published version public while the next is edited.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { makeTestApp } from '../../testing/harness.ts';
import { actorFor, makeUnit, makeUser } from '../../testing/factories.ts';
import { addResource, approveDataset, removeResource, returnDataset, saveDataset, submitDataset, withdrawDataset } from './commands.ts';
import { searchRows, allRows } from './datastore.ts';
import { getDataset, getResource, publishedDataset, datasetHistory } from './queries.ts';
import { sampleMetadata } from '../../testing/datasets.ts';

const CSV = fs.readFileSync(new URL('../../../fixtures/opendata/gd-service-items-40.csv', import.meta.url));
const GBK = fs.readFileSync(new URL('../../../fixtures/opendata/gd-service-items-40.gbk.csv', import.meta.url));
const LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 1000, maxColumns: 50 };

async function setup() {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const sjj = await makeUnit(h.db, { parentId: city.id, slug: 'sjj', code: '990100030', name: '示范市政务服务数据管理局', kind: 'department' });
  const other = await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  await makeUser(h.db, sjj.id, ['publisher'], { username: 'data-writer' });
  await makeUser(h.db, sjj.id, ['reviewer'], { username: 'data-checker' });
  await makeUser(h.db, other.id, ['publisher'], { username: 'other-writer' });
  return { h, sjj, writer: await actorFor(h.db, 'data-writer'), checker: await actorFor(h.db, 'data-checker'), other: await actorFor(h.db, 'other-writer') };
}

test('metadata is checked field by field; the identifier is unique', async (t) => {
  const { h, sjj, writer, other } = await setup();
  t.after(() => h.close());
  const now = h.clock.now();
  await assert.rejects(
    saveDataset(h.db, writer, now, { unitId: sjj.id, name: 'Bad Name', metadata: sampleMetadata({ title: '', openness: 'conditional', areaCode: '99' }), changeNote: '' }),
    (e: { fields: Record<string, string> }) => !!e.fields.title && !!e.fields.opennessReason && !!e.fields.areaCode,
  );
  await assert.rejects(
    saveDataset(h.db, writer, now, { unitId: sjj.id, name: 'Bad Name', metadata: sampleMetadata(), changeNote: '' }),
    (e: { fields: Record<string, string> }) => !!e.fields.name,
  );
  const id = await saveDataset(h.db, writer, now, { unitId: sjj.id, name: 'service-time-limits', metadata: sampleMetadata(), changeNote: '' });
  assert.deepEqual((await getDataset(h.db, id))!.metadata.keywords, ['政务服务', '办理时限', '承诺时限']);
  await assert.rejects(
    saveDataset(h.db, writer, now, { unitId: sjj.id, name: 'service-time-limits', metadata: sampleMetadata(), changeNote: '' }),
    (e: { fields: Record<string, string> }) => /已被/.test(e.fields.name),
  );
  await assert.rejects(saveDataset(h.db, other, now, { unitId: sjj.id, name: 'x-other', metadata: sampleMetadata(), changeNote: '' }), { code: 'FORBIDDEN' });
});

test('a CSV in UTF-8 or GB18030 is loaded whole with its dictionary and searched as CKAN searches', async (t) => {
  const { h, sjj, writer } = await setup();
  t.after(() => h.close());
  const now = h.clock.now();
  const id = await saveDataset(h.db, writer, now, { unitId: sjj.id, name: 'service-time-limits', metadata: sampleMetadata(), changeNote: '' });
  const dictionary = '法定时限|工作日|法律规定的办理时限\n承诺时限|工作日|本单位承诺的办理时限';
  const rid = await addResource(h.db, writer, now, id, { name: '事项时限表', description: '', dictionary, file: { filename: '事项.csv', content: CSV } }, LIMITS);
  const gbk = await addResource(h.db, writer, now, id, { name: 'GBK 版', description: '', dictionary: '', file: { filename: 'gbk.csv', content: GBK } }, LIMITS);
  const r = (await getResource(h.db, rid))!;
  assert.equal(r.row_count, 40);
  assert.deepEqual(
    r.fields.map((f) => [f.id, f.type]),
    [
      ['实施编码', 'text'],
      ['事项名称', 'text'],
      ['事项类型', 'text'],
      ['实施主体', 'text'],
      ['法定时限', 'int'],
      ['承诺时限', 'int'],
      ['到现场次数', 'int'],
    ],
  );
  assert.equal(r.fields[4].unit, '工作日');
  assert.deepEqual(
    (await getResource(h.db, gbk))!.fields,
    r.fields.map((f) => ({ ...f, unit: '', description: '' })),
    'GB18030 reads the same',
  );

  const first = await searchRows(h.db, rid, r.fields, { limit: 2, offset: 0 });
  assert.equal(first.total, 40);
  assert.deepEqual(first.records[0], {
    _id: 1,
    实施编码: '11440000006939756B2440101007000',
    事项名称: '临时价格干预范围事项提价申报',
    事项类型: '行政许可',
    实施主体: '广东省发展和改革委员会',
    法定时限: 30,
    承诺时限: 7,
    到现场次数: 0,
  });
  const edu = await searchRows(h.db, rid, r.fields, { limit: 100, offset: 0, filters: { 实施主体: '广东省教育厅' }, sort: '承诺时限 desc', fields: ['事项名称', '承诺时限'] });
  assert.ok(edu.total > 1);
  assert.deepEqual(Object.keys(edu.records[0]), ['事项名称', '承诺时限']);
  const limits = edu.records.map((x) => x.承诺时限 as number);
  assert.deepEqual(
    limits,
    [...limits].sort((a, b) => b - a),
    'sorted as numbers, descending',
  );
  const q = await searchRows(h.db, rid, r.fields, { limit: 100, offset: 0, q: '课程教材' });
  assert.ok(q.total >= 2 && q.records.every((x) => String(x.事项名称).includes('课程教材')));
  assert.equal((await searchRows(h.db, rid, r.fields, { limit: 100, offset: 0, q: '实施主体' })).total, 0, 'q matches values, not column names');
  assert.equal((await searchRows(h.db, rid, r.fields, { limit: 100, offset: 0, q: '6939756b' })).total, 1, 'any case');
  const paren = await searchRows(h.db, rid, r.fields, { limit: 100, offset: 0, q: '(民办' });
  assert.ok(paren.total >= 1 && paren.records.every((x) => String(x.事项名称).includes('(民办')), 'regex characters are plain text');
  assert.equal((await searchRows(h.db, rid, r.fields, { limit: 100, offset: 0, q: '.*' })).total, 0, 'not a pattern');
  assert.equal((await searchRows(h.db, rid, r.fields, { limit: 100, offset: 0, q: '"\\' })).total, 0, 'quotes and backslashes are safe');
  await assert.rejects(searchRows(h.db, rid, r.fields, { limit: 1, offset: 0, sort: '不存在 asc' }), { code: 'DATASTORE_BAD_QUERY' });
  await assert.rejects(searchRows(h.db, rid, r.fields, { limit: 1, offset: 0, filters: { 不存在: 'x' } }), { code: 'DATASTORE_BAD_QUERY' });
  let n = 0;
  for await (const page of allRows(h.db, rid, 7)) n += page.length;
  assert.equal(n, 40, 'read back page by page');
});

test('a bad file or a bad row leaves nothing half-loaded', async (t) => {
  const { h, sjj, writer } = await setup();
  t.after(() => h.close());
  const now = h.clock.now();
  const id = await saveDataset(h.db, writer, now, { unitId: sjj.id, name: 'service-time-limits', metadata: sampleMetadata(), changeNote: '' });
  const add = (filename: string, content: Buffer, dictionary = '') =>
    addResource(h.db, writer, now, id, { name: '表', description: '', dictionary, file: { filename, content } }, LIMITS);
  const ragged = Buffer.concat([CSV, Buffer.from('多余,1,2,3,4,5,6,7,8\r\n')]);
  await assert.rejects(add('a.csv', ragged), (e: { code: string; message: string }) => e.code === 'TABLE_UNREADABLE' && /第 42 行的列数多于表头/.test(e.message));
  await assert.rejects(add('a.csv', CSV, '不存在的列|个|说明'), (e: { fields: Record<string, string> }) => /不存在的列/.test(e.fields.dictionary));
  await assert.rejects(add('a.csv', Buffer.from('"unclosed\n1,2\n')), { code: 'TABLE_UNREADABLE' });
  await assert.rejects(addResource(h.db, writer, now, id, { name: '表', description: '', dictionary: '', file: { filename: 'a.csv', content: CSV } }, { ...LIMITS, maxRows: 10 }), {
    code: 'TABLE_TOO_LARGE',
  });
  await assert.rejects(add('a.pdf', CSV), (e: { fields: Record<string, string> }) => /扩展名须与文件实际格式一致/.test(e.fields.file));
  await assert.rejects(add('a.exe', Buffer.from([0x4d, 0x5a, 0, 0])), (e: { fields: Record<string, string> }) => !!e.fields.file);
  assert.equal((await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM datastore_rows')).rows[0].n, 0);
  assert.equal((await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dataset_resources')).rows[0].n, 0);
  assert.deepEqual((await getDataset(h.db, id))!.resource_ids, []);
});

test('review publishes versions with change notes; the published version stays public while the next is edited', async (t) => {
  const { h, sjj, writer, checker } = await setup();
  t.after(() => h.close());
  const now = h.clock.now();
  const id = await saveDataset(h.db, writer, now, { unitId: sjj.id, name: 'service-time-limits', metadata: sampleMetadata(), changeNote: '' });
  await assert.rejects(submitDataset(h.db, writer, now, id), (e: { fields: Record<string, string> }) => !!e.fields.file, 'nothing to publish yet');
  const rid = await addResource(h.db, writer, now, id, { name: '事项时限表', description: '', dictionary: '', file: { filename: '事项.csv', content: CSV } }, LIMITS);
  await submitDataset(h.db, writer, now, id);
  await assert.rejects(approveDataset(h.db, writer, now, id), { code: 'FORBIDDEN' });
  await assert.rejects(returnDataset(h.db, checker, now, id, ''), (e: { fields: Record<string, string> }) => !!e.fields.note);
  await approveDataset(h.db, checker, now, id);
  assert.equal((await publishedDataset(h.db, 'service-time-limits'))!.version_no, 1);

  // A new file replaces the old one: the first version still lists the old resource, untouched.
  const rid2 = await addResource(h.db, writer, now, id, { name: '事项时限表（3月）', description: '', dictionary: '', file: { filename: '事项.csv', content: CSV } }, LIMITS);
  await removeResource(h.db, writer, now, id, rid);
  await saveDataset(h.db, writer, now, { unitId: sjj.id, name: 'renamed', metadata: sampleMetadata({ title: '政务服务事项办理时限（月度）' }), changeNote: '' }, id);
  const d = (await getDataset(h.db, id))!;
  assert.equal(d.name, 'service-time-limits', 'the name is fixed once published');
  assert.equal((await publishedDataset(h.db, 'service-time-limits'))!.metadata.title, '政务服务事项办理时限', 'the published version stays public');
  await assert.rejects(submitDataset(h.db, writer, now, id), (e: { fields: Record<string, string> }) => !!e.fields.changeNote);
  await saveDataset(h.db, writer, now, { unitId: sjj.id, name: '', metadata: sampleMetadata({ title: '政务服务事项办理时限（月度）' }), changeNote: '更新为3月数据' }, id);
  await submitDataset(h.db, writer, now, id);
  await approveDataset(h.db, checker, now, id);
  const p = (await publishedDataset(h.db, d.uuid))!;
  assert.deepEqual([p.version_no, p.metadata.title, p.resource_ids], [2, '政务服务事项办理时限（月度）', [rid2]]);
  assert.deepEqual(
    (await datasetHistory(h.db, id)).map((v) => v.change_note),
    ['更新为3月数据', '首次发布'],
  );
  assert.equal((await getResource(h.db, rid))!.row_count, 40, 'the replaced resource is kept');

  await assert.rejects(withdrawDataset(h.db, checker, now, id, ' '), (e: { fields: Record<string, string> }) => !!e.fields.reason);
  await withdrawDataset(h.db, checker, now, id, '数据口径调整，另行发布');
  assert.equal(await publishedDataset(h.db, 'service-time-limits'), undefined);
  assert.equal((await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'dataset.%'`)).rows[0].n > 8, true);
});
