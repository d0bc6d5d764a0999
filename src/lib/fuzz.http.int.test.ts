/**
 * Hostile bodies against every write route the app registers (JSON API and forms alike): malformed JSON, a body over
 * the limit, NUL bytes, lone surrogates, deep nesting, wrong types. Each answer is a 4xx with a stable code (JSON) or
 * an error page (forms), never a 5xx, and no table gains or loses a row. A route added later is covered by itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../testing/harness.ts';
import { makeUnit, makeUser } from '../testing/factories.ts';
import { draftItem } from '../testing/items.ts';
import { Browser } from '../testing/http.ts';
import { createApiToken } from '../modules/orgs/commands/createApiToken.ts';
import { BACKUP_TABLES } from './backup.ts';
import { ErrorCodes } from './errors.ts';

async function counts(db: Awaited<ReturnType<typeof makeTestApp>>['db']) {
  const out: Record<string, number> = {};
  // A failed sign-in is recorded on purpose (auth.* entries and their chain link); nothing else may be written.
  for (const t of BACKUP_TABLES) {
    if (t.name === 'audit_chain') continue;
    const where = t.name === 'audit_log' ? ` WHERE action NOT LIKE 'auth.%'` : '';
    out[t.name] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t.name}${where}`)).rows[0].n;
  }
  return out;
}

test('every write route answers hostile bodies with a 4xx and writes nothing', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  await makeUser(h.db, city.id, ['system_admin', 'office_admin', 'publisher', 'reviewer', 'secrecy_reviewer', 'request_officer'], { username: 'all' });
  const item = await draftItem(h.db, city.id, h.clock.now());
  const token = (await createApiToken(h.db, { kind: 'system', label: 't' }, { unitId: city.id, name: 'OA', scopes: ['items:write', 'items:publish', 'requests:write'] })).token;
  const b = new Browser(h.app);
  await b.login('all');
  const csrf = await b.csrf('/staff');
  const cookie = () => [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  // Signing out and resetting the signed-in user's password take no input: their effect is the action itself (and would
  // end the session the sweep runs in).
  const routes = h.app.routeList.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.url !== '/logout' && !r.url.endsWith('/reset'));
  assert.ok(routes.length > 40, `${routes.length} write routes`);
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  const bodies: { name: string; type: string; payload: string | Buffer }[] = [
    { name: 'malformed JSON', type: 'application/json', payload: '{"title": "未闭合' },
    { name: 'JSON with NUL', type: 'application/json', payload: '{"title":"a\\u0000b","reason":"x\\u0000","unitId":1}' },
    { name: 'JSON with a lone surrogate', type: 'application/json', payload: '{"title":"\\ud800","reason":"\\udfff"}' },
    { name: 'deeply nested JSON', type: 'application/json', payload: `{"title":${deep}}` },
    { name: 'wrong types', type: 'application/json', payload: '{"title":["a"],"unit":{"x":1},"onDate":12,"publish":"yes"}' },
    { name: 'body over the limit', type: 'application/json', payload: Buffer.alloc(3 * 1024 * 1024, 0x61) },
    { name: 'form with NUL', type: 'application/x-www-form-urlencoded', payload: `_csrf=${csrf}&title=%00&name=%00&reason=%00&username=%00` },
    // (A lone surrogate cannot travel URL-encoded in UTF-8: %ED%A0%80 arrives as U+FFFD; JSON carries it above.)
    { name: 'form over the limit', type: 'application/x-www-form-urlencoded', payload: `_csrf=${csrf}&title=${'a'.repeat(3 * 1024 * 1024)}` },
  ];
  const before = await counts(h.db);
  const failures: string[] = [];
  const known = new Set<string>(Object.values(ErrorCodes));
  for (const r of routes) {
    const url = r.url.replace(':id', String(item.itemId)).replace(/:[a-zA-Z]+/g, 'x');
    for (const body of bodies) {
      const res = await h.app.inject({
        method: r.method as 'POST',
        url,
        headers: { 'content-type': body.type, cookie: cookie(), ...(url.startsWith('/api/') ? { authorization: `Bearer ${token}` } : {}) },
        payload: body.payload,
      });
      const where = `${r.method} ${r.url} ← ${body.name}: ${res.statusCode}`;
      if (res.statusCode >= 500) failures.push(`${where} ${res.body.slice(0, 200)}`);
      else if (res.statusCode < 400 && res.statusCode !== 303 && res.statusCode !== 200) failures.push(where);
      else if (/^\/api\/(3\/)?action\//.test(url) && res.statusCode >= 400) {
        // The CKAN Action API keeps CKAN's contract: its error envelope, or CKAN's bare "Bad request" string.
        const body = res.json() as { success?: boolean; error?: { __type?: string } } | string;
        if (typeof body === 'string' ? !body.startsWith('Bad request') : body.success !== false || !body.error?.__type)
          failures.push(`${where} not CKAN's error ${res.body.slice(0, 100)}`);
      } else if (url.startsWith('/api/') && res.statusCode >= 400) {
        const code = (res.json() as { error?: { code?: string } }).error?.code;
        if (!code || !known.has(code)) failures.push(`${where} unknown code ${code}`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.equal((await b.get('/staff')).statusCode, 200, 'the sweep ran signed in throughout');
  const after = await counts(h.db);
  const written = await h.db.query<{ action: string; subject_id: string; details: unknown }>(
    `SELECT action, subject_id, details FROM audit_log WHERE action NOT LIKE 'auth.%' ORDER BY id DESC LIMIT 3`,
  );
  assert.deepEqual(after, before, `no table gained or lost a row; latest entries: ${JSON.stringify(written.rows)}`);
});
