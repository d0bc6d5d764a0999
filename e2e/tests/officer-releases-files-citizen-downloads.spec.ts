/**
 * An officer replies with the released information attached, in Chromium; the applicant gets the e-mail (a real SMTP
 * server) and, on a phone without JavaScript, downloads a file from the e-mailed link and from the case page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage } from '../pages/staff-item-page.ts';
import { ApplicationForm, CaseActions } from '../pages/request-pages.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';
import { startSmtpServer } from '../../src/testing/smtp.ts';
import { tinyPdf } from '../../db/seeds/demo/files.ts';
import { deliverDue, transportsFrom } from '../../src/modules/notifications/index.ts';

test('an officer releases a file with the reply; the applicant downloads it on a phone after the e-mail', async (t) => {
  const smtp = await startSmtpServer();
  t.after(() => smtp.close());
  const e = await startE2E(t, { config: { mail: { smtpUrl: smtp.url, from: 'noreply@gov.example.cn' } } });
  const unit = await makeUnit(e.h.db, { kind: 'government', slug: 'mz', code: '990100005', name: '示范市民政局' });
  const officer = await makeUser(e.h.db, unit.id, ['request_officer']);

  // The applicant applies on a phone, without JavaScript, giving an e-mail address.
  const phone = await e.newContext({ phone: true, javaScriptEnabled: false });
  const c = await phone.newPage();
  await c.goto('/ysqgk/apply');
  const form = new ApplicationForm(c);
  await form.fill({
    unit: '示范市民政局',
    name: '王五',
    idNumber: '110101199003074514',
    phone: '13912345678',
    email: 'wangwu@example.com',
    description: '2025年度城乡低保资金分配表',
    form: '电子',
    method: '在线查看下载',
  });
  await form.submit();
  const caseNo = (await c.locator('strong').nth(0).innerText()).trim();

  // The officer confirms and replies, attaching the table.
  const desk = await e.newContext();
  const s = await desk.newPage();
  await new LoginPage(s).signIn(officer.username, TEST_PASSWORD);
  await s.goto('/staff');
  await s.getByRole('link', { name: /待确认收到的网上申请/ }).click();
  await s.getByRole('link', { name: caseNo }).click();
  const actions = new CaseActions(s);
  await actions.open(/确认收到申请/);
  await actions
    .form(/确认收到申请/)
    .getByRole('button', { name: '确认' })
    .click();
  await actions.open(/作出答复/);
  const decide = actions.form(/作出答复/);
  await decide.getByLabel(/处理结果/).selectOption('disclose_provided');
  await decide.getByLabel('答复内容或理由').fill('所申请的资金分配表见附件');
  await decide.getByLabel(/提供的政府信息/).setInputFiles({ name: '2025年度低保资金分配表.pdf', mimeType: 'application/pdf', buffer: tinyPdf(['2025年度城乡低保资金分配表']) });
  await decide.getByRole('button', { name: '生成答复告知书' }).click();
  await s.getByText('已答复：予以公开').waitFor();
  await s.getByRole('heading', { name: '提供的信息和送达记录' }).waitFor();
  await expectNoAxeViolations(s);

  // The e-mail arrives with a link per file; on the phone the link gives the file.
  await deliverDue(e.h.db, transportsFrom(e.h.config), e.h.clock.now());
  const mail = smtp.messages.find((m) => /答复告知书/.test(m.subject ?? ''))!;
  const link = /下载 2025年度低保资金分配表.pdf：\S*?(\/ysqgk\/files\/\S+)/.exec(mail.text ?? '')![1];
  const viaMail = await phone.request.get(link);
  assert.equal(viaMail.status(), 200);
  assert.equal(viaMail.headers()['content-type'], 'application/pdf');

  // And from the case page, after the lookup with the query code given in the same e-mail series.
  const code = /查询码：([A-Z0-9]{8})/.exec(smtp.messages.find((m) => /已收到/.test(m.subject ?? ''))!.text ?? '')![1];
  await c.goto('/ysqgk/status');
  await c.getByLabel('申请编号').fill(caseNo);
  await c.getByLabel('查询码').fill(code);
  await c.getByRole('button', { name: '查询' }).click();
  await c.getByRole('heading', { name: '提供给您的政府信息' }).waitFor();
  const [download] = await Promise.all([c.waitForEvent('download'), c.getByRole('link', { name: '2025年度低保资金分配表.pdf' }).click()]);
  assert.equal(download.suggestedFilename(), '2025年度低保资金分配表.pdf');
  await c.screenshot({ path: '/tmp/gk-released-phone.png', fullPage: true }).catch(() => undefined);
  await phone.close();
  await desk.close();
});
