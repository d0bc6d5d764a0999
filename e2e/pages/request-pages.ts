/** Page objects for 依申请公开 (conventions C11): locators and actions only, never assertions. */
import type { Page } from 'playwright-core';

export class ApplicationForm {
  constructor(private readonly page: Page) {}
  async fill(o: { unit: string; name: string; idNumber: string; phone: string; description: string; form: string; method: string; email?: string; address?: string }) {
    const p = this.page;
    await p.getByLabel('受理机关').selectOption({ label: o.unit });
    await p.getByLabel('申请人类型').selectOption({ label: '自然人' });
    await p.getByLabel('姓名或名称').fill(o.name);
    await p.getByLabel('身份证明（证件类型）').selectOption('居民身份证');
    await p.getByLabel('证件号码').fill(o.idNumber);
    await p.getByLabel('联系电话').fill(o.phone);
    if (o.email) await p.getByLabel('电子邮箱').fill(o.email);
    if (o.address) await p.getByLabel('通信地址').fill(o.address);
    await p.getByLabel('所需信息的内容描述').fill(o.description);
    await p.getByLabel('信息的载体形式').selectOption({ label: o.form });
    await p.getByLabel('获取方式').selectOption({ label: o.method });
  }
  async submit(name = '提交申请') {
    await this.page.getByRole('button', { name }).click();
  }
}

export class CaseActions {
  constructor(private readonly page: Page) {}
  async open(title: RegExp) {
    await this.page.locator('summary', { hasText: title }).click();
  }
  form(title: RegExp) {
    return this.page.locator('details', { has: this.page.locator('summary', { hasText: title }) });
  }
}
