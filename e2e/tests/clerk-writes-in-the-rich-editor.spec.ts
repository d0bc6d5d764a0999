/**
 * A clerk writes an interpretation in the rich editor: pastes from Word and from WPS (headings, lists, a table, a
 * link survive; Office markup, scripts and images on the writer's own disk do not), links the policy by searching,
 * saves, previews the public page and sends it; the 保密审查人 finds it in the queue. What the editor shows is what is
 * stored: the sanitiser keeps the editor's HTML unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage, StaffItemPage } from '../pages/staff-item-page.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';
import { publishedItem } from '../../src/testing/items.ts';

const fixture = (name: string) => fs.readFileSync(new URL(`../../fixtures/office-paste/${name}`, import.meta.url), 'utf8');

/** A paste as the browser delivers it from Word or WPS: a paste event carrying text/html. */
async function pasteHtml(page: Page, html: string) {
  await page.locator('.rich-editor-content').evaluate((el, h) => {
    const data = new DataTransfer();
    data.setData('text/html', h);
    data.setData('text/plain', '');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

test('a clerk pastes from Word and WPS into the editor, links the policy by search, previews and sends; the secrecy reviewer finds it', async (t) => {
  const e = await startE2E(t);
  const now = e.h.clock.now();
  const city = await makeUnit(e.h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const civil = await makeUnit(e.h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  const clerk = await makeUser(e.h.db, civil.id, ['publisher']);
  const sec = await makeUser(e.h.db, civil.id, ['secrecy_reviewer']);
  const policy = await publishedItem(e.h.db, civil.id, now, { title: '关于提高城乡低保标准的通知', docNo: '示民发〔2026〕7号' });
  const indexNo = (await e.h.db.query<{ index_no: string }>('SELECT index_no FROM information_items WHERE id = $1', [policy.itemId])).rows[0].index_no;

  const ctx = await e.newContext();
  const p = await ctx.newPage();
  const errors: string[] = [];
  p.on('pageerror', (err) => errors.push(err.message));
  p.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  await new LoginPage(p).signIn(clerk.username, TEST_PASSWORD);
  const staff = new StaffItemPage(p);
  await staff.openNew();
  await p.locator('.rich-editor[data-ready="1"]').waitFor();
  assert.equal(await p.locator('textarea[name="bodyHtml"]').isVisible(), false, 'the textarea carries the value behind the editor');
  await expectNoAxeViolations(p);

  await p.getByLabel('信息类别').selectOption('interpretation');
  await p.getByLabel(/^标题/).fill('一图读懂城乡低保标准调整');
  await p.getByLabel('所属栏目').selectOption('a20_11');
  await p.getByLabel('主题分类').selectOption('民政、扶贫、救灾\\社会福利');
  await p.getByLabel('体裁（文种）').selectOption('其他');
  await p.getByLabel('解读形式').selectOption('text');

  // Word: the heading, numbered and nested lists, the bullet, the table and the link come through as structure.
  await p.getByLabel('正文', { exact: true }).click();
  await pasteHtml(p, fixture('word-2016.html'));
  const editor = p.locator('.rich-editor-content');
  assert.equal(await editor.locator('h2').innerText(), '一、调整范围');
  assert.deepEqual(await editor.locator('> ol > li > p').allInnerTexts(), [
    '城市低保对象按新标准发放；',
    '农村低保对象按新标准发放，其中：',
    '所需资金由市、区两级财政按比例负担。',
  ]);
  assert.deepEqual(await editor.locator('ol ol li').allInnerTexts(), ['特困人员同步调整；']);
  assert.deepEqual(await editor.locator('> ul > li').allInnerTexts(), ['咨询电话：12345']);
  assert.equal(await editor.locator('table tr').count(), 2);
  assert.deepEqual(await editor.locator('table tr').first().locator('th, td').allInnerTexts(), ['类别', '原标准（元/月）', '新标准（元/月）']);
  assert.equal(await editor.locator('a[href="https://www.gov.cn/zhengce/"]').innerText(), '中国政府网政策库');
  assert.equal(await editor.locator('img').count(), 0);
  assert.match(await p.locator('.rich-editor [role="status"]').innerText(), /有 1 张图片只存在于您的电脑上/);
  assert.ok(!(await editor.innerHTML()).includes('mso-'), 'no Office styles');
  assert.ok(!(await editor.innerText()).includes('1.'), 'the list numbers itself');

  // WPS: lists typed as （一）（二）become a list too.
  await p.keyboard.press('Control+End');
  await pasteHtml(p, fixture('wps-2019.html'));
  assert.deepEqual((await editor.locator('ol').last().locator('li').allInnerTexts()).slice(-2), ['加强组织领导。', '确保资金落实。']);
  await p.keyboard.press('Control+End');
  await p.keyboard.press('Enter');
  await p.keyboard.type('本解读自发布之日起施行。');
  await p.getByRole('button', { name: '加粗' }).click();
  await p.keyboard.type('解读机关：市民政局');
  assert.equal(await editor.locator('strong').last().innerText(), '解读机关：市民政局');

  // The policy is found by words of its title and picked; the field gets its 索引号.
  await p.getByLabel(/查找已公开的文件/).fill('低保标准');
  await p.getByRole('button', { name: '关于提高城乡低保标准的通知（示民发〔2026〕7号）' }).click();
  assert.equal(await p.getByLabel('所解读的政策').inputValue(), indexNo);
  await expectNoAxeViolations(p);

  const shown = await p.locator('textarea[name="bodyHtml"]').inputValue();
  await staff.save();
  await p.getByRole('link', { name: '预览发布后公众看到的页面' }).waitFor();
  const itemUrl = new URL(p.url()).pathname;
  const id = Number(/\/staff\/items\/(\d+)/.exec(itemUrl)![1]);
  const stored = (await e.h.db.query<{ body_html: string }>('SELECT v.body_html FROM item_versions v WHERE v.item_id = $1 ORDER BY v.version_no DESC LIMIT 1', [id])).rows[0]
    .body_html;
  const same = await p.evaluate(
    ([a, b]) => {
      const x = document.createElement('div');
      x.innerHTML = a;
      const y = document.createElement('div');
      y.innerHTML = b;
      return x.isEqualNode(y);
    },
    [shown, stored],
  );
  assert.ok(same, `the sanitiser kept the editor's HTML\n${shown}\n---\n${stored}`);
  const links = (await e.h.db.query<{ to: number }>('SELECT to_item_id::int AS to FROM item_links WHERE from_item_id = $1', [id])).rows;
  assert.deepEqual(links, [{ to: policy.itemId }]);

  // Editing again starts from what was stored.
  await p.goto(`${itemUrl}/edit`);
  await p.locator('.rich-editor[data-ready="1"]').waitFor();
  assert.equal(await p.locator('.rich-editor-content table tr').count(), 2);
  assert.equal(await p.getByLabel('所解读的政策').inputValue(), indexNo);

  // The preview shows the public page with the structure; then it goes to secrecy review.
  await p.goto(`${itemUrl}/preview`);
  assert.equal(await p.locator('.doc-body ol').first().locator('> li').count(), 3);
  assert.equal(await p.locator('.doc-body table tr').count(), 2);
  await p.goto(itemUrl);
  await staff.act('送保密审查');
  await p.getByText('第 1 版：待保密审查').waitFor();
  assert.deepEqual(errors, [], 'no script errors');
  await p.screenshot({ path: '/tmp/gk-editor.png', fullPage: true }).catch(() => undefined);

  // 大字版 of the editor page passes axe as well.
  await p.goto(`/prefs?view=large&back=${encodeURIComponent(`${itemUrl}/edit`)}`);
  await p.locator('.rich-editor[data-ready="1"]').waitFor();
  await expectNoAxeViolations(p);
  await p
    .locator('.rich-editor')
    .screenshot({ path: '/tmp/gk-editor-large.png' })
    .catch(() => undefined);
  await ctx.close();

  const sc = await e.newContext();
  const s = await sc.newPage();
  await new LoginPage(s).signIn(sec.username, TEST_PASSWORD);
  await s.goto('/staff');
  await s.getByRole('link', { name: /1\s*待保密审查的信息/ }).click();
  await s.getByRole('link', { name: '一图读懂城乡低保标准调整' }).click();
  assert.match(await s.locator('h1').innerText(), /一图读懂城乡低保标准调整/);
  await sc.close();
});
