import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageCache } from './pageCache.ts';
import type { Db } from './db.ts';

/** A database stand-in whose content version another node can move. */
function fakeDb() {
  const state = { version: 1, queries: 0, listeners: [] as (() => void)[] };
  const db = {
    kind: 'pglite',
    onWrite: (l: () => void) => state.listeners.push(l),
    query: async () => {
      state.queries++;
      return { rows: [{ version: state.version }], rowCount: 1 };
    },
  } as unknown as Db;
  return { db, state };
}

const page = (s: string) => ({ body: Buffer.from(s), etag: `"${s}"`, type: 'text/html' });

test('serves from memory until another node changes content, then within the staleness bound', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 0 });
  const { db, state } = fakeDb();
  const c = new PageCache(db, 1 << 20, 1000);
  await c.validate();
  c.set('/a', page('A1'), c.currentVersion());
  await c.validate();
  assert.equal(c.get('/a')?.etag, '"A1"');
  assert.equal(state.queries, 1, 'no query while fresh');
  state.version = 2; // another node published
  t.mock.timers.tick(500);
  await c.validate();
  assert.ok(c.get('/a'), 'still within the bound');
  t.mock.timers.tick(600);
  await c.validate();
  assert.equal(c.get('/a'), undefined, 'dropped after the bound');
});

test('a write on this node makes the next request re-check at once', async () => {
  const { db, state } = fakeDb();
  const c = new PageCache(db, 1 << 20, 60_000);
  await c.validate();
  c.set('/a', page('A1'), c.currentVersion());
  state.version = 2;
  state.listeners.forEach((l) => l());
  await c.validate();
  assert.equal(c.get('/a'), undefined);
});

test('a page rendered under an old version is not stored, and the byte budget evicts the least recently used', async () => {
  const { db } = fakeDb();
  const c = new PageCache(db, 50, 60_000);
  await c.validate();
  c.set('/old', page('x'), c.currentVersion() - 1);
  assert.equal(c.get('/old'), undefined);
  c.set('/1', page('1'.repeat(9)), c.currentVersion());
  c.set('/2', page('2'.repeat(9)), c.currentVersion());
  c.get('/1');
  for (let i = 3; i < 12; i++) c.set(`/${i}`, page(String(i).repeat(9).slice(0, 9)), c.currentVersion());
  assert.ok(c.stats().bytes <= 50);
  assert.equal(c.get('/2'), undefined, 'least recently used went first');
});
