/**
 * The staff side over HTTP: a publisher creates a dataset (bad input re-rendered with what was typed), uploads a CSV
 * with its dictionary (a bad file refused with the reason, nothing added), submits; another unit's staff cannot see
 * it; the reviewer publishes it, and the public finds it. Edits of a published dataset need a change note.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { SERVICE_ITEMS_CSV } from '../../testing/datasets.ts';

test('create, upload, submit, review and publish a dataset through the staff pages', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const sjj = await makeUnit(h.db, { parentId: city.id, slug: 'sjj', code: '990100030', name: '示范市政务服务数据管理局', kind: 'department' });
  const mzj = await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  await makeUser(h.db, sjj.id, ['publisher'], { username: 'data-writer' });
  await makeUser(h.db, sjj.id, ['reviewer'], { username: 'data-checker' });
  await makeUser(h.db, mzj.id, ['publisher', 'reviewer'], { username: 'other-unit' });

  const w = new Browser(h.app);
  await w.login('data-writer');
  assert.match((await w.get('/staff')).body, /href="\/staff\/data">开放数据<\/a>/);
  const form = {
    unitId: String(sjj.id),
    name: 'service-time-limits',
    changeNote: '',
    title: '政务服务事项办理时限',
    summary: '本单位政务服务事项的法定时限和承诺时限（工作日）。',
    areaCode: '01',
    topic: '',
    keywords: '政务服务、办理时限',
    frequency: 'monthly',
    openness: 'open',
    opennessReason: '',
    licenceId: 'cc-by-4.0',
    terms: '',
    temporalStart: '',
    temporalEnd: '',
    spatial: '',
    contactName: '数据管理科',
    contactPhone: '020-12345678',
    contactEmail: '',
    maintainer: '示范市政务服务数据管理局',
  };
  const bad = await w.post('/staff/data/new', { ...form, name: 'Bad Name!', openness: 'conditional', contactPhone: '' }, '/staff/data/new');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /标识符为2至100位小写字母/);
  assert.match(bad.body, /有条件开放或不予开放须写明理由和依据/);
  assert.match(bad.body, /请至少填写联系电话或联系邮箱/);
  assert.match(bad.body, /value="政务服务事项办理时限"/, 'what was typed is kept');
  const made = await w.post('/staff/data/new', form, '/staff/data/new');
  assert.equal(made.statusCode, 303);
  const page = String(made.headers.location).split('?')[0];
  const id = Number(/\/staff\/data\/(\d+)/.exec(page)![1]);

  const notCsv = await w.postMultipart(
    `${page}/resources`,
    { resourceName: '表', description: '', dictionary: '', url: '' },
    [{ field: 'file', filename: 'x.csv', content: Buffer.from([0x50, 0x4b, 3, 4, 0, 0]) }],
    page,
  );
  assert.equal(notCsv.statusCode, 400);
  assert.match(notCsv.body, /不接受“x.csv”/);
  const noName = await w.postMultipart(
    `${page}/resources`,
    { resourceName: '', description: '', dictionary: '', url: '' },
    [{ field: 'file', filename: 'x.csv', content: SERVICE_ITEMS_CSV }],
    page,
  );
  assert.match(noName.body, /请填写资源名称/);
  const added = await w.postMultipart(
    `${page}/resources`,
    { resourceName: '事项时限表', description: '2026年3月', dictionary: '承诺时限|工作日|本单位承诺的办理时限', url: '' },
    [{ field: 'file', filename: '事项.csv', content: SERVICE_ITEMS_CSV, type: 'text/csv' }],
    page,
  );
  assert.equal(added.statusCode, 303);
  assert.match((await w.get(page)).body, /事项时限表<span class="muted"> CSV · 40 行，7 个数据项<\/span>/);
  assert.equal((await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dataset_resources')).rows[0].n, 1, 'the refused files left nothing');

  const other = new Browser(h.app);
  await other.login('other-unit');
  assert.equal((await other.get(page)).statusCode, 403);
  assert.doesNotMatch((await other.get('/staff/data')).body, /政务服务事项办理时限/);
  assert.equal((await other.post(`${page}/review`, { decision: 'approve', note: '' }, '/staff/data')).statusCode, 403);

  assert.equal((await w.post(`${page}/submit`, {}, page)).statusCode, 303);
  assert.equal((await w.post(`${page}/review`, { decision: 'approve', note: '' }, page)).statusCode, 403, 'a writer does not publish');
  const c = new Browser(h.app);
  await c.login('data-checker');
  assert.equal((await c.post(`${page}/review`, { decision: 'approve', note: '' }, page)).statusCode, 303);
  assert.equal((await h.app.inject({ method: 'GET', url: '/dataset/service-time-limits' })).statusCode, 200);

  // An edit of the published dataset: the change note is asked for before it goes to review again.
  await w.post(page, { ...form, title: '政务服务事项办理时限（月度）' }, page);
  const noNote = await w.post(`${page}/submit`, {}, page);
  assert.equal(noNote.statusCode, 400);
  assert.match(noNote.body, /请写明变更说明/);
  assert.match((await w.get(page)).body, /name="name" value="service-time-limits"/, 'the name is no longer editable once published');
  const events = (await h.db.query<{ kind: string }>('SELECT kind FROM dataset_events WHERE dataset_id = $1 ORDER BY id', [id])).rows.map((r) => r.kind);
  assert.deepEqual(events, ['created', 'resource_added', 'submitted', 'published', 'saved']);
});
