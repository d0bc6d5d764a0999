/**
 * The outbox against a real SMTP server and a local server implementing the SMS provider's API: a message exists
 * only if its transaction committed; it is sent exactly once though the node that claimed it died; failures are
 * retried with backoff and a permanent refusal ends it; every message keeps its record.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb } from '../../testing/harness.ts';
import { startSmtpServer } from '../../testing/smtp.ts';
import { startSmsProvider } from '../../testing/smsProvider.ts';
import { fixedClock } from '../../lib/clock.ts';
import { deliverDue, enqueueEmail, enqueueSms, MAX_ATTEMPTS, retryDelayMs, type OutboxMessage } from './outbox.ts';
import { aliyunSmsTransport, smtpTransport } from './transports.ts';

test('retry delays grow from a minute to half a day, about a day in all', () => {
  assert.equal(retryDelayMs(1), 60_000);
  assert.equal(retryDelayMs(2), 300_000);
  assert.equal(retryDelayMs(99), 12 * 3600_000);
  let total = 0;
  for (let a = 1; a < MAX_ATTEMPTS; a++) total += retryDelayMs(a);
  assert.ok(total > 20 * 3600_000 && total < 26 * 3600_000, `${total / 3600_000} hours`);
});

test('e-mail: committed once, sent once, though the node that claimed it died', async (t) => {
  const { db, drop } = await freshDb();
  const smtp = await startSmtpServer();
  t.after(async () => {
    await smtp.close();
    await drop();
  });
  const clock = fixedClock('2026-03-02T02:00:00Z');
  const email = { email: smtpTransport(smtp.url, '示范市 <noreply@gov.example.cn>', '示范市人民政府', 'https://gov.example.cn') };

  // A change that rolls back takes its message with it.
  await assert.rejects(
    db.transaction(async (tx) => {
      await enqueueEmail(tx, clock.now(), { to: 'a@example.cn', subject: '不应发出', body: '回滚', purpose: 'test' });
      throw new Error('the change failed');
    }),
  );
  assert.equal((await db.query('SELECT 1 FROM outbox_messages')).rows.length, 0);

  // Committed; the node that would send it is gone before it does (nothing ran). Another node sends it, once.
  const id = await db.transaction((tx) =>
    enqueueEmail(tx, clock.now(), {
      to: 'applicant@example.cn',
      subject: '申请已收到',
      body: '申请编号 YSQ-2026-00001',
      links: [{ label: '查询', url: '/ysqgk/status' }],
      purpose: 'request.received',
      subjectType: 'request_case',
      subjectId: 1,
    }),
  );
  assert.deepEqual(await deliverDue(db, email, clock.now()), { sent: 1, retried: 0, failed: 0 });
  assert.deepEqual(await deliverDue(db, email, clock.now()), { sent: 0, retried: 0, failed: 0 });
  await smtp.waitFor(1);
  assert.equal(smtp.messages.length, 1);
  const m = smtp.messages[0];
  assert.equal(m.subject, '申请已收到');
  assert.match(m.text ?? '', /申请编号 YSQ-2026-00001/);
  assert.match(m.text ?? '', /查询：https:\/\/gov\.example\.cn\/ysqgk\/status/);
  assert.equal(m.messageId, `<outbox-${id}@gov.example.cn>`);
  assert.equal((m.to as { text: string }).text, 'applicant@example.cn');

  // A node claims a message and dies mid-send (its send never returns). Until its lease ends nobody else sends it;
  // then another node does, once.
  await enqueueEmail(db, clock.now(), { to: 'b@example.cn', subject: '第二封', body: '正文', purpose: 'test' });
  let hung = false;
  const dying = { email: (_m: OutboxMessage) => ((hung = true), new Promise<string>(() => undefined)) };
  void deliverDue(db, dying, clock.now());
  while (!hung) await new Promise((r) => setImmediate(r));
  assert.deepEqual(await deliverDue(db, email, clock.now()), { sent: 0, retried: 0, failed: 0 }, 'still leased');
  clock.advanceMs(121_000);
  assert.deepEqual(await deliverDue(db, email, clock.now()), { sent: 1, retried: 0, failed: 0 });
  await smtp.waitFor(2);
  assert.equal(smtp.messages.filter((x) => x.subject === '第二封').length, 1);
  const rec = (await db.query<{ state: string; attempts: number; sent_at: Date }>(`SELECT state, attempts, sent_at FROM outbox_messages WHERE subject = '第二封'`)).rows[0];
  assert.equal(rec.state, 'sent');
  assert.equal(rec.attempts, 2, 'the dead attempt is counted');
});

test('e-mail: a temporary refusal is retried with backoff; a permanent one ends the message', async (t) => {
  const { db, drop } = await freshDb();
  const smtp = await startSmtpServer();
  t.after(async () => {
    await smtp.close();
    await drop();
  });
  const clock = fixedClock('2026-03-02T02:00:00Z');
  const email = { email: smtpTransport(smtp.url, 'noreply@gov.example.cn', '示范市', 'https://gov.example.cn') };
  await enqueueEmail(db, clock.now(), { to: 'c@example.cn', subject: '重试', body: '正文', purpose: 'test' });
  smtp.refuseNext(2, 451);
  assert.deepEqual(await deliverDue(db, email, clock.now()), { sent: 0, retried: 1, failed: 0 });
  assert.deepEqual(await deliverDue(db, email, clock.now()), { sent: 0, retried: 0, failed: 0 }, 'not before its time');
  clock.advanceMs(60_000);
  assert.deepEqual(await deliverDue(db, email, clock.now()), { sent: 0, retried: 1, failed: 0 });
  clock.advanceMs(299_000);
  assert.deepEqual(await deliverDue(db, email, clock.now()), { sent: 0, retried: 0, failed: 0 });
  clock.advanceMs(1000);
  assert.deepEqual(await deliverDue(db, email, clock.now()), { sent: 1, retried: 0, failed: 0 });
  assert.equal(smtp.messages.length, 1);
  const rec = (await db.query<{ attempts: number; last_error: string }>(`SELECT attempts, last_error FROM outbox_messages`)).rows[0];
  assert.equal(rec.attempts, 3);
  assert.equal(rec.last_error, '');

  await enqueueEmail(db, clock.now(), { to: 'nobody@example.cn', subject: '退信', body: '正文', purpose: 'test' });
  smtp.refuseNext(1, 550);
  assert.deepEqual(await deliverDue(db, email, clock.now()), { sent: 0, retried: 0, failed: 1 });
  const failed = (await db.query<{ state: string; last_error: string }>(`SELECT state, last_error FROM outbox_messages WHERE subject = '退信'`)).rows[0];
  assert.equal(failed.state, 'failed');
  assert.match(failed.last_error, /550|mailbox unavailable/);

  // Without a transport for the channel, messages wait unclaimed.
  await enqueueSms(db, clock.now(), { to: '13800138000', template: 'SMS_1', params: {}, body: '短信', purpose: 'test' });
  assert.deepEqual(await deliverDue(db, email, clock.now()), { sent: 0, retried: 0, failed: 0 });
  assert.equal((await db.query<{ attempts: number }>(`SELECT attempts FROM outbox_messages WHERE channel = 'sms'`)).rows[0].attempts, 0);
});

test('SMS: signed requests to the provider API; an illegal number fails for good', async (t) => {
  const { db, drop } = await freshDb();
  const keys = { id: 'LTAI-test', secret: 'test-secret' };
  const provider = await startSmsProvider(keys);
  t.after(async () => {
    await provider.close();
    await drop();
  });
  const clock = fixedClock('2026-03-02T02:00:00Z');
  const sms = aliyunSmsTransport({ endpoint: provider.endpoint, accessKeyId: keys.id, accessKeySecret: keys.secret, signName: '示范市政务公开', templates: {} });
  await enqueueSms(db, clock.now(), { to: '13800138000', template: 'SMS_200001', params: { caseNo: 'YSQ-2026-00001' }, body: '您的申请已收到', purpose: 'request.received' });
  await enqueueSms(db, clock.now(), { to: '12345', template: 'SMS_200001', params: { caseNo: 'YSQ-2026-00002' }, body: '您的申请已收到', purpose: 'request.received' });
  assert.deepEqual(await deliverDue(db, { sms }, clock.now()), { sent: 1, retried: 0, failed: 1 });
  assert.deepEqual(
    provider.sent.map((s) => [s.phone, s.template, s.params.caseNo, s.signName]),
    [['13800138000', 'SMS_200001', 'YSQ-2026-00001', '示范市政务公开']],
  );
  const rows = (
    await db.query<{ recipient: string; state: string; provider_id: string; last_error: string }>(
      'SELECT recipient, state, provider_id, last_error FROM outbox_messages ORDER BY id',
    )
  ).rows;
  assert.equal(rows[0].provider_id, provider.sent[0].bizId);
  assert.equal(rows[1].state, 'failed');
  assert.match(rows[1].last_error, /isv\.MOBILE_NUMBER_ILLEGAL/);

  // A wrong key secret is refused by the provider and retried later (a configuration error the office can fix).
  const wrong = aliyunSmsTransport({ endpoint: provider.endpoint, accessKeyId: keys.id, accessKeySecret: 'wrong', signName: '示范市政务公开', templates: {} });
  await enqueueSms(db, clock.now(), { to: '13900139000', template: 'SMS_200001', params: {}, body: 'x', purpose: 'test' });
  assert.deepEqual(await deliverDue(db, { sms: wrong }, clock.now()), { sent: 0, retried: 1, failed: 0 });
  assert.match((await db.query<{ last_error: string }>(`SELECT last_error FROM outbox_messages WHERE recipient = '13900139000'`)).rows[0].last_error, /SignatureDoesNotMatch/);
});
