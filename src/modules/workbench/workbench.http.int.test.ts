/**
 * The dashboard counts each person's work and links each count to the list it counts: items awaiting 保密审查 for the
 * secrecy reviewer, a case to confirm, one due within three working days and one overdue for the officer (in red,
 * with the working days left or over), a correction received; the case list finds a case by applicant and sorts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { draftItem } from '../../testing/items.ts';

const application = (name: string, idNumber: string, what: string) => ({
  applicantType: 'natural',
  applicantName: name,
  idType: '居民身份证',
  idNumber,
  phone: '13912345678',
  infoDescription: what,
  deliveryForm: 'electronic',
  deliveryMethod: 'online',
});

test('each person’s dashboard counts their queues, and each count opens the same cases', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const town = await makeUnit(h.db, { parentId: city.id, slug: 'qhz', code: '990102101', name: '清河镇人民政府', level: 'township', kind: 'government' });
  await makeUser(h.db, town.id, ['request_officer'], { username: 'officer' });
  await makeUser(h.db, town.id, ['secrecy_reviewer'], { username: 'secrecy' });
  await makeUser(h.db, town.id, ['publisher'], { username: 'clerk' });
  const officer = new Browser(h.app);
  await officer.login('officer');

  // Two registered on paper in February (one overdue by now, one due soon), one online still to confirm.
  const register = async (name: string, id: string, what: string, arrivedOn: string) =>
    officer.post('/staff/requests/new', { ...application(name, id, what), unit: String(town.id), channel: 'in_person', arrivedOn, confirmedOn: '' }, '/staff/requests/new');
  await register('王五', '110101198001010010', '2025年清河镇低保资金发放明细', '2026-01-29');
  await register('赵六', '110101198506120020', '清河镇2025年道路维修工程招标文件', '2026-01-20');
  const citizen = new Browser(h.app);
  await citizen.post('/ysqgk/apply', { ...application('李四', '110101199003074514', '清河镇幼儿园建设项目批复文件'), unit: String(town.id), checked: '1' }, '/ysqgk/apply');

  const home = (await officer.get('/staff')).body;
  const count = (label: string) => new RegExp(`<li class="(\\w+)"><a href="([^"]+)"><span class="count">(\\d+)</span><span class="label">${label}</span>`).exec(home);
  const overdue = count('已超过答复期限的申请')!;
  assert.deepEqual([overdue[1], overdue[2], overdue[3]], ['urgent', '/staff/requests?view=overdue', '1']);
  const soon = count('3个工作日内到期的申请')!;
  assert.deepEqual([soon[1], soon[3]], ['urgent', '1']);
  assert.equal(count('待确认收到的网上申请')![3], '1');
  assert.equal(count('待保密审查的信息'), null, 'not an officer’s queue');
  assert.ok(home.indexOf('已超过答复期限的申请') < home.indexOf('待确认收到的网上申请'), 'the pressing queues come first');

  // Each count opens its list: the same cases, with working days left or over.
  const over = (await officer.get('/staff/requests?view=overdue')).body;
  assert.match(over, /赵六/);
  assert.doesNotMatch(over, /王五|李四/);
  // 2026-02-28 (a Saturday) is a make-up working day after the Spring Festival: 25, 26, 27, 28 February and 2 March.
  assert.match(over, /2026-02-24，已超期 5 个工作日/);
  const dueSoon = (await officer.get('/staff/requests?view=due_soon')).body;
  assert.match(dueSoon, /王五/);
  assert.match(dueSoon, /2026-03-04，剩 2 个工作日/);
  assert.match((await officer.get('/staff/requests?view=to_confirm')).body, /李四/);

  // Search by applicant or words of the request; sort by date received.
  const found = (await officer.get(`/staff/requests?view=all&q=${encodeURIComponent('道路维修')}`)).body;
  assert.match(found, /赵六/);
  assert.doesNotMatch(found, /王五|李四/);
  assert.match((await officer.get(`/staff/requests?view=all&q=${encodeURIComponent('王五')}`)).body, /王五/);
  const byReceived = (await officer.get('/staff/requests?view=open&sort=received')).body;
  assert.ok(byReceived.indexOf('王五') < byReceived.indexOf('赵六'), 'newest received first');
  const byDue = (await officer.get('/staff/requests?view=open')).body;
  assert.ok(byDue.indexOf('赵六') < byDue.indexOf('王五'), 'earliest due first');
  assert.match((await officer.get('/staff/requests?view=all&q=%25')).body, /没有符合条件的申请/, 'a % is a character, not a wildcard');

  // The secrecy reviewer's queue and link.
  const item = await draftItem(h.db, town.id, h.clock.now(), { title: '清河镇2026年春耕补贴发放公示' });
  const clerk = new Browser(h.app);
  await clerk.login('clerk');
  await clerk.post(`/staff/items/${item.itemId}/transition`, { name: 'submit' }, `/staff/items/${item.itemId}`);
  const secrecy = new Browser(h.app);
  await secrecy.login('secrecy');
  const shome = (await secrecy.get('/staff')).body;
  assert.match(shome, /<a href="\/staff\/items\?state=secrecy_review"><span class="count">1<\/span><span class="label">待保密审查的信息/);
  assert.match(shome, /<span class="count">1<\/span><span class="label">未读通知/);
  assert.match((await secrecy.get('/staff/items?state=secrecy_review')).body, /清河镇2026年春耕补贴发放公示/);
});
