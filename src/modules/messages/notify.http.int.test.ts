/**
 * A message's writer hears of it by the e-mail they gave, through a real SMTP server: the case number and query code,
 * the transfer to the unit that now handles it, the extension with its reason, and the answer; a writer whose message
 * was merged hears of the same answer. The officers hear of new messages, transfers to decide, disputes, 差评 and due
 * dates in their inbox, each reminder once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { actorFor, makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { startSmtpServer } from '../../testing/smtp.ts';
import { deliverDue, transportsFrom } from '../notifications/index.ts';
import { decideTransfer, extendMessage, mergeMessage, messageContext, rateMessage, receiveMessage, remindMessagesDue, replyMessage, requestTransfer } from './index.ts';
import { splitContact } from '../notifications/index.ts';

test('the contact field gives an e-mail address, a mobile number, or both', () => {
  assert.deepEqual(splitContact('wang@example.cn'), { email: 'wang@example.cn' });
  assert.deepEqual(splitContact('139 1234 5678'), { phone: '139 1234 5678' });
  assert.deepEqual(splitContact('13912345678 wang@example.cn'), { email: 'wang@example.cn', phone: '13912345678' });
  assert.deepEqual(splitContact('+8613912345678；wang@example.cn'), { email: 'wang@example.cn', phone: '+8613912345678' });
  assert.deepEqual(splitContact('城东区光明路12号'), {});
});

test('the writer hears of receipt, transfer, extension and answer by e-mail; officers in their inbox', async (t) => {
  const smtp = await startSmtpServer();
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z', config: { baseUrl: 'https://gov.example.cn', mail: { smtpUrl: smtp.url, from: '示范市 <noreply@gov.example.cn>' } } });
  t.after(async () => {
    await h.close();
    await smtp.close();
  });
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const zjj = await makeUnit(h.db, { parentId: city.id, slug: 'zjj', code: '990100008', name: '示范市住房和城乡建设局', kind: 'department' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  await makeUser(h.db, zjj.id, ['message_officer'], { username: 'zclerk' });
  await makeUser(h.db, jyj.id, ['message_officer'], { username: 'jclerk' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  const z = await actorFor(h.db, 'zclerk');
  const j = await actorFor(h.db, 'jclerk');
  const ctx = () => messageContext(h.app.deps);
  const anon = { kind: 'anonymous' as const };
  const base = { unitId: zjj.id, type: 'complaint', category: '', area: '', body: '学校门口每天早上堵车。', writerName: '王芳', consentPublish: false };

  const first = await receiveMessage(h.db, anon, await ctx(), { ...base, title: '学校门口堵车', contact: 'wangfang@example.cn' });
  const repeat = await receiveMessage(h.db, anon, await ctx(), { ...base, title: '学校门口又堵了', contact: '13900001111 lisi@example.cn' });
  const silent = await receiveMessage(h.db, anon, await ctx(), { ...base, title: '没有留联系方式', contact: '' });
  await requestTransfer(h.db, z, await ctx(), first.id, jyj.id, '校园周边交通疏导由教育局牵头');
  const jBrowser = new Browser(h.app);
  await jBrowser.login('jclerk');
  assert.match((await jBrowser.get('/staff/inbox')).body, new RegExp(`其他单位转来留言，待接收：${first.caseNo} 学校门口堵车`));
  await decideTransfer(h.db, j, await ctx(), first.id, true, '');
  await assert.rejects(mergeMessage(h.db, z, await ctx(), repeat.id, first.caseNo), { code: 'FORBIDDEN' }, 'housing cannot merge into education’s message');
  // The owner now is education: it merges the repeat after the housing bureau transfers that one too.
  await requestTransfer(h.db, z, await ctx(), repeat.id, jyj.id, '同一事项');
  await decideTransfer(h.db, j, await ctx(), repeat.id, true, '');
  await mergeMessage(h.db, j, await ctx(), repeat.id, first.caseNo);
  await extendMessage(h.db, j, await ctx(), first.id, '需要会同交警部门现场调研');
  h.clock.advanceMs(2 * 86400_000);
  await replyMessage(h.db, j, await ctx(), first.id, '已协调交警在上下学时段派员疏导。');
  await rateMessage(h.db, await ctx(), first.caseNo, first.queryCode, { level: 1, tags: [], comment: '' });

  const sent = await deliverDue(h.db, transportsFrom(h.config), h.clock.now());
  assert.equal(sent.failed, 0);
  await smtp.waitFor(sent.sent);
  const to = (addr: string) => smtp.messages.filter((m) => (m.to as { text: string }).text === addr);
  const wang = to('wangfang@example.cn');
  assert.deepEqual(
    wang.map((m) => m.subject),
    [`留言已收到（${first.caseNo}）`, `留言 ${first.caseNo} 改由示范市教育局办理`, `留言 ${first.caseNo} 的答复期限延长`, `留言 ${first.caseNo} 已答复`],
  );
  assert.match(wang[0].text ?? '', new RegExp(`查询码：${first.queryCode}`));
  assert.match(wang[0].text ?? '', /查询办理进度和答复：https:\/\/gov\.example\.cn\/hdjl\/ly\/cx/);
  assert.match(wang[2].text ?? '', /理由：需要会同交警部门现场调研/);
  assert.deepEqual(
    to('lisi@example.cn').map((m) => m.subject),
    [`留言已收到（${repeat.caseNo}）`, `留言 ${repeat.caseNo} 改由示范市教育局办理`, `留言 ${repeat.caseNo} 已并入同一事项办理`, `留言 ${repeat.caseNo} 已答复`],
  );
  assert.equal((await h.db.query(`SELECT 1 FROM outbox_messages WHERE subject_type = 'message' AND subject_id = $1`, [String(silent.id)])).rows.length, 0);

  // Officers: new messages at housing, the 差评 at education; due reminders once each.
  const zBrowser = new Browser(h.app);
  await zBrowser.login('zclerk');
  const zInbox = (await zBrowser.get('/staff/inbox')).body;
  assert.match(zInbox, new RegExp(`收到新的留言：${silent.caseNo} 没有留联系方式`));
  await jBrowser.login('jclerk');
  assert.match((await jBrowser.get('/staff/inbox')).body, /留言答复被评为不满意，须整改/);
  h.clock.advanceMs(30 * 86400_000);
  const reminded = await remindMessagesDue(h.db, await ctx());
  assert.equal(reminded, 1, 'the one open message, overdue');
  assert.equal(await remindMessagesDue(h.db, await ctx()), 0, 'each reminder once');
  await zBrowser.login('zclerk');
  assert.match((await zBrowser.get('/staff/inbox')).body, new RegExp(`留言即将到期或已逾期：${silent.caseNo} 已逾期：没有留联系方式`));
});
