import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { makeUnit } from '../../src/testing/factories.ts';
import { publishedItem } from '../../src/testing/items.ts';
import { changeValidity } from '../../src/modules/publishing/commands/changeValidity.ts';
import { transitionItem } from '../../src/modules/publishing/commands/transition.ts';
import { startRevision } from '../../src/modules/publishing/commands/startRevision.ts';
import { saveDraft } from '../../src/modules/publishing/commands/saveDraft.ts';
import { baseInput } from '../../src/testing/items.ts';

const system = { kind: 'system' as const, label: 't' };

test('every public page template passes axe, in both scripts and the large view, and the portal works with JavaScript off', async (t) => {
  const e = await startE2E(t);
  const now = e.h.clock.now();
  const city = await makeUnit(e.h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府', shortName: '市政府' });
  const town = await makeUnit(e.h.db, { parentId: city.id, slug: 'qhz', code: '990102101', name: '清河镇人民政府', shortName: '清河镇', level: 'township', kind: 'government' });
  const old = await publishedItem(e.h.db, city.id, now, { title: '示范市低保标准（2025年）', sectionCode: 'a20_11', topic: '民政、扶贫、救灾\\社会福利' });
  const neu = await publishedItem(e.h.db, city.id, now, { title: '示范市低保标准（2026年）', sectionCode: 'a20_11', topic: '民政、扶贫、救灾\\社会福利' });
  await publishedItem(e.h.db, city.id, now, {
    kind: 'interpretation',
    title: '一图读懂2026年低保标准',
    interpretationForm: 'graphic',
    interprets: [neu.itemId],
    docNo: '',
    sectionCode: 'a20_11',
  });
  await changeValidity(e.h.db, system, now, old.itemId, { validity: 'repealed', byItemId: neu.itemId });
  await startRevision(e.h.db, system, now, neu.itemId);
  await saveDraft(e.h.db, system, now, {
    unitId: city.id,
    itemId: neu.itemId,
    input: baseInput({ title: '示范市低保标准（2026年）', sectionCode: 'a20_11', topic: '民政、扶贫、救灾\\社会福利', changeNote: '更正表格' }),
  });
  for (const n of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(e.h.db, system, now, neu.itemId, n);
  const gone = await publishedItem(e.h.db, town.id, now, { title: '已撤回的公告', sectionCode: 'a21_fundraising' });
  await transitionItem(e.h.db, system, now, gone.itemId, 'withdraw', { remarks: '重复发布' });

  // axe needs script in the page, so templates are checked with JavaScript on; the journey below runs with it off.
  const ctx = await e.newContext();
  const page = await ctx.newPage();
  const visit = async (path: string, status = 200) => {
    const r = await page.goto(path);
    assert.equal(r?.status(), status, path);
    await expectNoAxeViolations(page);
  };
  await visit('/');
  await visit('/xxgk');
  await visit('/xxgk/city');
  await visit('/xxgk/city/guide');
  await visit('/xxgk/city/s/proactive');
  await visit('/xxgk/city/s/a20_11?topic=' + encodeURIComponent('民政、扶贫、救灾') + '&year=2026');
  await visit('/xxgk/city/s/a20_14');
  await visit('/xxgk/city/interpretations');
  await visit(`/xxgk/city/items/${old.itemId}`);
  assert.match(await page.getByRole('note').first().innerText(), /本文件已废止/);
  await visit(`/xxgk/city/items/${neu.itemId}`);
  assert.match(await page.content(), /一图读懂2026年低保标准/);
  await visit(`/xxgk/city/items/${neu.itemId}/versions/1`);
  await visit(`/xxgk/city/items/${neu.itemId}/print`);
  await visit('/xxgk/qhz');
  await visit(`/xxgk/qhz/items/${gone.itemId}`, 410);
  await visit('/xxgk/nowhere', 404);
  await visit('/login');
  await visit('/search?q=' + encodeURIComponent('低保标准'));
  await visit('/search?q=' + encodeURIComponent('没有这样的内容'));
  await visit('/sitemap');
  await visit('/zcwjk');
  await visit('/zcwjk?year=2026');
  await visit('/ysqgk/recover');
  await visit('/ysqgk/status?expired=1');

  // Traditional Chinese and the large view, switched by plain links.
  await page.goto('/xxgk/city');
  await page.getByRole('link', { name: '繁體' }).click();
  await page.getByRole('link', { name: '大字版' }).click();
  await visit('/xxgk/city/guide');
  assert.match(await page.locator('h1').innerText(), /政府信息公開指南/);
  await visit(`/xxgk/city/items/${neu.itemId}`);
  // The application guide's buttons in the large view (the red button's text once read 1.64:1 there).
  await visit('/ysqgk');
  await visit('/ysqgk/apply');
  await visit('/sitemap');
  await ctx.close();

  // Without JavaScript: follow the column menu, filter a list with the form, open an item.
  const off = await e.newContext({ javaScriptEnabled: false, phone: true });
  const p2 = await off.newPage();
  await p2.goto('/xxgk/city');
  await p2
    .getByRole('navigation', { name: /政府信息公开栏目/ })
    .getByRole('link', { name: '扶贫、教育、医疗、社会保障、促进就业' })
    .click();
  await p2.getByLabel('有效性').selectOption({ label: '已废止' });
  await p2.getByRole('button', { name: '筛选' }).click();
  assert.match(p2.url(), /validity=repealed/);
  assert.equal(await p2.locator('.item-list li').count(), 1);
  await p2.getByRole('link', { name: '示范市低保标准（2025年）' }).click();
  await p2.getByRole('heading', { level: 1, name: '示范市低保标准（2025年）' }).waitFor();
  // The search box in the header works without JavaScript too.
  await p2.getByLabel('搜索本站').fill('低保标准 2026');
  await p2.getByRole('button', { name: '搜索', exact: true }).first().click();
  await p2.getByRole('link', { name: '示范市低保标准（2026年）' }).first().waitFor();
  await off.close();
});
