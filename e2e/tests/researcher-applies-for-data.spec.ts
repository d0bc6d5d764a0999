/**
 * 有条件开放 and 需求反馈 as people meet them: a researcher on a phone without JavaScript applies for conditional data
 * (a missed commitment is reported and what was typed kept), keeps the case number and query code; the unit's
 * publisher finds it in the workbench queue and grants it; the researcher downloads the table with the code. A
 * parent asks for data that is not open yet. axe on every page, phone and desktop, 大字版 too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage } from '../pages/staff-item-page.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';
import { publishedDataset } from '../../src/testing/datasets.ts';

test('a researcher applies for conditional data, the unit grants it, and the researcher downloads it', async (t) => {
  const e = await startE2E(t);
  const db = e.h.db;
  const mzj = await makeUnit(db, { kind: 'department', slug: 'mzj', code: '990100005', name: '示范市民政局' });
  const publisher = await makeUser(db, mzj.id, ['publisher']);
  await publishedDataset(db, mzj.id, e.h.clock.now(), {
    name: 'dibao-monthly',
    metadata: { title: '城乡低保对象月度统计', openness: 'conditional', opennessReason: '含按社区统计的救助对象数，须约定用途' },
  });

  const pc = await e.newContext({ phone: true, javaScriptEnabled: false });
  const p = await pc.newPage();
  await p.goto('/dataset/dibao-monthly');
  await p.getByRole('link', { name: '在线申请获取' }).click();
  await p.getByLabel(/^申请人/).fill('李研究');
  await p.getByLabel('所在单位').fill('示范大学城市研究院');
  await p.getByLabel(/^电子邮箱或手机号码/).fill('li.research@example.edu.cn');
  await p.getByLabel(/^数据用途和使用场景/).fill('研究本市低保对象的分布和救助水平变化，成果用于学术论文，不公开原始数据。');
  await p.getByLabel(/^数据安全保障措施/).fill('数据存放在研究院内网服务器，仅课题组三人可访问，研究结束后删除。');
  const boxes = p.getByRole('checkbox');
  const n = await boxes.count();
  for (let i = 0; i < n - 1; i++) await boxes.nth(i).check();
  await p.getByRole('button', { name: '提交申请' }).click();
  assert.match(await p.locator('.error-summary').innerText(), /还差1项/);
  assert.equal(await p.getByLabel(/^申请人/).inputValue(), '李研究');
  assert.equal(await boxes.nth(0).isChecked(), true);
  await boxes.nth(n - 1).check();
  await p.getByRole('button', { name: '提交申请' }).click();
  const receipt = await p.locator('main').innerText();
  const caseNo = /申请编号：(SJSQ\d+)/.exec(receipt)![1];
  const code = /查询码：([A-Z0-9]{8})/.exec(receipt)![1];
  await p.screenshot({ path: '/tmp/gk-data-apply-receipt-phone.png', fullPage: true }).catch(() => undefined);

  const sc = await e.newContext();
  const s = await sc.newPage();
  await new LoginPage(s).signIn(publisher.username, TEST_PASSWORD);
  await s.goto('/staff');
  await s.getByRole('link', { name: /待决定的有条件开放数据申请/ }).click();
  await expectNoAxeViolations(s);
  await s.getByRole('link', { name: caseNo }).click();
  await s.getByLabel(/^使用期限截止日期/).fill('2027-03-01');
  await s.getByLabel('使用条件').fill('仅限课题组使用。');
  await expectNoAxeViolations(s);
  await s.screenshot({ path: '/tmp/gk-data-application-staff.png', fullPage: true }).catch(() => undefined);
  await s.getByRole('button', { name: '同意开放' }).click();
  assert.match(await s.locator('main').innerText(), /已同意开放/);
  await sc.close();

  await p.goto('/sjkf/sq/cx');
  await p.getByLabel(/^申请编号/).fill(caseNo);
  await p.getByLabel(/^查询码/).fill(code);
  await p.getByRole('button', { name: '查询' }).click();
  assert.match(await p.locator('main').innerText(), /同意开放[\s\S]*至 2027-03-01/);
  await p.screenshot({ path: '/tmp/gk-data-application-follow-phone.png', fullPage: true }).catch(() => undefined);
  const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: /（CSV）/ }).click()]);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  assert.equal(text.trim().split('\r\n').length, 41, 'the header and all 40 rows');

  // A parent asks for data that is not open yet.
  await p.goto('/sjkf');
  await p.getByRole('link', { name: '提出需求' }).click();
  await p.getByLabel('向哪个单位提出').selectOption({ label: '示范市民政局' });
  await p.getByLabel(/^标题/).fill('养老机构床位数据');
  await p.getByLabel(/^需要什么数据/).fill('希望开放全市养老机构名单、床位数和收费标准，方便家属比较选择。');
  await p.getByRole('button', { name: '提交' }).click();
  assert.match(await p.locator('main').innerText(), /需求已提交[\s\S]*SJXQ\d+/);

  const ac = await e.newContext({ phone: true });
  const a = await ac.newPage();
  for (const url of ['/dataset/dibao-monthly/apply', '/sjkf/sq/cx', '/sjkf/xqfk', '/sjkf/xqfk/new', '/sjkf/xqfk/new?dataset=dibao-monthly']) {
    await a.goto(url);
    await expectNoAxeViolations(a);
  }
  const lc = await e.newContext();
  const l = await lc.newPage();
  await l.goto(`/prefs?view=large&back=${encodeURIComponent('/dataset/dibao-monthly/apply')}`);
  await expectNoAxeViolations(l);
  await l.screenshot({ path: '/tmp/gk-data-apply-large.png', fullPage: true }).catch(() => undefined);
});
