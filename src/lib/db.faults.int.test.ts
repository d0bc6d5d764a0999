import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { isDbUnavailable } from './db.ts';
import { makeTestApp } from '../testing/harness.ts';
import { makeUnit } from '../testing/factories.ts';
import { createApiToken } from '../modules/orgs/commands/createApiToken.ts';

test('errors meaning "the database is not there right now" are told apart from bugs', () => {
  for (const e of [{ code: '57P01' }, { code: '08006' }, { code: 'ECONNREFUSED' }, { message: 'Connection terminated unexpectedly' }])
    assert.equal(isDbUnavailable(e), true, JSON.stringify(e));
  for (const e of [{ code: '23505' }, { code: '42P01' }, new TypeError('x'), null]) assert.equal(isDbUnavailable(e), false, JSON.stringify(e));
});

// Terminating server backends needs a PostgreSQL server: this test runs in the PostgreSQL pass of the suite
// (DATABASE_URL set), where .ci/run always runs it; the embedded database has no connections to drop.
if (process.env.DATABASE_URL) {
  test('the node survives the database dropping its connections under load, answers 503 meanwhile, and recovers', async (t) => {
    const h = await makeTestApp();
    t.after(() => h.close());
    const unit = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
    const token = (await createApiToken(h.db, { kind: 'system', label: 't' }, { unitId: unit.id, name: 'OA', scopes: ['items:write'] })).token;
    const dbName = (await h.db.query<{ d: string }>('SELECT current_database() AS d')).rows[0].d;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    t.after(() => admin.end());
    const statuses = new Map<number, number>();
    let running = true;
    const worker = async (n: number) => {
      for (let i = 0; running && i < 400; i++) {
        const res =
          i % 2
            ? await h.app.inject({
                method: 'POST',
                url: '/api/v1/items',
                headers: { authorization: `Bearer ${token}` },
                payload: { title: `负载测试 ${n}-${i}`, section: 'a20_01', disclosure: 'proactive' },
              })
            : await h.app.inject('/readyz');
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      }
    };
    const workers = [1, 2, 3, 4].map(worker);
    for (let k = 0; k < 5; k++) {
      await new Promise((r) => setTimeout(r, 150));
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]);
    }
    running = false;
    await Promise.all(workers);
    // Every answer was a success or a 503; nothing crashed the process (an unheard 'error' event would have).
    assert.deepEqual(
      [...statuses.keys()].filter((s) => ![200, 201, 503].includes(s)),
      [],
      JSON.stringify([...statuses]),
    );
    // And it recovers by itself.
    const after = await h.app.inject({
      method: 'POST',
      url: '/api/v1/items',
      headers: { authorization: `Bearer ${token}` },
      payload: { title: '恢复后的写入', section: 'a20_01', disclosure: 'proactive' },
    });
    assert.equal(after.statusCode, 201, after.body);
    assert.equal((await h.app.inject('/readyz')).statusCode, 200);
  });
}
