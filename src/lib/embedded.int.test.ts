import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { openDb } from './db.ts';
import { LOCK_FILE } from './embedded.ts';
import type { DiskSync } from './embedded.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gk-embedded-'));

// Only the embedded database has a data folder; with DATABASE_URL set these open PGlite all the same.
test('a data folder is opened by one process at a time: a CLI command beside a server is told what to do', async (t) => {
  const dir = tmp();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const db = await openDb({ dataDir: dir, purpose: 'gongkai serve（测试）' });
  await assert.rejects(openDb({ dataDir: dir }), { code: 'DATA_DIR_LOCKED', message: /正被另一个进程使用.*gongkai serve（测试）.*PostgreSQL/s });
  // Another process: the CLI exits non-zero with the same message and does not touch the folder.
  const cli = spawnSync(process.execPath, ['bin/gongkai.js', 'migrate'], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', GONGKAI_DATA_DIR: dir, LOG_LEVEL: 'silent' },
  });
  assert.equal(cli.status, 1);
  assert.match(cli.stderr, /DATA_DIR_LOCKED.*请先停止该服务/);
  await db.close();
  assert.equal(fs.existsSync(path.join(dir, LOCK_FILE)), false, 'closing releases the lock');
  const again = await openDb({ dataDir: dir });
  await again.close();
});

test('a lock left by a process that no longer runs is taken over', async (t) => {
  const dir = tmp();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: Number(dead.stdout), purpose: 'killed', since: '2026-01-01' }));
  const db = await openDb({ dataDir: dir });
  const owner = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
  assert.equal(owner.pid, process.pid);
  await db.close();
});

test('every committed write of the embedded database is flushed to disk before it is acknowledged', async (t) => {
  const dir = tmp();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const db = await openDb({ dataDir: dir });
  const disk = (db as unknown as { disk: DiskSync }).disk;
  await db.query('CREATE TABLE t (x int)');
  const before = disk.flushes;
  for (let i = 0; i < 20; i++) await db.query('INSERT INTO t VALUES ($1)', [i]);
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO t VALUES (100)');
    await tx.query('INSERT INTO t VALUES (101)');
  });
  assert.equal(disk.flushes - before, 21, 'one flush per commit: 20 statements and one transaction');
  assert.ok(disk.flushedFiles > 0);
  await db.close();
  const relaxed = await openDb({ dataDir: dir, durability: 'relaxed' });
  assert.equal((relaxed as unknown as { disk?: DiskSync }).disk, undefined);
  assert.equal((await relaxed.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0].n, 22);
  await relaxed.close();
});

test('a bulk load is flushed to disk once, at its end', async (t) => {
  const dir = tmp();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const db = await openDb({ dataDir: dir });
  const disk = (db as unknown as { disk: DiskSync }).disk;
  await db.query('CREATE TABLE t (x int)');
  const before = disk.flushes;
  await db.bulk(async () => {
    for (let i = 0; i < 50; i++) await db.query('INSERT INTO t VALUES ($1)', [i]);
    assert.equal(disk.flushes, before, 'nothing flushed while the load runs');
  });
  assert.equal(disk.flushes, before + 1);
  await db.close();
});
