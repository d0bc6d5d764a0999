/**
 * 规范性文件清理 over HTTP: a unit lists its current 规章 and 规范性文件, decides each (with the checks a decision needs),
 * its office publishes the result, which becomes a public item and changes every document's validity in one step;
 * 备案审查 records show on the documents' pages. Other units' staff and a publisher publishing are refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem } from '../../testing/items.ts';

test('a cleanup decides every current document, publishes its result and applies it in one step', async (t) => {
  const h = await makeTestApp({ now: '2026-06-01T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100000', name: '示范市人民政府' });
  const mzj = await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局' });
  const other = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100010', name: '示范市教育局' });
  const office = await makeUser(h.db, mzj.id, ['office_admin']);
  const clerk = await makeUser(h.db, mzj.id, ['publisher']);
  const stranger = await makeUser(h.db, other.id, ['office_admin']);
  const now = h.clock.now();
  const doc = (title: string, docNo: string, writtenDate: string, legalForm = 'normative') =>
    publishedItem(h.db, mzj.id, now, { title, docNo, writtenDate, legalForm, issuingOrgans: ['示范市民政局'] });
  const keep = await doc('示范市最低生活保障审核确认办法', '示民规〔2021〕1号', '2021-03-01');
  const revise = await doc('示范市特困人员认定办法', '示民规〔2021〕2号', '2021-05-01');
  const repeal = await doc('示范市临时救助实施细则', '示民规〔2019〕3号', '2019-07-01');
  const expire = await doc('示范市2020年度社会救助资金管理暂行规定', '示民规〔2020〕1号', '2020-02-01');
  await publishedItem(h.db, mzj.id, now, { title: '示范市民政局2025年工作总结', docNo: '' });

  const c = new Browser(h.app);
  await c.login(clerk.username);
  const empty = await c.post('/staff/cleanups', { unitId: String(mzj.id), title: '', basis: '' }, '/staff/cleanups');
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /请填写清理的名称/);
  const started = await c.post('/staff/cleanups', { unitId: String(mzj.id), title: '2026年行政规范性文件清理', basis: '国办发〔2018〕37号' }, '/staff/cleanups');
  assert.equal(started.statusCode, 303);
  const url = String(started.headers.location).split('?')[0];
  const page = (await c.get(url)).body;
  assert.match(page, /已填写 0 \/ 4 件/, 'the four current documents, not the work summary');
  assert.doesNotMatch(page, /工作总结/);
  assert.equal((await c.post('/staff/cleanups', { unitId: String(mzj.id), title: '再来一次', basis: '' }, '/staff/cleanups')).statusCode, 409, 'one open cleanup a unit');

  // The revising document is published meanwhile; it is not in this cleanup (it was not current when it started).
  const newer = await doc('示范市特困人员认定办法（2026年修订）', '示民规〔2026〕1号', '2026-05-20');
  const item = (i: { itemId: number }) => `${url}/items/${i.itemId}`;
  const needs = await c.post(item(revise), { decision: 'revise', followUpIndexNo: '', reason: '' }, item(revise));
  assert.equal(needs.statusCode, 400);
  assert.match(needs.body, /修改的，请填写修改后文件的索引号/);
  const why = await c.post(item(repeal), { decision: 'repeal', followUpIndexNo: '', reason: '' }, item(repeal));
  assert.match(why.body, /废止或宣布失效的，请写明理由/);
  assert.match((await c.post(item(revise), { decision: 'revise', followUpIndexNo: 'nope', reason: '' }, item(revise))).body, /没有索引号为“nope”的已发布信息/);
  for (const [d, body] of [
    [keep, { decision: 'keep', followUpIndexNo: '', reason: '' }],
    [revise, { decision: 'revise', followUpIndexNo: newer.indexNo!, reason: '根据新的认定标准修订' }],
    [repeal, { decision: 'repeal', followUpIndexNo: '', reason: '上位法已修改，内容不再适用' }],
  ] as const)
    assert.equal((await c.post(item(d), body, item(d))).statusCode, 303);

  // 备案审查 of one document, with a bad date first.
  assert.match(
    (await c.post(`${item(keep)}/filing`, { filedOn: '2021-3-9', filedWith: '', conclusion: 'x', note: '' }, item(keep))).body,
    /请填写报备日期[\s\S]*请填写备案机关[\s\S]*请选择审查结论/,
  );
  assert.equal((await c.post(`${item(keep)}/filing`, { filedOn: '2021-03-09', filedWith: '示范市司法局', conclusion: 'passed', note: '' }, item(keep))).statusCode, 303);

  // Who may do what: the publisher cannot publish; another unit's office sees nothing.
  assert.equal((await c.post(`${url}/publish`, {}, url)).statusCode, 403);
  const s = new Browser(h.app);
  await s.login(stranger.username);
  assert.equal((await s.get(url)).statusCode, 403);
  assert.equal((await s.post(item(keep), { decision: 'repeal', followUpIndexNo: '', reason: 'x' }, url)).statusCode, 403);

  const o = new Browser(h.app);
  await o.login(office.username);
  const undecided = await o.post(`${url}/publish`, {}, url);
  assert.equal(undecided.statusCode, 409);
  assert.match(undecided.body, /还有 1 份文件没有清理结果：示范市2020年度社会救助资金管理暂行规定/);
  assert.equal((await o.post(item(expire), { decision: 'expire', followUpIndexNo: '', reason: '有效期届满' }, item(expire))).statusCode, 303);
  assert.equal((await o.post(`${url}/publish`, {}, url)).statusCode, 303);
  assert.equal((await o.post(item(keep), { decision: 'repeal', followUpIndexNo: '', reason: 'x' }, item(keep))).statusCode, 409, 'a published result is final');

  // Applied: validity changed, the result list public, each page tells it.
  const validity = async (i: { itemId: number }) =>
    (await h.db.query<{ validity: string; by: number | null }>('SELECT validity, validity_by_item_id AS by FROM information_items WHERE id = $1', [i.itemId])).rows[0];
  const result = (await h.db.query<{ id: number }>('SELECT result_item_id AS id FROM cleanup_campaigns')).rows[0].id;
  assert.deepEqual(await validity(keep), { validity: 'current', by: null });
  assert.deepEqual(await validity(revise), { validity: 'revised', by: newer.itemId });
  assert.deepEqual(await validity(repeal), { validity: 'repealed', by: result });
  assert.deepEqual(await validity(expire), { validity: 'expired', by: result });
  const citizen = new Browser(h.app);
  const list = await citizen.get(`/xxgk/mzj/items/${result}`);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /示范市民政局关于公布2026年行政规范性文件清理结果的通知/);
  assert.match(list.body, /共清理 4 件：继续有效 1 件，修改 1 件，废止 1 件，宣布失效 1 件/);
  assert.match(list.body, /<td>示范市临时救助实施细则<\/td><td>示民规〔2019〕3号<\/td><td>废止<\/td><td>上位法已修改，内容不再适用<\/td>/);
  assert.match((await citizen.get(`/xxgk/mzj/items/${repeal.itemId}`)).body, /本文件已废止/);
  assert.match((await citizen.get(`/xxgk/mzj/items/${keep.itemId}`)).body, /<th scope="row">备案审查<\/th><td[^>]*>2021-03-09 报示范市司法局备案，审查通过<\/td>/);
  assert.equal((await h.db.query(`SELECT 1 FROM audit_log WHERE action = 'cleanup.published'`)).rows.length, 1);
});
