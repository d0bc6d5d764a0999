import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Document, Packer, Paragraph } from 'docx';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage, StaffItemPage } from '../pages/staff-item-page.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

test('a publisher imports a DOCX, resolves personal data and sends it for review; reviewers return then approve; a citizen on a phone reads it in Traditional Chinese and large text and downloads the attachment', async (t) => {
  const e = await startE2E(t);
  const city = await makeUnit(e.h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const dept = await makeUnit(e.h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', shortName: '市民政局' });
  const pub = await makeUser(e.h.db, dept.id, ['publisher']);
  const sec = await makeUser(e.h.db, dept.id, ['secrecy_reviewer']);
  const rev = await makeUser(e.h.db, dept.id, ['reviewer']);

  const docx = await Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            '示范市民政局文件',
            '示民发〔2026〕7号',
            '关于提高城乡低保标准的通知',
            '各区县民政局：',
            '自2026年4月1日起提高城乡居民最低生活保障标准。经办人张某，身份证号11010519491231002X，手机13912345678。',
            '示范市民政局',
            '2026年2月27日',
          ].map((x) => new Paragraph(x)),
        },
      ],
    }),
  );

  // The publisher drafts from a DOCX.
  const pc = await e.newContext();
  const p = await pc.newPage();
  await new LoginPage(p).signIn(pub.username, TEST_PASSWORD);
  await expectNoAxeViolations(p);
  const staff = new StaffItemPage(p);
  await staff.openNew();
  await expectNoAxeViolations(p);
  await staff.importDocx({ name: '低保通知.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
  assert.equal(await p.getByLabel(/^标题/).inputValue(), '关于提高城乡低保标准的通知');
  assert.equal(await p.getByLabel('发文字号', { exact: true }).inputValue(), '示民发〔2026〕7号');
  assert.equal(await p.getByLabel('成文日期', { exact: true }).inputValue(), '2026-02-27');
  await expectNoAxeViolations(p);
  // Saving without the required choices re-renders with an error summary and keeps the imported title.
  await p.getByLabel('所属栏目').selectOption('');
  await staff.save();
  await p.getByRole('alert').waitFor();
  assert.equal(await p.getByLabel(/^标题/).inputValue(), '关于提高城乡低保标准的通知');
  await expectNoAxeViolations(p);
  await staff.fillRequired({ section: '扶贫、教育、医疗、社会保障、促进就业（条例第二十条第（十一）项）', topic: '民政、扶贫、救灾 › 社会福利', genre: '通知' });
  await staff.save();
  await p.getByText('有 2 处个人信息尚未处理').waitFor();
  const itemUrl = new URL(p.url()).pathname;
  await expectNoAxeViolations(p);
  await staff.maskButtons().first().click();
  await p.getByText('有 1 处个人信息尚未处理').waitFor();
  await staff.maskButtons().first().click();
  await p.getByText('所有个人信息均已处理。').waitFor();
  await staff.upload([{ name: '附件1 低保标准表.pdf', mimeType: 'application/pdf', buffer: pdf }]);
  await p.getByRole('link', { name: '附件1 低保标准表.pdf' }).waitFor();
  await staff.act('送保密审查');
  await p.getByText('第 1 版：待保密审查').waitFor();

  const step = async (username: string, label: string, remarks?: string) => {
    const c = await e.newContext();
    const page = await c.newPage();
    await new LoginPage(page).signIn(username, TEST_PASSWORD);
    await page.goto(itemUrl);
    await expectNoAxeViolations(page);
    await new StaffItemPage(page).act(label, remarks);
    await page.getByRole('status').first().waitFor();
    await c.close();
  };
  await step(sec.username, '保密审查通过');
  await step(rev.username, '审核退回', '请在正文中写明执行日期');

  // Back with the publisher: the remarks are shown; edit and resubmit.
  await p.goto(itemUrl);
  await p.getByText('退回意见').waitFor();
  assert.match(await p.getByText(/退回意见/).innerText(), /请在正文中写明执行日期/);
  await p.getByRole('link', { name: '编辑' }).click();
  // The body is edited in the rich editor: a new paragraph at the end.
  await p.getByLabel(/^正文$/).click();
  await p.keyboard.press('Control+End');
  await p.keyboard.press('Enter');
  await p.keyboard.type('本通知自2026年4月1日起执行。');
  await staff.save();
  await staff.act('送保密审查');
  await pc.close();
  await step(sec.username, '保密审查通过');
  await step(rev.username, '审核通过');

  // A citizen on a phone finds it in its section.
  const cc = await e.newContext({ phone: true });
  const c = await cc.newPage();
  await c.goto('/xxgk/mzj');
  await expectNoAxeViolations(c);
  await c.getByRole('link', { name: '栏目导航' }).click();
  await c
    .getByRole('navigation', { name: /政府信息公开栏目/ })
    .getByRole('link', { name: '扶贫、教育、医疗、社会保障、促进就业' })
    .click();
  await expectNoAxeViolations(c);
  await c.getByRole('link', { name: '关于提高城乡低保标准的通知' }).click();
  await c.getByRole('heading', { level: 1, name: '关于提高城乡低保标准的通知' }).waitFor();
  assert.match((await c.locator('.meta-compact .meta-table').textContent()) ?? '', /990100005\/2026-00001/, 'on a phone, in the folded metadata');
  assert.ok(!(await c.content()).includes('13912345678'), 'the masked phone number is not on the public page');
  await expectNoAxeViolations(c);
  await c.getByRole('link', { name: '繁體' }).click();
  await c.getByRole('heading', { level: 1, name: '關於提高城鄉低保標準的通知' }).waitFor();
  await c.getByRole('link', { name: '大字版' }).click();
  assert.equal(await c.locator('html').getAttribute('class'), 'large');
  await expectNoAxeViolations(c);
  const [download] = await Promise.all([c.waitForEvent('download'), c.getByRole('link', { name: /附件1 低保標準表\.pdf/ }).click()]);
  assert.equal(download.suggestedFilename(), '附件1 低保标准表.pdf');
  await cc.close();
});
