/**
 * The portal home page groups units as a government portal does and leads to the policy library, which narrows the
 * city's policy documents by 主题, 发文机关, 年份 and 文种 with plain links and counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { publishedItem } from '../../testing/items.ts';

test('the home page and the policy library', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府', shortName: '市政府' });
  await h.db.query(`UPDATE units SET office_name = '示范市人民政府办公室', phone = '0371-12345678' WHERE id = $1`, [city.id]);
  const civil = await makeUnit(h.db, { parentId: city.id, slug: 'mz', code: '990100005', name: '示范市民政局', shortName: '市民政局', kind: 'department' });
  const county = await makeUnit(h.db, { parentId: city.id, slug: 'dcq', code: '990102001', name: '东城区人民政府', shortName: '东城区', level: 'county', kind: 'government' });
  await makeUnit(h.db, { parentId: county.id, slug: 'qhz', code: '990102101', name: '清河镇人民政府', shortName: '清河镇', level: 'township' });
  const now = h.clock.now();
  const policy = await publishedItem(h.db, civil.id, now, {
    title: '关于调整城乡低保标准的通知',
    sectionCode: 'a20_01',
    topic: '民政、扶贫、救灾\\社会福利',
    genre: '通知',
    issuingOrgans: ['示范市民政局', '示范市财政局'],
  });
  await publishedItem(h.db, city.id, now, {
    title: '示范市促进就业若干措施',
    sectionCode: 'a20_01',
    topic: '劳动、人事、监察\\劳动就业',
    genre: '意见',
    issuingOrgans: ['示范市人民政府'],
  });
  await publishedItem(h.db, civil.id, now, {
    title: '一图读懂低保标准',
    sectionCode: 'a20_01',
    kind: 'interpretation',
    interpretationForm: 'graphic',
    docNo: '',
    interprets: [policy.itemId],
  });

  const home = (await h.app.inject('/')).body;
  assert.match(home, /<h3>市政府部门<\/h3><ul class="unit-links"><li><a href="\/xxgk\/mz">市民政局<\/a><\/li><\/ul>/);
  assert.match(home, /<h3>区县<\/h3><ul class="unit-links"><li><a href="\/xxgk\/dcq">东城区<\/a><\/li><\/ul>/);
  assert.match(home, /<h3>乡镇街道<\/h3><ul class="unit-links"><li><a href="\/xxgk\/qhz">清河镇<\/a><\/li><\/ul>/);
  assert.match(home, /政府信息公开工作机构：示范市人民政府办公室\u3000咨询电话：0371-12345678/);
  assert.match(home, /<h2 id="h-interp">政策解读<\/h2><ul class="item-list"><li><span><a href="\/xxgk\/mz\/items\/\d+">一图读懂低保标准<\/a>/);
  assert.match(home, /href="\/ysqgk"/);
  assert.match(home, /<a href="\/login">工作人员登录<\/a>/);

  const all = (await h.app.inject('/zcwjk')).body;
  assert.match(all, /共 2 件/, 'policy documents only, not interpretations');
  assert.match(all, /<a href="\/zcwjk\?organ=%E7%A4%BA%E8%8C%83%E5%B8%82%E6%B0%91%E6%94%BF%E5%B1%80">示范市民政局（1）<\/a>/);
  assert.match(all, /<a href="\/zcwjk\?topic=[^"]+">民政、扶贫、救灾（1）<\/a>/);
  const byOrgan = (await h.app.inject(`/zcwjk?organ=${encodeURIComponent('示范市财政局')}`)).body;
  assert.match(byOrgan, /共 1 件/);
  assert.match(byOrgan, /关于调整城乡低保标准的通知/);
  assert.doesNotMatch(byOrgan, /促进就业/);
  const byGenre = (await h.app.inject(`/zcwjk?genre=${encodeURIComponent('意见')}&year=2026`)).body;
  assert.match(byGenre, /示范市促进就业若干措施/);
  assert.match(byGenre, /<strong aria-current="true">意见（1）<\/strong>/);
  assert.match((await h.app.inject('/zcwjk?year=2019')).body, /共 0 件/);
});
