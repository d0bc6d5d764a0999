import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage } from '../pages/staff-item-page.ts';
import { actorFor, makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';
import { application } from '../../src/testing/requests.ts';
import { caseContext } from '../../src/modules/requests/caseStore.ts';
import { registerApplication } from '../../src/modules/requests/commands/registerApplication.ts';
import { decideCase } from '../../src/modules/requests/commands/decide.ts';

test('an officer compiles the annual report, checks it, the office files it, and it is published in 年报', async (t) => {
  const e = await startE2E(t, { now: '2026-03-02T02:00:00Z' });
  const city = await makeUnit(e.h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const civil = await makeUnit(e.h.db, { parentId: city.id, slug: 'mz', code: '990100005', name: '示范市民政局' });
  const clerk = await makeUser(e.h.db, civil.id, ['office_admin', 'request_officer']);
  const office = await makeUser(e.h.db, city.id, ['office_admin']);
  const ctx = () => caseContext({ calendar: e.h.calendar, clock: e.h.clock, config: e.h.config });
  const actor = await actorFor(e.h.db, clerk.username);
  for (const [day, outcome] of [
    ['2026-03-02', 'disclose_provided'],
    ['2026-03-03', 'partial'],
  ] as const) {
    e.h.clock.set(`${day}T02:00:00Z`);
    const c = await registerApplication(e.h.db, await ctx(), actor, { unitId: civil.id, application: application(), registration: { channel: 'in_person', arrivedOn: day } });
    await decideCase(e.h.db, await ctx(), actor, c.id, { onDate: day, outcome, ...(outcome === 'partial' ? { withheldReason: '个人隐私' } : {}) });
  }
  e.h.clock.set('2027-01-08T02:00:00Z');
  const browser = await e.newContext();
  const p = await browser.newPage();
  await new LoginPage(p).signIn(clerk.username, TEST_PASSWORD);
  await p.goto('/staff/reports?year=2026');
  await expectNoAxeViolations(p);
  await p.getByRole('link', { name: '示范市民政局' }).click();
  await p.getByText('全部成立').waitFor();
  await expectNoAxeViolations(p);
  await p.getByLabel('行政许可本年处理决定数量').fill('x');
  await p.getByRole('button', { name: '保存' }).click();
  await p.getByRole('alert').waitFor();
  await expectNoAxeViolations(p);
  await p.getByLabel('行政许可本年处理决定数量').fill('12');
  // Every figure of table 二 is a number or 无: the others had none this year.
  for (const input of await p.locator('table input[name]').all()) if (!(await input.inputValue())) await input.fill('无');
  await p.getByRole('button', { name: '保存' }).click();
  await p.getByText('已保存').waitFor();
  await p
    .getByRole('row', { name: /（一）予以公开/ })
    .getByRole('link')
    .first()
    .click();
  await p.getByText(/共 1 件/).waitFor();
  await p.goBack();
  await p.getByRole('button', { name: '报送审核' }).click();
  await p.getByText('状态：待审核备案').waitFor();
  await browser.clearCookies();
  await new LoginPage(p).signIn(office.username, TEST_PASSWORD);
  await p.goto(`/staff/reports/${civil.id}/2026`);
  await p.getByRole('button', { name: '备案' }).click();
  // The office's supervision screens.
  for (const path of ['/staff/supervision', `/staff/supervision/${civil.id}`, '/staff/supervision/assessment']) {
    await p.goto(path);
    await expectNoAxeViolations(p);
  }
  await browser.clearCookies();
  await new LoginPage(p).signIn(clerk.username, TEST_PASSWORD);
  await p.goto(`/staff/reports/${civil.id}/2026`);
  await p.getByRole('button', { name: '公开发布' }).click();
  await p.getByText('状态：已公开').waitFor();
  await p.screenshot({ path: '/tmp/gk-report.png', fullPage: true }).catch(() => undefined);
  await p.goto('/xxgk/mz/s/annual_report');
  await p.getByRole('link', { name: '示范市民政局2026年政府信息公开工作年度报告' }).click();
  assert.match(await p.locator('main').innerText(), /一、本年新收政府信息公开申请数量/);
  await expectNoAxeViolations(p);
  await browser.close();
});
