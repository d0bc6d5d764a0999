/**
 * A citizen on a phone without JavaScript asks a plain question, reaches the concern's "一键应答" page with its
 * sources, and opens the policy it rests on; an officer marks the policy repealed, and the answer is withdrawn for
 * review: the page no longer gives it and the staff list says 需复核. axe on every page, phone and desktop, 大字版.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage } from '../pages/staff-item-page.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';
import { publishedItem } from '../../src/testing/items.ts';
import { approveEntry, saveConcern, saveEntry, submitEntry } from '../../src/modules/answers/index.ts';

test('a citizen asks in plain words and gets the sourced answer; a repealed policy withdraws it for review', async (t) => {
  const e = await startE2E(t);
  const db = e.h.db;
  const now = e.h.clock.now();
  const system = { kind: 'system' as const, label: 'e2e' };
  const city = await makeUnit(db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const jyj = await makeUnit(db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  const officer = await makeUser(db, jyj.id, ['publisher', 'reviewer']);
  const policy = await publishedItem(db, jyj.id, now, { title: '示范市义务教育阶段随迁子女入学办法' });
  const qa = await saveEntry(
    db,
    system,
    { now, today: '2026-03-02' },
    {
      unitId: jyj.id,
      question: '随迁子女入学需要哪些材料？',
      variants: ['外地户口孩子上学要准备什么'],
      answer: '监护人的居住证、房屋租赁合同、户口簿。',
      answerClass: 'instant',
      handoverUnitId: null,
      handoverDays: null,
      topic: '',
      reviewBy: '2026-09-01',
      sources: [String(policy.itemId)],
    },
  );
  await submitEntry(db, system, now, qa);
  await approveEntry(db, system, now, qa);
  const concern = await saveConcern(db, system, now, {
    unitId: city.id,
    areaCode: '',
    title: '随迁子女入学',
    description: '外地户籍子女在本市上学的条件、材料和流程',
    responsibleUnitIds: [jyj.id],
    contact: '市教育局招生办',
    items: [String(policy.itemId)],
    answerIds: [qa],
  });

  const pc = await e.newContext({ phone: true, javaScriptEnabled: false });
  const p = await pc.newPage();
  await p.goto('/hdjl/ly');
  await p.getByRole('link', { name: '群众关切' }).click();
  await p.getByLabel(/^您想问什么/).fill('外地孩子在本市上学要什么条件');
  await p.getByRole('button', { name: '问一问' }).click();
  await p.getByRole('region', { name: '这些可以回答您的问题' }).getByRole('link', { name: '随迁子女入学', exact: true }).click();
  const main = await p.locator('main').innerText();
  assert.match(main, /监护人的居住证/);
  assert.match(main, /政策依据[\s\S]*示范市义务教育阶段随迁子女入学办法/);
  await p.screenshot({ path: '/tmp/gk-one-click-answer-phone.png', fullPage: true }).catch(() => undefined);
  await p.getByRole('link', { name: '示范市义务教育阶段随迁子女入学办法' }).click();
  assert.match(await p.locator('main').innerText(), /相关问答[\s\S]*随迁子女入学需要哪些材料？/);

  // The officer marks the policy repealed on its staff page.
  const sc = await e.newContext();
  const s = await sc.newPage();
  await new LoginPage(s).signIn(officer.username, TEST_PASSWORD);
  await s.goto(`/staff/items/${policy.itemId}`);
  await s.getByLabel('有效性').selectOption('repealed');
  await s.getByRole('button', { name: '保存有效性' }).click();
  await s.goto('/staff/answers');
  assert.match(await s.locator('main').innerText(), /需复核：依据的文件已废止/);
  await expectNoAxeViolations(s);
  await s.getByRole('link', { name: '随迁子女入学需要哪些材料？' }).click();
  await expectNoAxeViolations(s);

  await p.goto(`/hdjl/gq/${concern}`);
  const after = await p.locator('main').innerText();
  assert.match(after, /暂时没有现行有效的答复/);
  assert.doesNotMatch(after, /监护人的居住证/);
  await pc.close();

  // axe needs script: the list, the question box's answers and its nothing-found state, the answer pages, 大字版.
  const ac = await e.newContext({ phone: true });
  const a = await ac.newPage();
  for (const path of ['/hdjl/gq', `/hdjl/gq?q=${encodeURIComponent('上学')}`, `/hdjl/gq?q=${encodeURIComponent('护照')}`, `/hdjl/gq/${concern}`, `/hdjl/wd/${qa}`]) {
    await a.goto(path);
    await expectNoAxeViolations(a);
  }
  await a.goto(`/prefs?view=large&back=${encodeURIComponent(`/hdjl/gq/${concern}`)}`);
  await expectNoAxeViolations(a);
  await ac.close();
  await sc.close();
});
