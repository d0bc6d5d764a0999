import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { makeTestApp } from '../../testing/harness.ts';
import { actorFor, makeUnit, makeUser } from '../../testing/factories.ts';
import { publishedItem } from '../../testing/items.ts';
import { application } from '../../testing/requests.ts';
import { Browser } from '../../testing/http.ts';
import { caseContext } from '../requests/caseStore.ts';
import { registerApplication } from '../requests/commands/registerApplication.ts';

test('the office sees each unit’s indicators with the records behind them, and exports the work ledger', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const civil = await makeUnit(h.db, { parentId: city.id, slug: 'mz', code: '990100005', name: '示范市民政局' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  await makeUser(h.db, civil.id, ['office_admin', 'request_officer', 'publisher'], { username: 'civil' });
  const ctx = () => caseContext({ calendar: h.calendar, clock: h.clock, config: h.config });
  // An application received 3-02 and never answered: due 3-30, overdue by 4-01.
  const c = await registerApplication(h.db, await ctx(), await actorFor(h.db, 'civil'), {
    unitId: civil.id,
    application: application(),
    registration: { channel: 'in_person', arrivedOn: '2026-03-02' },
  });
  // A policy formed 1-05 and published 3-02 (late: 20 working days after 1-05 end 2-02), with no interpretation.
  const late = await publishedItem(h.db, civil.id, h.clock.now(), {
    title: '示范市城乡低保实施办法',
    formedDate: '2026-01-05',
    sectionCode: 'a20_01',
    bodyHtml: '截止目前，全市城乡低保对象共5万人。',
  });
  // An item linking to another that is then withdrawn.
  const target = await publishedItem(h.db, civil.id, h.clock.now(), { title: '旧版办事指南', sectionCode: 'a20_02', bodyHtml: '旧版。' });
  await publishedItem(h.db, civil.id, h.clock.now(), { title: '新版办事指南', sectionCode: 'a20_02', bodyHtml: `<p>另见<a href="/xxgk/mz/items/${target.itemId}">旧版</a>。</p>` });
  const { transitionItem } = await import('../publishing/commands/transition.ts');
  await transitionItem(h.db, { kind: 'system', label: 't' }, h.clock.now(), target.itemId, 'withdraw', { remarks: '已被新版代替' });
  h.clock.set('2026-04-01T02:00:00Z');
  const office = new Browser(h.app);
  await office.login('office');
  const all = (await office.get('/staff/supervision')).body;
  assert.match(all, /依申请公开按期答复/);
  // 民政局: the overdue case, the late item, the missing interpretation, and nothing published for 30 days.
  assert.match(
    all,
    /示范市民政局<\/a><\/th><td class="status-overdue">1<\/td><td class="status-overdue">1<\/td><td class="status-overdue">1<\/td><td>0<\/td><td>0<\/td><td class="status-overdue">1<\/td><td class="status-overdue">1<\/td><td class="status-overdue">\d+<\/td>/,
  );
  assert.match(
    all,
    /示范市人民政府<\/a><\/th><td>0<\/td><td>0<\/td><td>0<\/td><td>0<\/td><td>0<\/td><td class="status-overdue">1<\/td><td>0<\/td><td class="status-overdue">\d+<\/td>/,
    'the city never published; its columns are empty',
  );
  // The office sets 法规文件 to be updated weekly: a month without anything new is a finding.
  await office.post(`/staff/units/${civil.id}/sections`, { enabled: ['a20_01', 'a20_04'], rhythm_a20_01: 'week' }, `/staff/units/${civil.id}/sections`);
  const unit = (await office.get(`/staff/supervision/${civil.id}`)).body;
  assert.match(unit, /法规文件<\/a>：应每周更新，最近一次 2026-03-02/);
  assert.match(unit, /统计信息<\/a>：空白栏目：开启但没有任何信息/);
  assert.match(unit, new RegExp(`href="/staff/requests/${c.id}">${c.caseNo}</a>：逾期未答复（期限 2026-03-30）`));
  assert.match(unit, new RegExp(`href="/staff/items/${late.itemId}">示范市城乡低保实施办法</a>：形成于 2026-01-05，应于 2026-02-02 前公开，2026-03-02 才公开`));
  assert.match(unit, /没有政策解读（应于 2026-03-05 前发布）/);
  assert.match(unit, /依据：条例第二十六条/);
  assert.match(unit, new RegExp(`新版办事指南</a>：链接指向的信息（编号 ${target.itemId}）已撤回或不存在`));
  const xlsx = await h.app.inject({ url: '/staff/supervision.xlsx', headers: { cookie: [...office.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const rows = wb
    .getWorksheet('问题清单')!
    .getSheetValues()
    .filter(Boolean)
    .map((r) => (r as unknown[]).slice(1, 3).join('|'));
  assert.deepEqual(
    rows.slice(1).filter((r) => !r.startsWith('示范市人民政府|栏目维护')),
    [
      '示范市人民政府|栏目更新',
      '示范市民政局|依申请公开按期答复',
      '示范市民政局|主动公开及时性',
      '示范市民政局|政策解读',
      '示范市民政局|栏目更新',
      '示范市民政局|错敏词',
      '示范市民政局|栏目维护',
      '示范市民政局|栏目维护',
      '示范市民政局|链接可用性',
    ],
  );
  assert.match(unit, /“截止目前”应为“截至目前”：…[^…]*截止目前，全市城乡低保对象/);
  assert.match(unit, /最近一次发布于 2026-03-02/);
  // Assessment: 民政局 has one finding each in requests (−20), timeliness (−5), interpretation (−10), home (−50) and
  // wording (−10); 社会评议 and 第三方评估 are entered.
  const bad = await office.post('/staff/supervision/assessment/manual', { year: '2026', unit: String(civil.id), key: 'social', score: '101' }, '/staff/supervision/assessment');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /得分应为0至100之间的数/);
  await office.post('/staff/supervision/assessment/manual', { year: '2026', unit: String(civil.id), key: 'social', score: '90' }, '/staff/supervision/assessment');
  const scored = await office.post(
    '/staff/supervision/assessment/manual',
    { year: '2026', unit: String(civil.id), key: 'third_party', score: '80' },
    '/staff/supervision/assessment',
  );
  // (20×80 + 20×95 + 15×90 + 15×100 + 5×100 + 5×50 + 5×90 + 10×90 + 5×80) / 100 = 88.5
  assert.match(
    scored.body,
    /示范市民政局<\/th><td>80<\/td><td>95<\/td><td>90<\/td><td>100<\/td><td>100<\/td><td>50<\/td><td>90<\/td><td>90<\/td><td>80<\/td><td><strong>88.5<\/strong><\/td>/,
  );
  assert.match(scored.body, /示范市人民政府<\/th>.*?待录入.*?（未完成）/s);
  const clerk = new Browser(h.app);
  await clerk.login('civil');
  const own = (await clerk.get('/staff/supervision/assessment')).body;
  assert.match(own, /<strong>88.5<\/strong>/, 'the unit sees its own result');
  assert.doesNotMatch(own, /示范市人民政府<\/th>/);
  assert.equal((await clerk.post('/staff/supervision/assessment/config', { 'weight-requests': '50' }, '/staff/supervision/assessment')).statusCode, 403);
  // An empty or partial weights form names each missing field and changes nothing (it used to set every weight to 0).
  const weights = async () => (await h.db.query<{ w: string }>(`SELECT string_agg(weight::text, ',' ORDER BY key) AS w FROM assessment_indicators`)).rows[0].w;
  const before = await weights();
  const empty = await office.post('/staff/supervision/assessment/config', { 'weight-requests': '50' }, '/staff/supervision/assessment');
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /权重应为0至100之间的数/);
  assert.equal(await weights(), before);
  assert.equal((await clerk.get(`/staff/supervision/${city.id}`)).statusCode, 404, 'outside the unit’s own subtree');
  const publisher = await makeUser(h.db, civil.id, ['publisher']);
  const pub = new Browser(h.app);
  await pub.login(publisher.username);
  assert.equal((await pub.get('/staff/supervision')).statusCode, 403);
});
