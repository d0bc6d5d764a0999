/** Page objects (conventions C11): locators and actions only, never assertions. */
import type { Page } from 'playwright-core';

export class LoginPage {
  constructor(private readonly page: Page) {}
  async signIn(username: string, password: string) {
    await this.page.goto('/login');
    await this.page.getByLabel('用户名').fill(username);
    await this.page.getByLabel('密码').fill(password);
    await this.page.getByRole('button', { name: '登录' }).click();
  }
}

export class StaffItemPage {
  constructor(private readonly page: Page) {}
  async openNew() {
    await this.page.goto('/staff/items/new');
  }
  async importDocx(file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.getByLabel(/从 Word 文档/).setInputFiles(file);
    await this.page.getByRole('button', { name: '导入文档' }).click();
  }
  async fillRequired(o: { section: string; topic: string; genre: string }) {
    await this.page.getByLabel('所属栏目').selectOption({ label: o.section });
    // 主题分类 is grouped by first level; the value is 一级\二级.
    await this.page.getByLabel('主题分类').selectOption(o.topic.replace(' › ', '\\'));
    await this.page.getByLabel('体裁（文种）').selectOption(o.genre);
  }
  async save() {
    await this.page.getByRole('button', { name: '保存草稿' }).click();
  }
  async upload(files: { name: string; mimeType: string; buffer: Buffer }[]) {
    await this.page.getByLabel(/上传附件/).setInputFiles(files);
    await this.page.getByRole('button', { name: '上传', exact: true }).click();
  }
  maskButtons() {
    return this.page.getByRole('button', { name: '遮盖' });
  }
  /** A workflow step by its button; the opinion goes in the field of the same form (pass and return share one). */
  async act(label: string, remarks?: string) {
    const button = this.page.getByRole('button', { name: label, exact: true });
    const form = this.page.locator('form', { has: button });
    if (remarks) await form.getByLabel(/意见/).fill(remarks);
    await button.click();
  }
  async signOut() {
    await this.page.getByRole('button', { name: /退出/ }).first().click();
  }
}
