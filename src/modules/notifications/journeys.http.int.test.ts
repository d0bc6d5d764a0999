/**
 * Notifications wired to the work: an online application reaches the applicant (case number and query code, by
 * e-mail and SMS) and the unit's officers (inbox, and e-mail as chosen); letters and a stopped clock reach the
 * applicant; an online correction reaches the officers; a draft sent for 保密审查 reaches the secrecy reviewer. The
 * messages go through a real SMTP server and the SMS provider's API, each exactly once.
 */
import { applicationFields } from '../../testing/applications.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { draftItem } from '../../testing/items.ts';
import { startSmtpServer } from '../../testing/smtp.ts';
import { startSmsProvider } from '../../testing/smsProvider.ts';
import { deliverDue, transportsFrom } from './index.ts';

test('an application, its letters, its stopped clock and a correction notify the applicant and the officers', async (t) => {
  const smtp = await startSmtpServer();
  const provider = await startSmsProvider({ id: 'LTAI-t', secret: 's' });
  const h = await makeTestApp({
    now: '2026-03-02T02:00:00Z',
    config: {
      baseUrl: 'https://gov.example.cn',
      mail: { smtpUrl: smtp.url, from: '示范市 <noreply@gov.example.cn>' },
      sms: { endpoint: provider.endpoint, accessKeyId: 'LTAI-t', accessKeySecret: 's', signName: '示范市政务公开', templates: { 'request.received': 'SMS_100001' } },
    },
  });
  t.after(async () => {
    await h.close();
    await smtp.close();
    await provider.close();
  });
  const deliver = () => deliverDue(h.db, transportsFrom(h.config), h.clock.now());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const town = await makeUnit(h.db, { parentId: city.id, slug: 'qhz', code: '990102101', name: '清河镇人民政府', level: 'township', kind: 'government' });
  await makeUser(h.db, town.id, ['request_officer'], { username: 'officer' });
  await makeUser(h.db, town.id, ['publisher'], { username: 'clerk' });
  await makeUser(h.db, town.id, ['secrecy_reviewer'], { username: 'secrecy' });

  const officer = new Browser(h.app);
  await officer.login('officer');
  const bad = await officer.post('/staff/account/notifications', { email: '', kinds: ['request.received'] }, '/staff/account/notifications');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /要用邮件接收通知，请填写电子邮箱/);
  assert.match(bad.body, /value="request.received" checked/, 'the ticked kinds stay ticked');
  assert.equal(
    (await officer.post('/staff/account/notifications', { email: 'officer@qhz.example.cn', kinds: ['request.received', 'request.correction'] }, '/staff/account/notifications'))
      .statusCode,
    303,
  );

  const citizen = new Browser(h.app);
  const sent = await citizen.post(
    '/ysqgk/apply',
    {
      unit: String(town.id),
      checked: '1',
      ...applicationFields({ phone: '139-1234-5678', infoDescription: '2025年清河镇道路维修工程的招标文件和中标结果' }),
      email: 'lisi@example.com',
    },
    '/ysqgk/apply',
  );
  const caseNo = /申请编号：<strong>(YSQ\d+)<\/strong>/.exec(sent.body)![1];
  const code = /查询码：<strong>([A-Z0-9]{8})<\/strong>/.exec(sent.body)![1];
  const caseId = (await h.db.query<{ id: number }>('SELECT id::int FROM request_cases WHERE case_no = $1', [caseNo])).rows[0].id;

  // The officer's inbox shows it on the dashboard's inbox page; opening it goes to the case and marks it read.
  const inbox = (await officer.get('/staff/inbox')).body;
  assert.match(inbox, /（1 条未读）/);
  assert.match(inbox, new RegExp(`收到新的公开申请：${caseNo} 李四`));
  const entry = (await h.db.query<{ id: number }>('SELECT id::int FROM staff_notifications')).rows[0].id;
  const opened = await officer.post('/staff/inbox/read', { id: String(entry) }, '/staff/inbox');
  assert.equal(opened.headers.location, `/staff/requests/${caseId}`);
  assert.doesNotMatch((await officer.get('/staff/inbox')).body, /条未读/);

  // The officer confirms receipt (a receipt letter) and asks for a correction (a letter, and the clock stops).
  await officer.post(`/staff/requests/${caseId}/confirm`, { confirmedOn: '2026-03-02', how: '电话确认' }, `/staff/requests/${caseId}`);
  await officer.post(`/staff/requests/${caseId}/correction`, { onDate: '2026-03-02', items: '请说明所需招标文件的项目名称' }, `/staff/requests/${caseId}`);
  // The citizen corrects online: the officer hears of it.
  await citizen.post('/ysqgk/status', { caseNo, queryCode: code }, '/ysqgk/status');
  assert.equal((await citizen.post('/ysqgk/case/correction', { text: '项目名称：清河镇2025年道路维修工程' }, '/ysqgk/case')).statusCode, 200);
  assert.match((await officer.get('/staff/inbox')).body, new RegExp(`申请人已提交补正：${caseNo}`));

  const first = await deliver();
  assert.equal(first.failed, 0);
  assert.deepEqual(await deliver(), { sent: 0, retried: 0, failed: 0 }, 'nothing is sent twice');
  await smtp.waitFor(first.sent - 1);
  const to = (addr: string) => smtp.messages.filter((m) => (m.to as { text: string }).text === addr);
  const applicant = to('lisi@example.com').map((m) => m.subject);
  assert.equal(applicant[0], `政府信息公开申请已收到（${caseNo}）`);
  const received = to('lisi@example.com')[0].text ?? '';
  assert.match(received, new RegExp(`申请编号：${caseNo}`));
  assert.match(received, new RegExp(`查询码：${code}`));
  assert.match(received, /查询办理进度、查看文书：https:\/\/gov\.example\.cn\/ysqgk\/status/);
  assert.ok(
    applicant.some((s) => /补正告知书/.test(s ?? '')),
    `a letter for the correction notice: ${applicant.join(' | ')}`,
  );
  const stopped = to('lisi@example.com').find((m) => /答复期限有变化/.test(m.subject ?? ''));
  assert.match(stopped?.text ?? '', /答复期限暂停计算：等待您补正申请/);
  assert.deepEqual(
    to('officer@qhz.example.cn').map((m) => m.subject),
    [`【收到新的公开申请】${caseNo} 李四`, `【申请人已提交补正】${caseNo} 李四`],
  );
  // SMS only where the office configured an approved template: the receipt with the query code, to the mobile.
  assert.deepEqual(
    provider.sent.map((s) => [s.phone, s.template, s.params.caseNo, s.params.code]),
    [['13912345678', 'SMS_100001', caseNo, code]],
  );
  // The delivery record of the case lists every message with its state.
  const record = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE subject_type = 'request_case' AND subject_id = $1 AND state = 'sent'`, [
    String(caseId),
  ]);
  assert.equal(record.rows[0].n, to('lisi@example.com').length + provider.sent.length);

  // Publishing: a draft sent for 保密审查 reaches the secrecy reviewer, not the clerk who sent it.
  const clerk = new Browser(h.app);
  await clerk.login('clerk');
  const item = await draftItem(h.db, town.id, h.clock.now(), { title: '清河镇2026年春耕补贴发放公示' });
  await clerk.post(`/staff/items/${item.itemId}/transition`, { name: 'submit' }, `/staff/items/${item.itemId}`);
  const secrecy = new Browser(h.app);
  await secrecy.login('secrecy');
  assert.match((await secrecy.get('/staff/inbox')).body, /信息待保密审查：清河镇2026年春耕补贴发放公示/);
  assert.doesNotMatch((await clerk.get('/staff/inbox')).body, /春耕补贴/);
  // Another person's notification cannot be opened or marked.
  const theirs = (await h.db.query<{ id: number }>(`SELECT id::int FROM staff_notifications WHERE kind = 'item.secrecy_review'`)).rows[0].id;
  assert.equal((await clerk.post('/staff/inbox/read', { id: String(theirs) }, '/staff/inbox')).headers.location, '/staff/inbox');
  assert.equal((await h.db.query<{ read_at: Date | null }>('SELECT read_at FROM staff_notifications WHERE id = $1', [theirs])).rows[0].read_at, null);
});
