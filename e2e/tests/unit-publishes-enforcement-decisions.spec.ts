/**
 * A market-supervision bureau imports its month of penalty decisions (two of them published late), withdraws one that
 * was revoked on review, and a citizen on a phone without JavaScript finds a decision from the menu and sees the
 * revoked one replaced by its explanation. axe on every page, phone and desktop, 大字版 and 繁體 too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage } from '../pages/staff-item-page.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';

const CSV = new URL('../../fixtures/enforcement/penalties-2026-03.csv', import.meta.url);

test('a unit imports decisions, one is late, one is revoked and disappears with its explanation', async (t) => {
  const e = await startE2E(t, { now: '2026-03-20T02:00:00Z' });
  const db = e.h.db;
  const city = await makeUnit(db, { kind: 'government', slug: 'city', code: '990100000', name: '示范市人民政府' });
  await makeUnit(db, { parentId: city.id, slug: 'scjg', code: '990100021', name: '示范市市场监督管理局' });
  const scjg = (await db.query<{ id: number }>("SELECT id FROM units WHERE slug = 'scjg'")).rows[0];
  const clerk = await makeUser(db, scjg.id, ['publisher']);

  const sc = await e.newContext();
  const s = await sc.newPage();
  await new LoginPage(s).signIn(clerk.username, TEST_PASSWORD);
  await s.goto('/staff');
  await s.getByRole('link', { name: '行政执法公示' }).click();
  await expectNoAxeViolations(s);
  await s.getByRole('link', { name: '示范市市场监督管理局' }).click();
  await s.getByLabel(/^执法类别/).selectOption('penalty');
  await s.getByLabel(/^文件/).setInputFiles({ name: '2026年3月行政处罚.csv', mimeType: 'text/csv', buffer: fs.readFileSync(CSV) });
  await s.getByRole('button', { name: '导入并公示' }).click();
  assert.match(await s.locator('main').innerText(), /已导入：新公示 5 件，更正 0 件，未变 0 件/);
  await expectNoAxeViolations(s);
  await s.screenshot({ path: '/tmp/gk-enforcement-unit-desktop.png', fullPage: true }).catch(() => undefined);

  await s.goto('/staff/enforcement');
  const overview = await s.locator('main').innerText();
  assert.match(overview, /示市监罚〔2026〕27号[\s\S]*逾期公示（应在 2026-03-11 前，实际 2026-03-20）/);
  await s.getByRole('link', { name: '示范市市场监督管理局' }).click();
  await s.getByRole('link', { name: '示市监罚〔2026〕33号' }).click();
  await s.getByLabel(/^原因/).selectOption('revoked');
  await s.getByLabel(/^撤销（确认违法、变更）日期/).fill('2026-03-19');
  await s.getByLabel(/^向公众的说明/).fill('经行政复议，该处罚决定被依法撤销，原公示信息撤下。');
  await s.getByRole('button', { name: '撤下' }).click();
  assert.match(await s.locator('main').innerText(), /已撤下，公开页面只显示撤下说明/);
  await expectNoAxeViolations(s);
  const withdrawnUrl = new URL(s.url()).pathname.replace('/staff/enforcement/decisions/', '/zfgs/scjg/decisions/');
  // The other staff forms, and one with its errors shown, pass axe too.
  for (const url of [`/staff/enforcement/units/${scjg.id}/decisions/new`, `/staff/enforcement/units/${scjg.id}/register/new?kind=officer`]) {
    await s.goto(url);
    await expectNoAxeViolations(s);
  }
  await s.getByRole('button', { name: '保存并公开' }).click();
  assert.match(await s.getByRole('alert').innerText(), /请填写姓名[\s\S]*请填写执法证号/);
  await expectNoAxeViolations(s);
  await sc.close();

  const pc = await e.newContext({ phone: true, javaScriptEnabled: false });
  const p = await pc.newPage();
  await p.goto('/');
  await p.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '执法公示' }).click();
  await p.getByLabel('文号、当事人或事项').fill('平安超市');
  await p.getByRole('button', { name: '查找' }).click();
  const found = await p.locator('main').innerText();
  assert.match(found, /销售超过保质期的食品/);
  assert.doesNotMatch(found, /发布虚假广告/);
  await p.getByRole('link', { name: '销售超过保质期的食品' }).click();
  const page = await p.locator('main').innerText();
  assert.match(page, /示市监罚〔2026〕31号[\s\S]*没收超过保质期食品12袋/);
  await p.screenshot({ path: '/tmp/gk-enforcement-decision-phone.png', fullPage: true }).catch(() => undefined);
  await p.goto('/zfgs/scjg');
  const list = await p.locator('main').innerText();
  assert.match(list, /张某/);
  assert.doesNotMatch(list, /张小明|发布虚假广告/);
  await p.goto(withdrawnUrl);
  assert.match(await p.locator('main').innerText(), /因被依法撤销，已于 2026-03-20 从公示中撤下[\s\S]*经行政复议，该处罚决定被依法撤销/);
  await p.screenshot({ path: '/tmp/gk-enforcement-withdrawn-phone.png', fullPage: true }).catch(() => undefined);

  const ac = await e.newContext({ phone: true });
  const a = await ac.newPage();
  for (const url of ['/zfgs', `/zfgs?q=${encodeURIComponent('平安')}&kind=penalty`, '/zfgs/scjg', '/zfgs/scjg/shiqian', withdrawnUrl]) {
    await a.goto(url);
    await expectNoAxeViolations(a);
  }
  const lc = await e.newContext();
  const l = await lc.newPage();
  await l.goto('/zfgs/scjg');
  await expectNoAxeViolations(l);
  await l.screenshot({ path: '/tmp/gk-enforcement-unit-public-desktop.png', fullPage: true }).catch(() => undefined);
  await l.goto(`/prefs?view=large&back=${encodeURIComponent('/zfgs/scjg')}`);
  await expectNoAxeViolations(l);
  await l.screenshot({ path: '/tmp/gk-enforcement-unit-large.png' }).catch(() => undefined);
  await l.goto(`/prefs?script=hant&back=${encodeURIComponent('/zfgs')}`);
  assert.match(await l.locator('main').innerText(), /行政執法公示/);
  await expectNoAxeViolations(l);
});
