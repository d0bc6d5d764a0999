import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { passwordProblem } from './passwordPolicy.ts';
import { createApiToken } from './commands/createApiToken.ts';

test('password rules: length, three kinds of character, no user name, not a common password', () => {
  assert.match(passwordProblem('Sh0rt!', 'zhang') ?? '', /至少10位/);
  assert.match(passwordProblem('alllowercaseletters', 'zhang') ?? '', /至少三种/);
  assert.match(passwordProblem('Zhang.san-2026', 'zhang.san') ?? '', /用户名/);
  assert.match(passwordProblem('Password123!', 'zhang') ?? '', /常见密码/);
  assert.match(passwordProblem('Qwerty12345', 'zhang') ?? '', /常见密码/);
  assert.equal(passwordProblem(TEST_PASSWORD, 'zhang'), null);
  assert.equal(passwordProblem('政务公开Gk2026平台', 'zhang'), null, 'Chinese characters count as the fourth kind');
});

async function setup(config = {}) {
  const h = await makeTestApp({ config });
  const unit = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  const admin = await makeUser(h.db, unit.id, ['system_admin'], { username: 'admin' });
  const pub = await makeUser(h.db, unit.id, ['publisher'], { username: 'pub' });
  return { h, unit, admin, pub };
}

test('a user changes their password: checked against the rules and the current one; other sessions end', async (t) => {
  const { h } = await setup();
  t.after(() => h.close());
  const phone = new Browser(h.app);
  await phone.login('pub');
  const desk = new Browser(h.app);
  await desk.login('pub');
  const csrfBefore = desk.cookies.get('gk_csrf');
  const wrong = await desk.post('/staff/account/password', { current: 'not-it', next: 'New-Password-2026x', confirm: 'New-Password-2026x' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /当前密码不正确/);
  const weak = await desk.post('/staff/account/password', { current: TEST_PASSWORD, next: 'password', confirm: 'password' });
  assert.match(weak.body, /至少10位/);
  const ok = await desk.post('/staff/account/password', { current: TEST_PASSWORD, next: 'New-Password-2026x', confirm: 'New-Password-2026x' });
  assert.equal(ok.statusCode, 303);
  assert.equal((await desk.get('/staff')).statusCode, 200, 'this session goes on');
  assert.equal((await phone.get('/staff')).statusCode, 302, 'the other session ended');
  assert.ok(csrfBefore, 'a CSRF cookie was set');
  const again = new Browser(h.app);
  await again.csrf('/login');
  const anonymousNonce = again.cookies.get('gk_csrf');
  await again.login('pub', 'New-Password-2026x');
  assert.notEqual(again.cookies.get('gk_csrf'), anonymousNonce, 'the CSRF nonce is new after sign-in');
  const logged = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.password_changed'`);
  assert.equal(logged.rows[0].n, 1);
});

test('an administrator resets a password (the user must change it first), disables and enables an account, revokes a token', async (t) => {
  const { h, unit, pub } = await setup();
  t.after(() => h.close());
  const admin = new Browser(h.app);
  await admin.login('admin');
  const user = new Browser(h.app);
  await user.login('pub');
  const reset = await admin.post(`/staff/users/${pub.id}/reset`, {}, `/staff/users/${pub.id}`);
  const temporary = /临时密码：<code>([^<]+)<\/code>/.exec(reset.body)?.[1];
  assert.ok(temporary, 'the temporary password is shown once');
  assert.equal((await user.get('/staff')).statusCode, 302, 'the reset ended the user’s session');
  const fresh = new Browser(h.app);
  await fresh.login('pub', temporary);
  const forced = await fresh.get('/staff/items');
  assert.equal(forced.statusCode, 302);
  assert.equal(forced.headers.location, '/staff/account/password');
  const blocked = await fresh.post('/staff/items', { title: 'x' }, '/staff/account/password');
  assert.equal(blocked.statusCode, 403);
  assert.match(blocked.body, /请先修改密码/);
  await fresh.post('/staff/account/password', { current: temporary, next: 'Chosen-By-Me-2026', confirm: 'Chosen-By-Me-2026' });
  assert.equal((await fresh.get('/staff/items')).statusCode, 200);

  const noReason = await admin.post(`/staff/users/${pub.id}/disable`, { reason: '' }, `/staff/users/${pub.id}`);
  assert.equal(noReason.statusCode, 400);
  assert.equal((await admin.post(`/staff/users/${pub.id}/disable`, { reason: '调离' }, `/staff/users/${pub.id}`)).statusCode, 303);
  assert.equal((await fresh.get('/staff')).statusCode, 302, 'disabling ends the sessions');
  const denied = await new Browser(h.app).post('/login', { username: 'pub', password: 'Chosen-By-Me-2026' }, '/login');
  assert.equal(denied.statusCode, 401, 'a disabled account cannot sign in, and is told nothing more');
  assert.equal((await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE username = 'pub'`)).rows[0].n, 1, 'never deleted');
  await admin.post(`/staff/users/${pub.id}/enable`, {}, `/staff/users/${pub.id}`);
  await new Browser(h.app).login('pub', 'Chosen-By-Me-2026');

  const token = await createApiToken(h.db, { kind: 'system', label: 't' }, { unitId: unit.id, name: 'OA', scopes: ['items:write'] });
  const call = () =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/items',
      headers: { authorization: `Bearer ${token.token}` },
      payload: { title: '令牌测试', section: 'a20_01', disclosure: 'proactive' },
    });
  assert.equal((await call()).statusCode, 201);
  assert.equal((await admin.post(`/staff/tokens/${token.id}/revoke`, {}, '/staff/tokens')).statusCode, 303);
  assert.equal((await call()).statusCode, 401);
  const actions = (await h.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'user.%' OR action LIKE 'token.%' ORDER BY id`)).rows.map((r) => r.action);
  for (const a of ['user.password_reset', 'user.password_changed', 'user.disabled', 'user.enabled', 'token.revoked']) assert.ok(actions.includes(a), a);
});

test('a session ends a fixed time after sign-in however busy it is; demo mode keeps demo passwords usable', async (t) => {
  const { h } = await setup({ sessionMaxHours: 12 });
  t.after(() => h.close());
  const b = new Browser(h.app);
  await b.login('pub');
  for (let hour = 1; hour <= 11; hour++) {
    h.clock.advanceMs(3600_000);
    assert.equal((await b.get('/staff')).statusCode, 200, `hour ${hour}`);
  }
  h.clock.advanceMs(3600_000 + 60_000);
  assert.equal((await b.get('/staff')).statusCode, 302, 'past twelve hours the session is over');

  const demo = await makeTestApp({ config: { seedDemo: true } });
  t.after(() => demo.close());
  const unit = await makeUnit(demo.db, { kind: 'government', slug: 'city', code: '990100001' });
  await makeUser(demo.db, unit.id, ['publisher'], { username: 'demo.pub' });
  await demo.db.query(`UPDATE users SET must_change_password = true WHERE username = 'demo.pub'`);
  const d = new Browser(demo.app);
  await d.login('demo.pub');
  assert.equal((await d.get('/staff/items')).statusCode, 200);
});

test('a second factor: enrolment by QR and code, sign-in asks for the code once, a code works once, administrators must enrol', async (t) => {
  const { currentCode } = await import('./totp.ts');
  const { h } = await setup({ requireAdminTotp: true });
  t.after(() => h.close());
  // An administrator without a second factor is sent to enrol before anything else.
  const admin = new Browser(h.app);
  await admin.login('admin');
  const sent = await admin.get('/staff/users');
  assert.equal(sent.statusCode, 302);
  assert.equal(sent.headers.location, '/staff/account/totp');
  assert.equal((await admin.post('/staff/users', { username: 'x' }, '/staff/account/totp')).statusCode, 403);
  const page = await admin.get('/staff/account/totp');
  assert.match(page.body, /<svg/);
  const secret = /密钥：<code>([A-Z2-7]+)<\/code>/.exec(page.body)?.[1];
  assert.ok(secret, 'the secret is shown for manual entry');
  const wrong = await admin.post('/staff/account/totp', { code: '000000' }, '/staff/account/totp');
  assert.equal(wrong.statusCode, 400);
  assert.equal((await admin.post('/staff/account/totp', { code: currentCode(secret, h.clock.now()) }, '/staff/account/totp')).statusCode, 303);
  assert.equal((await admin.get('/staff/users')).statusCode, 200);

  // Signing in now takes the password, then the code, in a second step that does not ask for the password again.
  h.clock.advanceMs(60_000);
  const b = new Browser(h.app);
  const first = await b.post('/login', { username: 'admin', password: TEST_PASSWORD }, '/login');
  assert.equal(first.statusCode, 401);
  const ticket = /name="ticket" value="([^"]+)"/.exec(first.body)?.[1];
  assert.ok(ticket);
  assert.doesNotMatch(first.body, /name="password"/);
  const code = currentCode(secret, h.clock.now());
  const second = await b.post('/login', { username: 'admin', ticket, code }, '/login');
  assert.equal(second.statusCode, 303);
  // The same code a second time is refused (a code is used once).
  const again = await new Browser(h.app).post('/login', { username: 'admin', password: TEST_PASSWORD, code }, '/login');
  assert.equal(again.statusCode, 401);
  assert.match(again.body, /不正确或已使用过/);
  // A ticket is good for five minutes.
  h.clock.advanceMs(6 * 60_000);
  const late = await new Browser(h.app).post('/login', { username: 'admin', ticket, code: currentCode(secret, h.clock.now()) }, '/login');
  assert.equal(late.statusCode, 401);
  assert.match(late.body, /登录已超时/);
  // Wrong codes count towards the lockout like wrong passwords.
  const c = new Browser(h.app);
  for (let i = 0; i < 4; i++) await c.post('/login', { username: 'admin', password: TEST_PASSWORD, code: '123456' }, '/login');
  const locked = await c.post('/login', { username: 'admin', password: TEST_PASSWORD, code: '123456' }, '/login');
  assert.equal(locked.statusCode, 423);
});
