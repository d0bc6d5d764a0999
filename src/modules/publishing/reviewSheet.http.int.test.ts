/**
 * 保密审查 and 审核 are each one form with a pass and a return button and an opinion field, kept on pass too; the
 * printable review sheet lists who sent, reviewed and approved what, when, with which opinion; only the unit's staff
 * open it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { draftItem } from '../../testing/items.ts';

test('review with pass and return buttons, opinions kept, and a printable review sheet', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const civil = await makeUnit(h.db, { parentId: city.id, slug: 'mz', code: '990100005', name: '示范市民政局' });
  const other = await makeUnit(h.db, { parentId: city.id, slug: 'jy', code: '990100006', name: '示范市教育局' });
  await makeUser(h.db, civil.id, ['publisher'], { username: 'clerk' });
  await makeUser(h.db, civil.id, ['secrecy_reviewer'], { username: 'secrecy' });
  await makeUser(h.db, civil.id, ['reviewer'], { username: 'head' });
  await makeUser(h.db, other.id, ['reviewer'], { username: 'outsider' });
  const { itemId } = await draftItem(h.db, civil.id, h.clock.now(), { title: '市民政局2026年第一季度低保资金发放情况' });
  const page = `/staff/items/${itemId}`;
  const as = async (u: string) => {
    const b = new Browser(h.app);
    await b.login(u);
    return b;
  };
  const clerk = await as('clerk');
  await clerk.post(`${page}/transition`, { name: 'submit' }, page);

  const secrecy = await as('secrecy');
  const form = (await secrecy.get(page)).body;
  assert.match(form, /<label for="r-secrecy_approve">保密审查意见（通过时可填写，退回时必填）<\/label>/);
  assert.match(
    form,
    /<button type="submit" class="button" name="name" value="secrecy_approve">保密审查通过<\/button><button type="submit" class="button secondary" name="name" value="secrecy_return">保密审查退回<\/button>/,
  );
  assert.equal((await secrecy.post(`${page}/transition`, { name: 'secrecy_approve', remarks: '经审查不涉及国家秘密、工作秘密和个人隐私' }, page)).statusCode, 303);

  const head = await as('head');
  const noReason = await head.post(`${page}/transition`, { name: 'return', remarks: '' }, page);
  assert.equal(noReason.statusCode, 409);
  assert.equal((await head.post(`${page}/transition`, { name: 'return', remarks: '请补充发放对象户数' }, page)).statusCode, 303);

  const sheet = (await clerk.get(`${page}/review-sheet`)).body;
  assert.match(sheet, /<h1 class="doc-title">政府信息公开保密审查审核单<\/h1>/);
  const rows = [...sheet.matchAll(/<tr><td>第 1 版<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><td>[\d-]+ [\d:]+<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2], m[3]]);
  assert.deepEqual(rows, [
    ['送保密审查', '用户4（clerk）', ''],
    ['保密审查通过', '用户5（secrecy）', '经审查不涉及国家秘密、工作秘密和个人隐私'],
    ['审核退回', '用户6（head）', '请补充发放对象户数'],
  ]);
  assert.match((await clerk.get(page)).body, /打印审查审核单/);
  assert.equal((await (await as('outsider')).get(`${page}/review-sheet`)).statusCode, 404);
});
