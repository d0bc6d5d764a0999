/**
 * The city's office compiles an issue of the 政府公报 from the 规章 and 规范性文件 waiting to be carried, publishes it,
 * and a citizen on a phone without JavaScript opens the issue from the menu, reads a document's text and goes on to
 * its 政府信息公开 page, which says where it was carried. axe on every page, phone and desktop, 大字版 too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage } from '../pages/staff-item-page.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';
import { publishedItem } from '../../src/testing/items.ts';

test('the office publishes an issue of the gazette and a citizen reads a document from it', async (t) => {
  const e = await startE2E(t, { now: '2026-03-10T02:00:00Z' });
  const db = e.h.db;
  const city = await makeUnit(db, { kind: 'government', slug: 'city', code: '990100000', name: '示范市人民政府' });
  const jyj = await makeUnit(db, { parentId: city.id, slug: 'jyj', code: '990100010', name: '示范市教育局' });
  const office = await makeUser(db, city.id, ['office_admin']);
  const now = e.h.clock.now();
  const rule = await publishedItem(db, city.id, now, {
    title: '示范市城市供水用水管理办法',
    docNo: '示府令〔2026〕12号',
    genre: '命令（令）',
    legalForm: 'rule',
    bodyHtml: '<p>第一条　为了加强城市供水用水管理，保障城市生活、生产用水，制定本办法。</p><p>第二条　本办法自2026年5月1日起施行。</p>',
  });
  await publishedItem(db, jyj.id, now, { title: '示范市教育局关于规范民办学校招生行为的通知', docNo: '示教〔2026〕3号', issuingOrgans: ['示范市教育局'], legalForm: 'normative' });

  const oc = await e.newContext();
  const o = await oc.newPage();
  await new LoginPage(o).signIn(office.username, TEST_PASSWORD);
  await o.goto('/staff');
  await o.getByRole('link', { name: '政府公报' }).click();
  assert.match(await o.locator('main').innerText(), /应刊登未刊登（2）/);
  await expectNoAxeViolations(o);
  // The numbers of the first issue are offered; the office sets its date and creates it.
  await o.getByLabel(/^出版日期/).fill('2026-03-15');
  await o.getByRole('button', { name: '新建' }).click();
  assert.match(await o.locator('main').innerText(), /已新建/);
  await o.getByRole('button', { name: '加入本期：示范市教育局关于规范民办学校招生行为的通知' }).click();
  await o.getByRole('button', { name: '加入本期：示范市城市供水用水管理办法' }).click();
  const table = await o.locator('table').first().innerText();
  assert.ok(table.indexOf('市政府令') < table.indexOf('部门文件'), '政府令 first, whatever the order added');
  await expectNoAxeViolations(o);
  await o.getByRole('button', { name: '出版本期' }).click();
  assert.match(await o.locator('main').innerText(), /已出版/);
  await o.screenshot({ path: '/tmp/gk-gazette-staff-desktop.png', fullPage: true }).catch(() => undefined);
  await oc.close();

  const pc = await e.newContext({ phone: true, javaScriptEnabled: false });
  const p = await pc.newPage();
  await p.goto('/');
  await p.getByRole('link', { name: '政府公报' }).first().click();
  await p.getByRole('link', { name: '2026年第1期（总第1期）' }).click();
  const issue = await p.locator('main').innerText();
  assert.match(issue, /第二条\u3000本办法自2026年5月1日起施行/);
  await p.screenshot({ path: '/tmp/gk-gazette-issue-phone.png', fullPage: true }).catch(() => undefined);
  const pdf = await p.request.get(new URL('/zfgb/2026/1/gazette.pdf', e.base).href);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  await p
    .getByRole('link', { name: /在政府信息公开中查看/ })
    .first()
    .click();
  assert.equal(new URL(p.url()).pathname, `/xxgk/city/items/${rule.itemId}`);
  assert.match(await p.locator('main').innerText(), /刊载于《示范市人民政府公报》2026年第1期（总第1期）第1页（印刷版）。公报刊登的文本为标准文本/);

  const ac = await e.newContext({ phone: true });
  const a = await ac.newPage();
  for (const url of ['/zfgb', '/zfgb/2026', '/zfgb/2026/1', `/zfgb?q=${encodeURIComponent('示教〔2026〕3号')}`, `/xxgk/city/items/${rule.itemId}`]) {
    await a.goto(url);
    await expectNoAxeViolations(a);
  }
  const lc = await e.newContext();
  const l = await lc.newPage();
  await l.goto('/zfgb/2026/1');
  await expectNoAxeViolations(l);
  await l.screenshot({ path: '/tmp/gk-gazette-issue-desktop.png', fullPage: true }).catch(() => undefined);
  await l.goto(`/prefs?view=large&back=${encodeURIComponent('/zfgb/2026/1')}`);
  await expectNoAxeViolations(l);
  await l.screenshot({ path: '/tmp/gk-gazette-issue-large.png' }).catch(() => undefined);
});
