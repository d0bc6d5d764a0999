import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem, draftItem } from '../../testing/items.ts';
import { transitionItem } from '../publishing/commands/transition.ts';
import { changeValidity } from '../publishing/commands/changeValidity.ts';

const system = { kind: 'system' as const, label: 't' };

async function setup() {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  const edu = await makeUnit(h.db, { parentId: city.id, slug: 'edu', code: '990100004', name: '示范市教育局' });
  return { h, city, edu };
}

test('a citizen question finds the answering item first; publishing and withdrawal show at once', async (t) => {
  const { h, city, edu } = await setup();
  t.after(() => h.close());
  const b = new Browser(h.app);
  assert.match((await b.get('/search?q=' + encodeURIComponent('孩子上学要什么材料'))).body, /没有找到/);
  const school = await publishedItem(h.db, edu.id, h.clock.now(), {
    title: '关于做好2026年义务教育阶段招生入学工作的通知',
    bodyHtml: '报名材料：户口簿、居住证明、儿童预防接种证明。',
    docNo: '示教〔2026〕5号',
  });
  await publishedItem(h.db, city.id, h.clock.now(), { title: '关于调整城乡居民最低生活保障标准的通知', bodyHtml: '城市低保标准提高到每人每月820元。', docNo: '示民〔2026〕3号' });
  await draftItem(h.db, edu.id, h.clock.now(), { title: '入学材料草稿不可见', bodyHtml: '入学材料' });
  const r = await b.get('/search?q=' + encodeURIComponent('孩子上学要什么材料'));
  assert.equal(r.statusCode, 200);
  const first = /<ol class="search-results"><li><h2><a href="([^"]+)">([^<]+)</.exec(r.body)!;
  assert.equal(first[1], `/xxgk/edu/items/${school.itemId}`);
  assert.match(r.body, /<mark>材料<\/mark>/);
  assert.ok(!r.body.includes('草稿不可见'));
  assert.match(r.body, /value="孩子上学要什么材料"/, 'the query stays in the box');
  await transitionItem(h.db, system, h.clock.now(), school.itemId, 'withdraw', { remarks: '重发' });
  assert.ok(!(await b.get('/search?q=' + encodeURIComponent('入学 材料'))).body.includes('招生入学工作的通知'));
});

test('document numbers in any common form and 索引号 find their document first; Traditional queries work', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  const target = await publishedItem(h.db, city.id, h.clock.now(), { title: '国务院关于深化改革的若干意见', docNo: '国发〔2019〕5号', bodyHtml: '深化改革。' });
  for (let i = 0; i < 3; i++)
    await publishedItem(h.db, city.id, h.clock.now(), { title: `国务院关于其他事项的通知${i}`, docNo: `国发〔2019〕${10 + i}号`, bodyHtml: '国发 2019 其他事项。' });
  const b = new Browser(h.app);
  for (const q of ['国发〔2019〕5号', '国发[2019]5号', '国发2019年5号', '国发 2019 5', target.indexNo!]) {
    const r = await b.get('/search?q=' + encodeURIComponent(q));
    assert.match(r.body, new RegExp(`<ol class="search-results"><li><h2><a href="/xxgk/city/items/${target.itemId}"`), q);
  }
  assert.match((await b.get('/search?q=' + encodeURIComponent('深化改革的若幹意見'))).body, new RegExp(`items/${target.itemId}`));
});

test('repealed items rank below current ones and stay findable; scope narrows to a unit', async (t) => {
  const { h, city, edu } = await setup();
  t.after(() => h.close());
  const old = await publishedItem(h.db, city.id, h.clock.now(), { title: '城乡低保标准的通知（2025年）', bodyHtml: '低保标准每月780元。' });
  const neu = await publishedItem(h.db, city.id, h.clock.now(), { title: '城乡低保标准的通知（2026年）', bodyHtml: '低保标准每月820元。' });
  await changeValidity(h.db, system, h.clock.now(), old.itemId, { validity: 'repealed', byItemId: neu.itemId });
  const body = (await new Browser(h.app).get('/search?q=' + encodeURIComponent('低保标准'))).body;
  assert.ok(body.indexOf(`items/${neu.itemId}`) < body.indexOf(`items/${old.itemId}`));
  assert.match(body, /已废止/);
  assert.match((await new Browser(h.app).get(`/search?q=${encodeURIComponent('低保标准')}&unit=edu`)).body, /没有找到/);
  void edu;
});

test('odd input gets a normal page', async (t) => {
  const { h } = await setup();
  t.after(() => h.close());
  const b = new Browser(h.app);
  for (const q of ['', '   ', 'x'.repeat(2000), '\u0000\u0007低保', "' OR 1=1; DROP TABLE units; --", '<script>alert(1)</script>', '？？？']) {
    const r = await b.get('/search?q=' + encodeURIComponent(q));
    assert.equal(r.statusCode, 200, JSON.stringify(q).slice(0, 40));
    assert.ok(!r.body.includes('<script>alert(1)</script>'));
  }
  assert.match((await b.get('/search?q=' + 'x'.repeat(2000))).body, /只用了前200个字/);
  assert.equal((await b.get('/search?q=a&unit=nope&page=-3')).statusCode, 200);
  assert.equal((await h.db.query('SELECT 1 FROM units')).rows.length, 2);
});
