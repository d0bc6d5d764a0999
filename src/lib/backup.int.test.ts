import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backup, restore } from './backup.ts';
import { freshDb } from '../testing/harness.ts';
import { makeUnit } from '../testing/factories.ts';
import { draftItem } from '../testing/items.ts';
import type { Db } from './db.ts';

const tmpFile = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gk-backup-')), name);

/** Rows of a table as text, timestamps with their microseconds, in a stable order. */
async function rowsOf(db: Db, table: string, order: string, where = 'true') {
  return (await db.query<{ j: string }>(`SELECT row_to_json(x)::text AS j FROM (SELECT * FROM ${table} WHERE ${where} ORDER BY ${order}) x`)).rows.map((r) => r.j);
}

test('a backup taken while people write is one consistent snapshot; the restore equals it exactly', async (t) => {
  const src = await freshDb();
  const dst = await freshDb();
  t.after(async () => {
    await src.drop();
    await dst.drop();
  });
  const unit = await makeUnit(src.db, { kind: 'government', slug: 'city', code: '990100001' });
  await src.db.query(`INSERT INTO audit_log (at, actor_label, action, subject_type, subject_id) VALUES ('2026-03-02 02:00:00.123456+00', 't', 'test.micro', 'x', '1')`);
  // JSON arrays and objects (an e-mail's links, an SMS's parameters) survive on either engine.
  await src.db.query(
    `INSERT INTO outbox_messages (channel, recipient, body, sms_params, links, purpose, next_attempt_at, created_at) VALUES ('email', 'a@example.cn', 'x', '{"code":"1"}', '[{"label":"查询","url":"/ysqgk/status"}]', 'test', now(), now())`,
  );
  for (let i = 0; i < 30; i++) await draftItem(src.db, unit.id, new Date(Date.UTC(2026, 2, 2, 2, 0, 0, i)), { title: `写入前的草稿 ${i}` });
  // Writers keep creating items (each one transaction over several tables) for the whole backup.
  let writing = true;
  let written = 0;
  const writers = [1, 2].map(async (w) => {
    while (writing) {
      await draftItem(src.db, unit.id, new Date(), { title: `备份期间写入 ${w}-${written}` });
      written++;
      // Requests arrive through I/O; the embedded engine answers without yielding, so a writer yields here as one would.
      await new Promise((r) => setImmediate(r));
    }
  });
  const file = tmpFile('under-load.jsonl.gz');
  let n: number;
  try {
    n = await backup(src.db, file);
  } finally {
    writing = false;
    await Promise.all(writers);
  }
  assert.ok(written > 0, 'writes went on during the backup');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'only the owner may read the file');
  await restore(dst.db, file);
  // The restore holds exactly the rows the snapshot held: for each table, the source rows with the restored ids.
  for (const [table, order, key] of [
    ['information_items', 'id', 'id'],
    ['item_versions', 'id', 'id'],
    ['item_events', 'id', 'id'],
    ['audit_log', 'id', 'id'],
  ] as const) {
    const ids = (await dst.db.query<{ id: number }>(`SELECT ${key} AS id FROM ${table}`)).rows.map((r) => Number(r.id));
    assert.ok(ids.length > 0, table);
    assert.deepEqual(await rowsOf(dst.db, table, order), await rowsOf(src.db, table, order, `${key} = ANY(ARRAY[${ids.join(',')}]::bigint[])`), table);
  }
  const restoredItems = (await dst.db.query<{ n: number }>('SELECT count(*)::int AS n FROM information_items')).rows[0].n;
  const sourceItems = (await src.db.query<{ n: number }>('SELECT count(*)::int AS n FROM information_items')).rows[0].n;
  assert.ok(restoredItems >= 30 && restoredItems < sourceItems, `snapshot ${restoredItems} of ${sourceItems} items`);
  assert.ok(n > 0);
  const micro = (await dst.db.query<{ at: string }>(`SELECT to_char(at AT TIME ZONE 'UTC', 'HH24:MI:SS.US') AS at FROM audit_log WHERE action = 'test.micro'`)).rows[0].at;
  assert.equal(micro, '02:00:00.123456', 'microseconds survive the round trip');
  const json = (await dst.db.query<{ links: unknown; sms_params: unknown }>(`SELECT links, sms_params FROM outbox_messages`)).rows[0];
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  assert.deepEqual(parse(json.links), [{ label: '查询', url: '/ysqgk/status' }]);
  assert.deepEqual(parse(json.sms_params), { code: '1' });
});

test('an encrypted backup restores only with its key; a cut or altered file restores nothing', async (t) => {
  const src = await freshDb();
  t.after(() => src.drop());
  await makeUnit(src.db, { kind: 'government', slug: 'city', code: '990100001' });
  const file = tmpFile('secret.gkbak');
  const key = 'a long passphrase for backups';
  await backup(src.db, file, undefined, { key });
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 11).toString(), 'GKBAK-ENC1\n');
  assert.equal(bytes.includes(Buffer.from('990100001')), false);
  for (const attempt of [undefined, 'the wrong passphrase!!']) {
    const dst = await freshDb();
    await assert.rejects(restore(dst.db, file, undefined, { key: attempt }), /口令|加密|解密/);
    assert.equal((await dst.db.query<{ n: number }>('SELECT count(*)::int AS n FROM units')).rows[0].n, 0, 'nothing written');
    await dst.drop();
  }
  const altered = tmpFile('altered.gkbak');
  const copy = Buffer.from(bytes);
  copy[copy.length - 40] ^= 0xff;
  fs.writeFileSync(altered, copy);
  const dst = await freshDb();
  t.after(() => dst.drop());
  await assert.rejects(restore(dst.db, altered, undefined, { key }));
  assert.equal((await dst.db.query<{ n: number }>('SELECT count(*)::int AS n FROM units')).rows[0].n, 0);
  await restore(dst.db, file, undefined, { key });
  assert.equal((await dst.db.query<{ n: number }>('SELECT count(*)::int AS n FROM units')).rows[0].n, 1);
});

test('a plain backup cut short restores nothing', async (t) => {
  const src = await freshDb();
  const dst = await freshDb();
  t.after(async () => {
    await src.drop();
    await dst.drop();
  });
  const unit = await makeUnit(src.db, { kind: 'government', slug: 'city', code: '990100001' });
  for (let i = 0; i < 5; i++) await draftItem(src.db, unit.id, new Date(), { title: `草稿 ${i}` });
  const file = tmpFile('full.jsonl.gz');
  await backup(src.db, file);
  const zlib = await import('node:zlib');
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString().trim().split('\n');
  const cut = tmpFile('cut.jsonl.gz');
  fs.writeFileSync(cut, zlib.gzipSync(lines.slice(0, -1).join('\n') + '\n'));
  await assert.rejects(restore(dst.db, cut), /不完整/);
  const dropped = tmpFile('dropped.jsonl.gz');
  fs.writeFileSync(dropped, zlib.gzipSync([...lines.slice(0, 3), ...lines.slice(4)].join('\n') + '\n'));
  await assert.rejects(restore(dst.db, dropped), /校验不符/);
  assert.equal((await dst.db.query<{ n: number }>('SELECT count(*)::int AS n FROM units')).rows[0].n, 0);
});

test('the audit log is a hash chain: verify finds an entry changed or removed behind the append-only trigger, and a restore keeps the chain', async (t) => {
  const { verifyAuditChain } = await import('./auditChain.ts');
  const src = await freshDb();
  const dst = await freshDb();
  t.after(async () => {
    await src.drop();
    await dst.drop();
  });
  const unit = await makeUnit(src.db, { kind: 'government', slug: 'city', code: '990100001' });
  for (let i = 0; i < 5; i++) await draftItem(src.db, unit.id, new Date(), { title: `草稿 ${i}` });
  const good = await verifyAuditChain(src.db);
  assert.equal(good.ok, true);
  assert.ok(good.entries >= 6);
  const file = tmpFile('chain.jsonl.gz');
  await backup(src.db, file);
  await restore(dst.db, file);
  assert.deepEqual(await verifyAuditChain(dst.db), good, 'the restored chain is the same chain');
  await draftItem(dst.db, unit.id, new Date(), { title: '恢复后的新草稿' });
  assert.equal((await verifyAuditChain(dst.db)).ok, true, 'and it goes on after a restore');
  // Someone with the database itself edits an entry behind the trigger.
  await src.db.exec(
    `ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; UPDATE audit_log SET actor_label = '他人' WHERE seq = 3; ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`,
  );
  const edited = await verifyAuditChain(src.db);
  assert.equal(edited.ok, false);
  assert.equal(edited.broken?.seq, 3);
  assert.match(edited.broken?.reason ?? '', /改动/);
  await src.db.exec(
    `ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; DELETE FROM audit_log WHERE seq = 3; ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`,
  );
  assert.equal((await verifyAuditChain(src.db)).broken?.seq, 3);
});
