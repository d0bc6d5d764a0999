/**
 * A publisher uploads a CSV with its dictionary and sends the dataset for review; the reviewer publishes it; a citizen
 * on a phone without JavaScript finds it in 数据开放 by a filter, previews and filters the rows, and downloads the
 * table. axe on every page, phone and desktop, 大字版 and 繁體 too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage } from '../pages/staff-item-page.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';

const CSV_PATH = new URL('../../fixtures/opendata/gd-service-items-40.csv', import.meta.url);

test('a dataset goes from upload through review to a citizen who previews, filters and downloads it', async (t) => {
  const e = await startE2E(t);
  const db = e.h.db;
  const sjj = await makeUnit(db, { kind: 'department', slug: 'sjj', code: '990100030', name: '示范市政务服务数据管理局' });
  const writer = await makeUser(db, sjj.id, ['publisher']);
  const checker = await makeUser(db, sjj.id, ['reviewer']);

  const sc = await e.newContext();
  const s = await sc.newPage();
  await new LoginPage(s).signIn(writer.username, TEST_PASSWORD);
  await s.goto('/staff/data/new');
  await s.getByLabel(/^标识符/).fill('service-time-limits');
  await s.getByLabel(/^数据集名称/).fill('政务服务事项办理时限');
  await s.getByLabel(/^摘要/).fill('政务服务事项的法定时限和承诺时限（工作日）。');
  await s.getByLabel('数据领域').selectOption({ label: '市政服务' });
  await s.getByLabel('更新频率').selectOption({ label: '每月' });
  await s.getByLabel('开放属性').selectOption({ label: '无条件开放' });
  await s.getByLabel(/^联系人或科室/).fill('数据管理科');
  await s.getByLabel('联系电话').fill('020-12345678');
  await s.getByLabel(/^元数据维护方/).fill('示范市政务服务数据管理局');
  await s.getByRole('button', { name: '保存' }).click();
  await s.getByLabel(/^资源名称/).fill('事项时限表');
  await s.getByLabel('文件').setInputFiles({ name: '事项.csv', mimeType: 'text/csv', buffer: fs.readFileSync(CSV_PATH) });
  await s.getByLabel(/^数据项说明/).fill('承诺时限|工作日|本单位承诺的办理时限');
  await s.getByRole('button', { name: '添加' }).click();
  assert.match(await s.locator('main').innerText(), /事项时限表\s*CSV · 40 行，7 个数据项/);
  await expectNoAxeViolations(s);
  await s.getByRole('button', { name: '送审' }).click();
  await sc.close();

  const rc = await e.newContext();
  const r = await rc.newPage();
  await new LoginPage(r).signIn(checker.username, TEST_PASSWORD);
  await r.goto('/staff/data');
  await expectNoAxeViolations(r);
  await r.getByRole('link', { name: '政务服务事项办理时限' }).click();
  await r.getByRole('button', { name: '审核通过并发布' }).click();
  assert.match(await r.locator('main').innerText(), /已审核发布/);
  await rc.close();

  const pc = await e.newContext({ phone: true, javaScriptEnabled: false });
  const p = await pc.newPage();
  await p.goto('/');
  await p.getByRole('link', { name: '数据开放' }).first().click();
  await p.getByRole('link', { name: '市政服务' }).click();
  assert.match(await p.locator('main').innerText(), /共 1 个数据集/);
  await p.screenshot({ path: '/tmp/gk-opendata-list-phone.png', fullPage: true }).catch(() => undefined);
  await p.getByRole('link', { name: '政务服务事项办理时限' }).click();
  assert.match(await p.locator('main').innerText(), /无条件开放/);
  await p.screenshot({ path: '/tmp/gk-opendata-dataset-phone.png', fullPage: true }).catch(() => undefined);
  await p.getByRole('link', { name: '事项时限表' }).click({ timeout: 5000 });
  assert.match(await p.locator('main').innerText(), /共 40 行/);
  await p.getByLabel('数据项', { exact: true }).selectOption('实施主体');
  await p.getByLabel('值', { exact: true }).fill('广东省教育厅');
  await p.getByRole('button', { name: '筛选' }).click();
  const filtered = await p.locator('main').innerText();
  const rows = Number(/共 (\d+) 行/.exec(filtered)![1]);
  assert.ok(rows > 0 && rows < 40);
  const filteredUrl = p.url();
  await p.screenshot({ path: '/tmp/gk-opendata-resource-phone.png', fullPage: true }).catch(() => undefined);
  const download = await p.request.get(
    await p
      .getByRole('link', { name: '下载 CSV' })
      .getAttribute('href')
      .then((h) => new URL(h!, e.base).href),
  );
  const table = parse((await download.text()).replace(/^\ufeff/, '')) as string[][];
  assert.equal(table.length, 41, 'the header and all 40 rows');

  // axe runs in the page, so the pages the citizen saw are checked again with JavaScript on: phone, desktop, 大字版, 繁體.
  const ac = await e.newContext({ phone: true });
  const a = await ac.newPage();
  for (const url of ['/sjkf', '/sjkf?area=20', '/dataset/service-time-limits', filteredUrl, `/search?q=${encodeURIComponent('办理时限')}`]) {
    await a.goto(url);
    await expectNoAxeViolations(a);
  }
  assert.match(await a.locator('#datasets-h + ul').innerText(), /政务服务事项办理时限/, 'the search box offers the dataset');
  const lc = await e.newContext();
  const l = await lc.newPage();
  await l.goto(filteredUrl);
  await expectNoAxeViolations(l);
  await l.screenshot({ path: '/tmp/gk-opendata-resource-desktop.png', fullPage: true }).catch(() => undefined);
  await l.goto(`/prefs?view=large&back=${encodeURIComponent('/dataset/service-time-limits')}`);
  await expectNoAxeViolations(l);
  await l.goto(`/prefs?script=hant&back=${encodeURIComponent('/sjkf')}`);
  assert.match(await l.locator('main').innerText(), /數據開放|数据开放/);
  await expectNoAxeViolations(l);
});
