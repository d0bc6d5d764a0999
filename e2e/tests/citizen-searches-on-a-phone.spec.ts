import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage } from '../pages/staff-item-page.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';
import { publishedItem } from '../../src/testing/items.ts';

test('a citizen on a phone searches in pinyin, narrows by a facet and sorts by date without JavaScript; the office reviews the query log', async (t) => {
  const e = await startE2E(t);
  const now = e.h.clock.now();
  const city = await makeUnit(e.h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const hr = await makeUnit(e.h.db, { parentId: city.id, slug: 'rs', code: '990100008', name: '示范市人力资源和社会保障局' });
  await publishedItem(e.h.db, hr.id, now, {
    title: '关于做好社会保险费中断缴费补缴工作的通知',
    genre: '通知',
    bodyHtml: '职工社会保险中断缴费的，可以按规定补缴。',
    docNo: '示人社〔2026〕2号',
  });
  await publishedItem(e.h.db, hr.id, now, { title: '社会保险经办服务指南', genre: '意见', bodyHtml: '社会保险登记、缴费和待遇申领。', docNo: '' });
  await publishedItem(e.h.db, city.id, now, { title: '关于社会保险费征缴的决定', genre: '决定', bodyHtml: '社会保险费征缴工作。', docNo: '示府〔2026〕9号' });
  const admin = await makeUser(e.h.db, city.id, ['office_admin']);

  const off = await e.newContext({ javaScriptEnabled: false, phone: true });
  const p = await off.newPage();
  await p.goto('/');
  await p.getByLabel('搜索本站').fill('shebao');
  await p.getByRole('button', { name: '搜索', exact: true }).first().click();
  await p.getByText('您是不是要找').waitFor();
  await p.getByRole('link', { name: '社保', exact: true }).click();
  assert.match(await p.getByRole('status').first().innerText(), /找到 3 条.*社会保险/);
  await p.getByRole('navigation', { name: '按条件筛选' }).getByRole('link', { name: '通知' }).click();
  assert.equal(await p.locator('.search-results li').count(), 1);
  await p.getByRole('link', { name: /取消“文种”筛选/ }).click();
  assert.equal(await p.locator('.search-results li').count(), 3);
  await p.getByRole('link', { name: '按时间' }).click();
  assert.match(p.url(), /sort=date/);
  await p.getByRole('link', { name: '关于做好社会保险费中断缴费补缴工作的通知' }).click();
  await p.getByRole('heading', { level: 1, name: '关于做好社会保险费中断缴费补缴工作的通知' }).waitFor();
  // On the phone the body comes right under the title; the metadata follow, folded to the 文号 and date, and open on
  // a tap without JavaScript.
  assert.equal(await p.locator('.meta-wide').isVisible(), false);
  const folded = p.locator('details.meta-compact');
  assert.match(await folded.locator('summary').innerText(), /信息元数据：示人社〔2026〕2号\s+\d{4}-\d{2}-\d{2} 发布/);
  assert.equal(await folded.locator('table').isVisible(), false);
  const bodyTop = (await p.getByText('职工社会保险中断缴费的，可以按规定补缴。').boundingBox())!.y;
  assert.ok(bodyTop < (await folded.boundingBox())!.y, 'the body before the metadata');
  await folded.locator('summary').click();
  assert.match(await folded.locator('table').innerText(), /索引号/);
  await p.screenshot({ path: '/tmp/gk-search-phone.png', fullPage: true }).catch(() => undefined);
  await off.close();

  // The same pages, and the office's search screens with an error state, pass axe.
  const ctx = await e.newContext();
  const page = await ctx.newPage();
  for (const path of [
    '/search',
    '/search?q=shebao',
    '/search?q=' + encodeURIComponent('社保') + '&genre=' + encodeURIComponent('通知'),
    '/search?q=' + encodeURIComponent('社保') + '&sort=date',
    '/search?q=' + encodeURIComponent('没有的内容') + '&year=1999',
  ]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  await new LoginPage(page).signIn(admin.username, TEST_PASSWORD);
  for (const path of ['/staff/search', '/staff/search?zero=1', '/staff/search/synonyms']) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  assert.match(await page.locator('table').innerText(), /社保/);
  await page.getByLabel('群众常用说法').fill('补 缴');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('alert').waitFor();
  await expectNoAxeViolations(page);
  await page.goto('/staff/search');
  assert.match(await page.locator('table').innerText(), /shebao/);
  await ctx.close();
});
