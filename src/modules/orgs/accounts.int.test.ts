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
