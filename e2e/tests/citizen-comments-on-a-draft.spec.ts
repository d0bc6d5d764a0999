/**
 * A citizen comments on an article of a draft on a phone without JavaScript; staff register a letter, publish and
 * dispose every comment in bulk with a reusable answer, and publish the feedback; the citizen sees the disposition of
 * his comment on the page. axe on every page of the journey, including the error state and the 大字版.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage } from '../pages/staff-item-page.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';
import { saveConsultation, publishConsultation } from '../../src/modules/participation/commands/consultations.ts';
import { participationContext } from '../../src/modules/participation/commands/common.ts';
import { transitionItem } from '../../src/modules/publishing/index.ts';

test('a citizen comments on an article on a phone; staff dispose all comments with a template; the citizen sees the disposition', async (t) => {
  const e = await startE2E(t, { now: '2026-06-01T02:00:00Z' });
  const city = await makeUnit(e.h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const police = await makeUnit(e.h.db, { parentId: city.id, slug: 'gaj', code: '990100010', name: '示范市公安局', kind: 'department' });
  const clerk = await makeUser(e.h.db, police.id, ['publisher']);
  const system = { kind: 'system' as const, label: 'test' };
  const id = await saveConsultation(e.h.db, system, e.h.clock.now(), {
    unitId: police.id,
    title: '示范市养犬管理规定（征求意见稿）',
    draftHtml: '<p>第一条　为了规范养犬行为，制定本规定。</p><p>第二条　本市行政区域内的养犬管理适用本规定。</p><p>第三条　个人养犬应当办理养犬登记，每年年检一次。</p>',
    explanationHtml: '<p>为解决犬只扰民问题，起草本规定。</p>',
    legalBasis: '《重大行政决策程序暂行条例》第十四条',
    channels: ['website', 'letter'],
    contact: '示范市公安局法制支队',
    opensOn: '2026-06-01',
    closesOn: '2026-06-20',
    shortenedReason: '配合6月底前开展的犬只集中登记，需提前出台',
    publishComments: true,
  });
  await publishConsultation(e.h.db, system, await participationContext({ ...e.h.app.deps }), id);

  // The citizen, on a phone, without JavaScript.
  const pc = await e.newContext({ phone: true, javaScriptEnabled: false });
  const p = await pc.newPage();
  await p.goto('/');
  await p.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '意见征集' }).click();
  await p.getByRole('link', { name: '示范市养犬管理规定（征求意见稿）' }).click();
  assert.match(await p.locator('.facts').innerText(), /配合6月底前开展的犬只集中登记/, 'the reason for a period under 30 days is public');
  await p.getByRole('link', { name: '对第三条提意见' }).click();
  assert.equal(await p.getByLabel('针对的条款').inputValue(), 'a3');
  await p.getByRole('button', { name: '提交意见' }).click();
  await p.getByRole('alert').waitFor();
  assert.match(await p.getByRole('alert').innerText(), /请填写意见内容/);
  await p.getByLabel(/^意见内容/).fill('建议将养犬登记年检改为三年一次，减少群众跑腿，同时通过线上渠道办理。');
  await p.getByLabel('姓名或单位（可不填）').fill('朱明');
  await p.getByLabel('电子邮箱或手机号（可不填）').fill('zhuming@example.com');
  await p.getByLabel(/同意在本页公开我的意见内容/).check();
  await p.getByRole('button', { name: '提交意见' }).click();
  const thanks = await p.getByRole('status').first().innerText();
  assert.match(thanks, /意见已提交，编号 \d+/);
  await p.screenshot({ path: '/tmp/gk-consultation-phone.png', fullPage: true }).catch(() => undefined);
  // axe needs script: the same pages, and the form's error state, on a phone with JavaScript.
  const ac = await e.newContext({ phone: true });
  const a = await ac.newPage();
  for (const path of ['/hdjl/yjzj', `/hdjl/yjzj/${id}`, `/hdjl/yjzj/${id}?clause=a3`]) {
    await a.goto(path);
    await expectNoAxeViolations(a);
  }
  await a.getByRole('button', { name: '提交意见' }).click();
  await a.getByRole('alert').waitFor();
  await expectNoAxeViolations(a);

  // Staff: register a letter, then publish and dispose every comment at once with a saved answer.
  const sc = await e.newContext();
  const s = await sc.newPage();
  await new LoginPage(s).signIn(clerk.username, TEST_PASSWORD);
  await s.goto('/staff');
  await s.getByRole('link', { name: '意见征集' }).first().click();
  await s.getByRole('link', { name: '示范市养犬管理规定（征求意见稿）' }).click();
  await expectNoAxeViolations(s);
  await s.getByText('登记信函、邮件、座谈会收到的意见').click();
  await s.getByLabel(/^渠道/).selectOption('letter');
  await s.getByLabel(/^意见内容/).fill('年检太频繁，建议减少。');
  await s.getByLabel('反馈人').fill('王五');
  await s.getByRole('button', { name: '登记', exact: true }).click();
  await s.getByText(/已登记第\d+号意见/).waitFor();
  await s.getByText('常用答复（本单位共用）').click();
  await s.getByLabel('处理结果').last().selectOption('not_adopted');
  await s.getByLabel('答复内容').fill('年检制度依据《动物防疫法》设定，本规定不作调整。');
  await s.getByRole('button', { name: '添加常用答复' }).click();
  for (const box of await s.getByRole('checkbox', { name: /选择第\d+号意见/ }).all()) await box.check();
  await s.getByRole('button', { name: /审核通过/ }).click();
  for (const box of await s.getByRole('checkbox', { name: /选择第\d+号意见/ }).all()) await box.check();
  await s.getByLabel('处理结果').first().selectOption('not_adopted');
  await s.getByLabel(/常用答复/).selectOption({ index: 1 });
  await s.getByRole('button', { name: '保存处理结果' }).click();
  await s.getByText('已保存2条意见的处理结果。').waitFor();
  assert.match(await s.locator('table.data').last().innerText(), /不采纳：年检制度依据《动物防疫法》设定/);
  await expectNoAxeViolations(s);

  // After the close the feedback is drafted and, once reviewed, published.
  e.h.clock.advanceMs(21 * 86400_000);
  await new LoginPage(s).signIn(clerk.username, TEST_PASSWORD);
  await s.goto(`/staff/consultations/${id}`);
  await s.getByRole('button', { name: /生成意见采纳情况说明/ }).click();
  await s.getByText(/已生成意见采纳情况说明的草稿/).waitFor();
  const itemId = Number(/\/staff\/items\/(\d+)/.exec(s.url())![1]);
  for (const step of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(e.h.db, system, e.h.clock.now(), itemId, step);
  await sc.close();

  await p.goto(`/hdjl/yjzj/${id}`);
  assert.match(await p.locator('.tag').first().innerText(), /已反馈/);
  const mine = p.locator('ol.comments li', { hasText: '建议将养犬登记年检改为三年一次' });
  assert.match(await mine.innerText(), /处理结果：不采纳。年检制度依据《动物防疫法》设定/);
  await p.getByRole('link', { name: '查看意见采纳情况的说明' }).click();
  assert.match(await p.locator('h1').innerText(), /征求意见采纳情况的说明/);
  await pc.close();
  await a.goto(`/hdjl/yjzj/${id}`);
  await expectNoAxeViolations(a);
  await a.goto(`/prefs?view=large&back=${encodeURIComponent(`/hdjl/yjzj/${id}`)}`);
  await expectNoAxeViolations(a);
  await ac.close();
});
