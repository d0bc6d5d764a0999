/**
 * A lost query code is replaced through the contact given in the application: the code goes there (a real SMTP
 * server receives it), five wrong tries end it, the old query code stops working and the new one opens the case; the
 * answer does not reveal whether a case and contact match. An expired lookup sends the applicant back to the lookup.
 */
import { applicationFields } from '../../testing/applications.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { startSmtpServer } from '../../testing/smtp.ts';
import { deliverDue, transportsFrom } from '../notifications/index.ts';

test('a lost query code is replaced through the applicant’s e-mail, and only so', async (t) => {
  const smtp = await startSmtpServer();
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z', config: { baseUrl: 'https://gov.example.cn', mail: { smtpUrl: smtp.url, from: 'noreply@gov.example.cn' } } });
  t.after(async () => {
    await h.close();
    await smtp.close();
  });
  const town = await makeUnit(h.db, { kind: 'government', slug: 'qhz', code: '990102101', name: '清河镇人民政府', level: 'township' });
  const citizen = new Browser(h.app);
  const sent = await citizen.post(
    '/ysqgk/apply',
    {
      unit: String(town.id),
      checked: '1',
      ...applicationFields({ infoDescription: '清河镇幼儿园建设项目批复文件' }),
      email: 'LiSi@example.com',
    },
    '/ysqgk/apply',
  );
  const caseNo = /申请编号：<strong>(YSQ\d+)<\/strong>/.exec(sent.body)![1];
  const oldCode = /查询码：<strong>([A-Z0-9]{8})<\/strong>/.exec(sent.body)![1];
  const recoveries = async () => (await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE purpose = 'request.recovery'`)).rows[0].n;

  // An expired lookup (no cookie) goes to the lookup page with a reason, not to "not found".
  const stranger = new Browser(h.app);
  const expired = await stranger.get('/ysqgk/case');
  assert.equal(expired.statusCode, 303);
  assert.equal(expired.headers.location, '/ysqgk/status?expired=1');
  assert.match((await stranger.get('/ysqgk/status?expired=1')).body, /查询已超过一小时或已结束/);
  assert.match((await stranger.get('/ysqgk/status')).body, /href="\/ysqgk\/recover"/);

  // Wrong contact or unknown case: the same answer, and nothing sent.
  const wrong = await stranger.post('/ysqgk/recover', { caseNo, contact: 'someone@example.com' }, '/ysqgk/recover');
  const unknown = await stranger.post('/ysqgk/recover', { caseNo: 'YSQ2026999999', contact: 'lisi@example.com' }, '/ysqgk/recover');
  const notice = /如果申请编号和联系方式与申请时填写的一致，验证码已经发出/;
  assert.match(wrong.body, notice);
  assert.match(unknown.body, notice);
  assert.equal(await recoveries(), 0);
  const empty = await stranger.post('/ysqgk/recover', { caseNo: '', contact: '' }, '/ysqgk/recover');
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /请填写申请编号/);

  // The right e-mail (in any case of letters): a six-digit code arrives there.
  const code = async () => {
    await deliverDue(h.db, transportsFrom(h.config), h.clock.now());
    const mail = smtp.messages.filter((m) => /找回查询码的验证码/.test(m.subject ?? '')).at(-1)!;
    assert.equal((mail.to as { text: string }).text, 'LiSi@example.com');
    return /验证码：(\d{6})/.exec(mail.text ?? '')![1];
  };
  await citizen.post('/ysqgk/recover', { caseNo: caseNo.toLowerCase(), contact: ' lisi@EXAMPLE.com ' }, '/ysqgk/recover');
  const first = await code();
  // Five wrong tries end that code, even for the right one after them.
  for (let i = 0; i < 5; i++) {
    const bad = await citizen.post('/ysqgk/recover/verify', { caseNo, code: first === '000000' ? '111111' : '000000' }, '/ysqgk/recover');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /验证码不正确或已过期/);
  }
  assert.equal((await citizen.post('/ysqgk/recover/verify', { caseNo, code: first }, '/ysqgk/recover')).statusCode, 400);

  // A new code, used within its 15 minutes: a new query code, shown once; the old one no longer opens the case.
  await citizen.post('/ysqgk/recover', { caseNo, contact: 'lisi@example.com' }, '/ysqgk/recover');
  const second = await code();
  h.clock.advanceMs(14 * 60_000);
  const ok = await citizen.post('/ysqgk/recover/verify', { caseNo, code: second }, '/ysqgk/recover');
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.headers['cache-control'], 'no-store');
  const newCode = /新查询码：<strong>([A-Z0-9]{8})<\/strong>/.exec(ok.body)![1];
  assert.notEqual(newCode, oldCode);
  assert.equal((await citizen.get('/ysqgk/case')).statusCode, 200, 'the verified browser sees the case');
  const other = new Browser(h.app);
  assert.match((await other.post('/ysqgk/status', { caseNo, queryCode: oldCode }, '/ysqgk/status')).body, /申请编号或查询码不正确/);
  assert.equal((await other.post('/ysqgk/status', { caseNo, queryCode: newCode }, '/ysqgk/status')).headers.location, '/ysqgk/case');
  // A used code does not work twice; an expired one does not work at all.
  assert.equal((await other.post('/ysqgk/recover/verify', { caseNo, code: second }, '/ysqgk/recover')).statusCode, 400);
  await citizen.post('/ysqgk/recover', { caseNo, contact: 'lisi@example.com' }, '/ysqgk/recover');
  const third = await code();
  h.clock.advanceMs(16 * 60_000);
  assert.equal((await citizen.post('/ysqgk/recover/verify', { caseNo, code: third }, '/ysqgk/recover')).statusCode, 400);
  // At most three codes an hour go to one case (the three above were within the hour's window).
  h.clock.advanceMs(-16 * 60_000);
  const before = await recoveries();
  await citizen.post('/ysqgk/recover', { caseNo, contact: 'lisi@example.com' }, '/ysqgk/recover');
  assert.equal(await recoveries(), before);
  const audit = await h.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'request.re%' OR action = 'request.query_code_replaced' ORDER BY id`);
  assert.deepEqual(
    audit.rows.map((r) => r.action),
    ['request.recovery_code_sent', 'request.recovery_code_sent', 'request.query_code_replaced', 'request.recovery_code_sent'],
  );
});
