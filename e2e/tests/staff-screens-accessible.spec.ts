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
    '/staff/tokens',
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
  await ctx.close();
});
