import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage } from '../pages/staff-item-page.ts';
import { ApplicationForm, CaseActions } from '../pages/request-pages.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';

test('a citizen applies on a phone without JavaScript, answers a 补正 notice and downloads the reply; an officer registers a posted letter, consults, extends and replies with a partial disclosure', async (t) => {
  const e = await startE2E(t, { now: '2026-03-02T02:00:00Z' });
  const city = await makeUnit(e.h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const civil = await makeUnit(e.h.db, { parentId: city.id, slug: 'mz', code: '990100005', name: '示范市民政局' });
  const officer = await makeUser(e.h.db, civil.id, ['request_officer', 'office_admin']);

  // The citizen, on a phone, JavaScript off.
  const phone = await e.newContext({ phone: true, javaScriptEnabled: false });
  const c = await phone.newPage();
  await c.goto('/');
  await c.getByRole('link', { name: '依申请公开' }).first().click();
  await c.getByRole('link', { name: '在线提交申请' }).click();
  const form = new ApplicationForm(c);
  await form.fill({
    unit: '示范市民政局',
    name: '王五',
    idNumber: '110101199003074514',
    phone: '13912345678',
    description: '关于那个事情的材料',
    form: '电子',
    method: '在线查看下载',
  });
  await form.submit();
  const caseNo = (await c.locator('strong').nth(0).innerText()).trim();
  const code = (await c.locator('strong').nth(1).innerText()).trim();
  assert.match(caseNo, /^YSQ2026\d{6}$/);
  await c.screenshot({ path: '/tmp/gk-request-receipt.png' }).catch(() => undefined);

  // The officer confirms, and asks for a correction.
  const desk = await e.newContext();
  const s = await desk.newPage();
  await new LoginPage(s).signIn(officer.username, TEST_PASSWORD);
  await s.goto('/staff/requests');
  await s.getByRole('link', { name: caseNo }).click();
  const actions = new CaseActions(s);
  await actions.open(/确认收到申请/);
  await actions
    .form(/确认收到申请/)
    .getByRole('button', { name: '确认' })
    .click();
  await actions.open(/一次性告知补正/);
  await actions
    .form(/一次性告知补正/)
    .getByRole('button', { name: '发出补正告知书' })
    .click();
  await s.getByRole('alert').waitFor();
  await expectNoAxeViolations(s);
  await actions
    .form(/一次性告知补正/)
    .getByLabel(/需要补正的全部事项/)
    .fill('请写明所需材料的名称或事项、时间');
  await actions
    .form(/一次性告知补正/)
    .getByRole('button', { name: '发出补正告知书' })
    .click();
  await s.getByText('已完成：发出补正告知书').waitFor();

  // The citizen looks the case up, answers the notice.
  await c.goto('/ysqgk/status');
  await c.getByLabel('申请编号').fill(caseNo);
  await c.getByLabel('查询码').fill(code);
  await c.getByRole('button', { name: '查询' }).click();
  await c.getByRole('heading', { name: '需要您补正' }).waitFor();
  await c.getByLabel('补正内容').fill('2025年度城乡低保资金分配表');
  await c.getByRole('button', { name: '提交补正' }).click();
  await c.getByText('补正内容已提交').waitFor();

  // The officer records the correction and replies with a partial disclosure.
  await s.reload();
  await actions.open(/收到补正/);
  await actions
    .form(/收到补正/)
    .getByRole('button', { name: '登记' })
    .click();
  await actions.open(/作出答复/);
  const decide = actions.form(/作出答复/);
  await decide.getByLabel(/处理结果/).selectOption('partial');
  await decide.getByLabel('答复内容或理由').fill('附件为2025年度资金分配表');
  await decide.getByLabel(/不予公开部分的理由/).fill('低保对象的个人信息属于个人隐私');
  await decide.getByRole('button', { name: '生成答复告知书' }).click();
  await s.getByText('已答复：部分公开').waitFor();
  await expectNoAxeViolations(s);

  // The citizen downloads the reply, as a page and as a Word file.
  await c.goto('/ysqgk/case');
  await c.getByRole('link', { name: '政府信息公开申请答复告知书', exact: true }).click();
  assert.match(await c.locator('article').innerText(), /不予公开部分的理由：低保对象的个人信息属于个人隐私/);
  const download = await c.request.get(c.url() + '.docx');
  const xml = await (await JSZip.loadAsync(await download.body())).file('word/document.xml')!.async('string');
  assert.match(xml, /第三十七条/);
  await phone.close();

  // An officer registers a posted letter, consults a third party, extends, and replies.
  await s.goto('/staff/requests/new');
  await s.getByLabel('申请渠道').selectOption({ label: '邮寄（需签收：挂号信、快递）' });
  await s.getByLabel(/收到日期/).fill('2026-03-02');
  await new ApplicationForm(s).fill({
    unit: '示范市民政局',
    name: '赵六',
    idNumber: '110101198506120020',
    phone: '13800000000',
    description: '某养老机构2025年度等级评定结果',
    form: '纸质',
    method: '邮寄',
    address: '示范市和平路1号',
  });
  await s.getByRole('button', { name: '登记' }).click();
  await s.getByText(/已登记，申请编号/).waitFor();
  await actions.open(/书面征求第三方或其他机关意见/);
  const consult = actions.form(/书面征求第三方或其他机关意见/);
  await consult.getByLabel('征求对象').selectOption('third_party');
  await consult.getByLabel('名称').fill('示范市康乐养老服务有限公司');
  await consult.getByRole('button', { name: '发出征求意见书' }).click();
  assert.match(await s.locator('.clock-steps').innerText(), /暂停计算/);
  await actions.open(/收到意见/);
  await actions
    .form(/收到意见/)
    .getByLabel(/^意见（/)
    .selectOption('disagree');
  await actions
    .form(/收到意见/)
    .getByRole('button', { name: '登记' })
    .click();
  await actions.open(/延长答复期限/);
  await actions
    .form(/延长答复期限/)
    .getByLabel('延期原因')
    .fill('需核实第三方意见');
  await actions
    .form(/延长答复期限/)
    .getByRole('button', { name: '延期并生成告知书' })
    .click();
  await s.getByText(/经政府信息公开工作机构负责人同意延长 20 个工作日/).waitFor();
  await actions.open(/作出答复/);
  await decide.getByLabel(/处理结果/).selectOption('partial');
  await decide.getByLabel('答复内容或理由').fill('提供等级评定结果');
  await decide.getByLabel(/不予公开部分的理由/).fill('评分细项涉及第三方商业秘密，第三方不同意公开');
  await decide.getByRole('button', { name: '生成答复告知书' }).click();
  await s.getByText('已答复：部分公开').waitFor();
  const letters = await s.locator('#letters-h + ul li').allInnerTexts();
  assert.deepEqual(
    letters.map((l) => l.replace(/^\S+ /, '').split('（')[0]),
    ['政府信息公开申请受理回执', '政府信息公开征求意见书', '政府信息公开申请延期答复告知书', '政府信息公开申请答复告知书'],
  );
  await s.screenshot({ path: '/tmp/gk-request-case.png', fullPage: true }).catch(() => undefined);
  // The applicant's own pages, with JavaScript on for axe.
  await s.goto('/ysqgk/status');
  await s.getByLabel('申请编号').fill(caseNo);
  await s.getByLabel('查询码').fill(code);
  await s.getByRole('button', { name: '查询' }).click();
  await s.getByRole('heading', { name: `申请 ${caseNo}` }).waitFor();
  await expectNoAxeViolations(s);
  await s.getByRole('link', { name: '政府信息公开申请答复告知书', exact: true }).click();
  await expectNoAxeViolations(s);
  for (const path of ['/ysqgk', '/ysqgk/apply', '/ysqgk/status', '/staff/requests', '/staff/requests?view=closed', '/staff/requests/new', '/staff/requests/templates']) {
    await s.goto(path);
    await expectNoAxeViolations(s);
  }
  await desk.close();
});
