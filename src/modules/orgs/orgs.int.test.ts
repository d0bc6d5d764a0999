import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { TEST_PASSWORD } from '../../testing/factories.ts';

test('health and readiness answer without a session', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const r = await h.app.inject('/healthz');
  assert.equal(r.statusCode, 200);
  const ready = await h.app.inject('/readyz');
  assert.equal(ready.statusCode, 200);
  assert.equal(ready.json().status, 'ready');
});

test('staff sign in, reach the workbench, and sign out everywhere', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const city = await makeUnit(h.db, { level: 'city', kind: 'government' });
  const u = await makeUser(h.db, city.id, ['publisher']);
  const b = new Browser(h.app);
  const anon = await b.get('/staff');
  assert.equal(anon.statusCode, 302);
  assert.match(anon.headers.location as string, /^\/login\?next=/);
  await b.login(u.username);
  const home = await b.get('/staff');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /信息发布员/);
  assert.equal(home.headers['cache-control'], 'no-store');
  const second = new Browser(h.app);
  await second.login(u.username);
  const out = await b.post('/logout', { everywhere: '1' }, '/staff');
  assert.equal(out.statusCode, 303);
  assert.equal((await second.get('/staff')).statusCode, 302, 'the other session ended too');
  const audit = await h.db.query<{ action: string }>('SELECT action FROM audit_log ORDER BY id');
  assert.ok(audit.rows.some((r) => r.action === 'auth.logout_everywhere'));
});

test('a wrong password re-renders the form with the username kept and an error, and locks after five tries', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const city = await makeUnit(h.db);
  const u = await makeUser(h.db, city.id, ['reviewer']);
  const b = new Browser(h.app);
  for (let i = 1; i <= 4; i++) {
    const r = await b.post('/login', { username: u.username, password: 'wrong-password' }, '/login');
    assert.equal(r.statusCode, 401);
    assert.match(r.body, /用户名或密码不正确/);
    assert.match(r.body, new RegExp(`value="${u.username}"`));
  }
  const fifth = await b.post('/login', { username: u.username, password: 'wrong-password' }, '/login');
  assert.equal(fifth.statusCode, 423);
  const right = await b.post('/login', { username: u.username, password: TEST_PASSWORD }, '/login');
  assert.equal(right.statusCode, 423, 'locked even with the right password');
  h.clock.advanceMs(16 * 60_000);
  assert.equal((await b.post('/login', { username: u.username, password: TEST_PASSWORD }, '/login')).statusCode, 303);
});

test('an unknown user gets the same answer as a wrong password', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const r = await new Browser(h.app).post('/login', { username: 'nobody', password: 'whatever-123' }, '/login');
  assert.equal(r.statusCode, 401);
  assert.match(r.body, /用户名或密码不正确/);
});

test('a form post without the CSRF token is refused and changes nothing', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const city = await makeUnit(h.db);
  const u = await makeUser(h.db, city.id, ['publisher']);
  const r = await h.app.inject({
    method: 'POST',
    url: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `username=${u.username}&password=${TEST_PASSWORD}`,
  });
  assert.equal(r.statusCode, 403);
  assert.match(r.body, /CSRF_INVALID/);
  const s = await h.db.query('SELECT 1 FROM sessions');
  assert.equal(s.rows.length, 0);
});

test('the audit log refuses updates and deletes', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  await makeUnit(h.db);
  await assert.rejects(h.db.query('DELETE FROM audit_log'), /append-only/);
  await assert.rejects(h.db.query(`UPDATE audit_log SET action = 'x'`), /append-only/);
});

test('an office administrator edits the guide contact data of a unit in the subtree, not elsewhere', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government' });
  const dept = await makeUnit(h.db, { parentId: city.id });
  const other = await makeUnit(h.db);
  const admin = await makeUser(h.db, dept.id, ['office_admin']);
  const b = new Browser(h.app);
  await b.login(admin.username);
  const fields = {
    code: dept.code,
    creditCode: '',
    name: dept.name,
    shortName: '测试',
    officeName: '办公室',
    address: '人民路1号',
    officeHours: '工作日 9:00-17:00',
    phone: '0000-12345678',
    fax: '',
    webContact: '',
    email: 'bad-email',
    postcode: '',
    guideText: '',
  };
  const bad = await b.post(`/staff/units/${dept.id}/edit`, fields);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /电子邮箱格式不正确/);
  assert.match(bad.body, /人民路1号/, 'values kept');
  const stored = await h.db.query<{ address: string }>('SELECT address FROM units WHERE id = $1', [dept.id]);
  assert.equal(stored.rows[0].address, '', 'nothing written');
  const ok = await b.post(`/staff/units/${dept.id}/edit`, { ...fields, email: 'gk@example.gov.cn' });
  assert.equal(ok.statusCode, 303);
  assert.equal((await b.get(`/staff/units/${other.id}/edit`)).statusCode, 403);
});

test('user creation validates input and is limited to the administrator subtree', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government' });
  const dept = await makeUnit(h.db, { parentId: city.id });
  const admin = await makeUser(h.db, dept.id, ['office_admin']);
  const b = new Browser(h.app);
  await b.login(admin.username);
  const bad = await b.post('/staff/users', { username: 'X!', displayName: '', unitId: String(dept.id), password: 'short', roles: 'publisher' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /用户名为3至40位/);
  assert.match(bad.body, /密码至少10位/);
  const outside = await b.post('/staff/users', { username: 'outsider', displayName: '某', unitId: String(city.id), password: 'Long-Enough-Pass-9', roles: 'publisher' });
  assert.equal(outside.statusCode, 403);
  const ok = await b.post('/staff/users', {
    username: 'newpub',
    displayName: '新发布员',
    unitId: String(dept.id),
    password: 'Long-Enough-Pass-9',
    roles: ['publisher', 'reviewer'],
  });
  assert.equal(ok.statusCode, 303);
  const roles = await h.db.query<{ role: string }>(`SELECT role FROM role_assignments ra JOIN users u ON u.id = ra.user_id WHERE u.username = 'newpub' ORDER BY role`);
  assert.deepEqual(
    roles.rows.map((r) => r.role),
    ['publisher', 'reviewer'],
  );
});

test('reading preferences switch to Traditional Chinese and large text through links that work without JavaScript', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const b = new Browser(h.app);
  const r = await b.get('/prefs?script=hant&view=large&back=%2Flogin');
  assert.equal(r.statusCode, 302);
  assert.equal(r.headers.location, '/login');
  const page = await b.get('/login');
  assert.match(page.body, /工作人員登錄/);
  assert.match(page.body, /<html lang="zh-Hant" class="large">/);
  const evil = await b.get('/prefs?script=hans&back=%2F%2Fevil.example');
  assert.equal(evil.headers.location, '/');
});
