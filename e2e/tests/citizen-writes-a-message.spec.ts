/**
 * A citizen on a phone without JavaScript writes a message, keeps the case number and query code, follows it; the
 * unit it went to transfers it to the competent unit, which answers and publishes it; the citizen reads the answer,
 * rates it, and finds it in the archive. axe on every page, the error states and the 大字版.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage } from '../pages/staff-item-page.ts';
import { actorFor, makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';
import { messageContext, publishMessage, receiveMessage, replyMessage } from '../../src/modules/messages/index.ts';
import { approveEntry, saveEntry, submitEntry } from '../../src/modules/answers/index.ts';

test('a citizen writes a message on a phone; it is transferred once, answered, published and rated', async (t) => {
  const e = await startE2E(t, { now: '2026-03-02T02:00:00Z' });
  const city = await makeUnit(e.h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const zjj = await makeUnit(e.h.db, { parentId: city.id, slug: 'zjj', code: '990100008', name: '示范市住房和城乡建设局', kind: 'department' });
  const jyj = await makeUnit(e.h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  const z = await makeUser(e.h.db, zjj.id, ['message_officer']);
  const j = await makeUser(e.h.db, jyj.id, ['message_officer']);
  // An earlier message on a like matter, answered and published: the form will suggest it.
  const ctx = await messageContext(e.h.app.deps);
  const earlier = await receiveMessage(e.h.db, { kind: 'anonymous' }, ctx, {
    unitId: jyj.id,
    type: 'complaint',
    category: '',
    area: '',
    title: '小学旁工地夜间施工噪音',
    body: '工地晚上施工。',
    writerName: '',
    contact: '',
    consentPublish: true,
  });
  const ja = await actorFor(e.h.db, j.username);
  await replyMessage(e.h.db, ja, ctx, earlier.id, '已要求施工单位夜间停工。');
  await publishMessage(e.h.db, ja, ctx, earlier.id, { publicTitle: '', publicBody: '', publicReply: '' });
  // And a published answer of the knowledge base, for axe on its pages.
  const system = { kind: 'system' as const, label: 'e2e' };
  const qa = await saveEntry(e.h.db, system, ctx, {
    unitId: jyj.id,
    question: '学校周边施工噪音向哪里反映？',
    variants: ['工地晚上吵找谁'],
    answer: '可向生态环境部门或拨打12345反映。',
    answerClass: 'instant',
    handoverUnitId: null,
    handoverDays: null,
    topic: '',
    reviewBy: '2026-12-31',
    sources: [],
  });
  await submitEntry(e.h.db, system, ctx.now, qa);
  await approveEntry(e.h.db, system, ctx.now, qa);

  const pc = await e.newContext({ phone: true, javaScriptEnabled: false });
  const p = await pc.newPage();
  await p.goto('/hdjl/yjzj');
  await p.getByRole('link', { name: '政民互动（留言）' }).click();
  await p.getByRole('link', { name: '我要留言' }).click();
  await p.getByRole('button', { name: '提交留言' }).click();
  await p.getByRole('alert').waitFor();
  assert.match(await p.getByRole('alert').innerText(), /请选择留言类型/);
  await p.getByLabel(/^留言类型/).selectOption('complaint');
  await p.getByLabel(/^写给/).selectOption(`u${zjj.id}`);
  await p.getByLabel(/^标题/).fill('学校旁工地夜间施工');
  await p.getByLabel(/^留言内容/).fill('城东小学旁工地每晚施工到凌晨，影响学生休息。');
  await p.getByLabel(/同意在答复后公开/).check();
  await p.getByRole('button', { name: '提交留言' }).click();
  // Answers to like questions come first; what was typed stays; the citizen sends anyway.
  assert.match(await p.getByRole('status').innerText(), /找到 \d+ 条类似的答复和信息/);
  await p.getByRole('link', { name: /小学旁工地夜间施工噪音/ }).waitFor();
  assert.equal(await p.getByLabel(/^标题/).inputValue(), '学校旁工地夜间施工');
  await p.screenshot({ path: '/tmp/gk-message-similar-phone.png', fullPage: true }).catch(() => undefined);
  await p.getByRole('button', { name: '仍要提交留言' }).click();
  const receipt = await p.getByRole('status').innerText();
  const caseNo = /留言编号：(LY\d+)/.exec(receipt)![1];
  const code = /查询码：([A-Z0-9]{8})/.exec(receipt)![1];
  await p.screenshot({ path: '/tmp/gk-message-receipt-phone.png', fullPage: true }).catch(() => undefined);

  // Staff: 住建局 transfers it to 教育局, which accepts and answers, then publishes.
  const sc = await e.newContext();
  const s = await sc.newPage();
  await new LoginPage(s).signIn(z.username, TEST_PASSWORD);
  await s.goto('/staff');
  await s.getByRole('link', { name: '留言办理' }).first().click();
  await expectNoAxeViolations(s);
  await s.getByRole('link', { name: '学校旁工地夜间施工' }).click();
  await expectNoAxeViolations(s);
  await s.getByText('不属于本单位职责：转有权处理的单位').click();
  await s.getByLabel(/^有权处理的单位/).selectOption(String(jyj.id));
  await s.getByLabel(/^理由/).fill('校园周边管理属教育部门');
  await s.getByRole('button', { name: '申请转办' }).click();
  await s.getByText('已申请转办').waitFor();
  await new LoginPage(s).signIn(j.username, TEST_PASSWORD);
  await s.goto('/staff/messages');
  await s.getByRole('link', { name: '学校旁工地夜间施工' }).click();
  await expectNoAxeViolations(s);
  await s.getByRole('button', { name: '接收' }).click();
  await s.getByLabel(/^答复内容/).fill('已责成施工单位22时后停工，并安排夜间巡查。');
  await s.getByRole('button', { name: '答复', exact: true }).click();
  await s.getByText('已答复。').waitFor();
  await expectNoAxeViolations(s);
  await s.getByRole('button', { name: '公开', exact: true }).click();
  await s.getByText('已公开。').waitFor();
  await s.screenshot({ path: '/tmp/gk-message-staff.png', fullPage: true }).catch(() => undefined);

  // The citizen follows it, reads the answer and rates it; the archive shows it.
  await p.goto('/hdjl/ly/cx');
  await p.getByLabel(/^留言编号/).fill(caseNo);
  await p.getByLabel(/^查询码/).fill(code);
  await p.getByRole('button', { name: '查询' }).click();
  assert.match(await p.locator('main').innerText(), /已答复[\s\S]*示范市教育局[\s\S]*夜间巡查/);
  await p.getByLabel('满意', { exact: true }).check();
  await p.getByLabel('问题已解决').check();
  await p.getByRole('button', { name: '提交评价' }).click();
  assert.match(await p.locator('main').innerText(), /您的评价：满意（问题已解决）/);
  await p.goto('/hdjl/ly');
  await p.getByRole('link', { name: '学校旁工地夜间施工', exact: true }).click();
  assert.match(await p.locator('main').innerText(), /已责成施工单位22时后停工/);
  await pc.close();

  // axe needs script: the public pages, the error states and the 大字版, on a phone with JavaScript.
  const ac = await e.newContext({ phone: true });
  const a = await ac.newPage();
  for (const path of [
    '/hdjl/ly',
    '/hdjl/ly/new',
    '/hdjl/ly/cx',
    `/hdjl/ly/${caseNo}`,
    '/hdjl/ly/tj',
    '/hdjl/jyta',
    '/hdjl/wd',
    `/hdjl/wd/${qa}`,
    `/hdjl/wd?q=${encodeURIComponent('护照')}`,
  ]) {
    await a.goto(path);
    await expectNoAxeViolations(a);
  }
  await a.goto('/hdjl/ly/new');
  await a.getByRole('button', { name: '提交留言' }).click();
  await a.getByRole('alert').waitFor();
  await expectNoAxeViolations(a);
  // The suggestions state of the form.
  await a.getByLabel(/^标题/).fill('工地夜间施工噪音');
  await a.getByLabel(/^留言内容/).fill('夜里施工。');
  await a.getByRole('button', { name: '提交留言' }).click();
  await a.getByRole('button', { name: '仍要提交留言' }).waitFor();
  await expectNoAxeViolations(a);
  await a.goto('/hdjl/ly/cx');
  await a.getByLabel(/^留言编号/).fill(caseNo);
  await a.getByLabel(/^查询码/).fill(code);
  await a.getByRole('button', { name: '查询' }).click();
  await a.getByText('您的评价').waitFor();
  await expectNoAxeViolations(a);
  await a.goto(`/prefs?view=large&back=${encodeURIComponent('/hdjl/ly/new')}`);
  await expectNoAxeViolations(a);
  await a.screenshot({ path: '/tmp/gk-message-form-large.png', fullPage: true }).catch(() => undefined);
  await ac.close();
  await sc.close();
});
