import { test } from 'node:test';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage } from '../pages/staff-item-page.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';
import { draftItem, publishedItem } from '../../src/testing/items.ts';

test('staff screens pass axe, including their error states', async (t) => {
  const e = await startE2E(t);
  const now = e.h.clock.now();
  const city = await makeUnit(e.h.db, { kind: 'government', slug: 'city', code: '990100001' });
  const admin = await makeUser(e.h.db, city.id, ['office_admin', 'publisher', 'reviewer']);
  const d = await draftItem(e.h.db, city.id, now, { bodyHtml: '手机13912345678' });
  await publishedItem(e.h.db, city.id, now);
  const ctx = await e.newContext();
  const page = await ctx.newPage();
  await new LoginPage(page).signIn(admin.username, TEST_PASSWORD);
  for (const path of [
    '/staff',
    '/staff/items',
    '/staff/items?state=draft',
    '/staff/items/timeliness',
    `/staff/items/${d.itemId}`,
    `/staff/items/${d.itemId}/edit`,
    '/staff/units',
    `/staff/units/${city.id}/edit`,
    '/staff/users',
    `/staff/users/${admin.id}`,
    '/staff/tokens',
    '/staff/audit',
    '/staff/audit?action=item.',
    '/staff/account/password',
    '/staff/account/totp',
  ]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  // Error states: a user form with problems, and a token form with nothing chosen.
  await page.goto('/staff/users');
  await page.getByRole('button', { name: '创建用户' }).click();
  await page.getByRole('alert').waitFor();
  await expectNoAxeViolations(page);
  await page.goto('/staff/tokens');
  await page.getByRole('button', { name: '创建令牌' }).click();
  await page.getByRole('alert').waitFor();
  await expectNoAxeViolations(page);
  // A weak new password, and an audit query with a bad date.
  await page.goto('/staff/account/password');
  await page.locator('input[name=current]').fill('wrong-one');
  await page.locator('input[name=next]').fill('short');
  await page.locator('input[name=confirm]').fill('short');
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByRole('alert').waitFor();
  await expectNoAxeViolations(page);
  await page.goto('/staff/audit?from=2026-13-45');
  await page.getByRole('alert').waitFor();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'e2e/screenshots/staff-audit-error.png', fullPage: true });
  await page.goto('/staff/account/totp');
  await page.screenshot({ path: 'e2e/screenshots/staff-totp.png', fullPage: true });
  await page.goto('/staff/audit');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'e2e/screenshots/staff-audit-phone.png', fullPage: true });
  await ctx.close();
});
