import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage } from '../pages/staff-item-page.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';
import { sampleCatalogueXlsx } from '../../src/testing/catalogues.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('the office imports an area template, a town adapts and submits it, the county approves, a citizen sees it on the portal', async (t) => {
  const e = await startE2E(t, { now: '2026-03-02T02:00:00Z' });
  const city = await makeUnit(e.h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const county = await makeUnit(e.h.db, { parentId: city.id, slug: 'dcq', code: '990102001', name: '东城区人民政府', level: 'county', kind: 'government' });
  const town = await makeUnit(e.h.db, { parentId: county.id, slug: 'qhz', code: '990102101', name: '清河镇人民政府', level: 'township', kind: 'government' });
  const office = await makeUser(e.h.db, city.id, ['office_admin']);
  const countyOffice = await makeUser(e.h.db, county.id, ['office_admin']);
  const clerk = await makeUser(e.h.db, town.id, ['office_admin', 'publisher']);
  const ctx = await e.newContext();
  const p = await ctx.newPage();

  await new LoginPage(p).signIn(office.username, TEST_PASSWORD);
  await p.goto('/staff/catalogues');
  await expectNoAxeViolations(p);
  await p.getByLabel('领域', { exact: true }).selectOption('03');
  await p.getByLabel(/Excel 文件/).setInputFiles({ name: '公共资源交易模板.xlsx', mimeType: XLSX, buffer: await sampleCatalogueXlsx() });
  await p.getByRole('button', { name: '导入' }).click();
  await p.getByText('已导入 3 个事项').waitFor();
  for (const label of ['报送上级部门和政务公开办审核', '审核通过', '公布']) await p.getByRole('button', { name: label }).click();
  await p.getByText('状态：已公布').waitFor();
  await ctx.clearCookies();

  await new LoginPage(p).signIn(clerk.username, TEST_PASSWORD);
  await p.goto(`/staff/catalogues/unit/${town.id}`);
  await expectNoAxeViolations(p);
  const row = p.locator('tr', { hasText: '公共资源交易' });
  await row.locator('summary').click();
  await row.getByRole('button', { name: /采用公共资源交易领域模板/ }).click();
  await p.getByText(/已按模板生成 2 个事项/).waitFor();
  await expectNoAxeViolations(p);
  await p.getByRole('button', { name: '报送上级部门和政务公开办审核' }).click();
  await ctx.clearCookies();

  await new LoginPage(p).signIn(countyOffice.username, TEST_PASSWORD);
  await p.goto(`/staff/catalogues/unit/${town.id}`);
  await p.getByRole('link', { name: '第 1 版' }).click();
  await p.getByRole('button', { name: '审核通过' }).click();
  await p.getByText('状态：审核通过').waitFor();
  await p.goto('/staff/catalogues/coverage');
  await expectNoAxeViolations(p);
  await ctx.clearCookies();

  await new LoginPage(p).signIn(clerk.username, TEST_PASSWORD);
  await p.goto(`/staff/catalogues/unit/${town.id}`);
  await p.getByRole('link', { name: '第 1 版' }).click();
  await p.getByRole('button', { name: '公布' }).click();
  await ctx.clearCookies();

  // The citizen, on a phone, without JavaScript.
  const phone = await e.newContext({ phone: true, javaScriptEnabled: false });
  const c = await phone.newPage();
  await c.goto('/xxgk/qhz');
  await c.getByRole('link', { name: '基层政务公开标准化规范化' }).click();
  await c.getByRole('heading', { name: '公共资源交易领域基层政务公开标准目录' }).waitFor();
  assert.match(await c.locator('table').innerText(), /资格预审公告[\s\S]*交易结果/);
  await c.screenshot({ path: '/tmp/gk-catalogue-phone.png', fullPage: true }).catch(() => undefined);
  await phone.close();
  await p.goto('/xxgk/qhz/jczwgk');
  await expectNoAxeViolations(p);
  await ctx.close();
});
