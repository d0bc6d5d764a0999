/**
 * The cost of a durable commit on the embedded database: 500 single-row commits with every commit flushed to disk
 * (GONGKAI_EMBEDDED_DURABILITY=full, the default) against the same with the flush off (relaxed), in one run.
 * Run: npx tsx bench/durability.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../src/lib/db.ts';

async function run(durability: 'full' | 'relaxed') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-durability-'));
  const db = await openDb({ dataDir: dir, durability });
  await db.query('CREATE TABLE t (id serial PRIMARY KEY, body text)');
  const t0 = performance.now();
  for (let i = 0; i < 500; i++) await db.query('INSERT INTO t (body) VALUES ($1)', ['正文'.repeat(100)]);
  const ms = performance.now() - t0;
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return ms / 500;
}

const relaxed = await run('relaxed');
const full = await run('full');
console.log(JSON.stringify({ msPerCommitRelaxed: +relaxed.toFixed(3), msPerCommitFull: +full.toFixed(3), ratio: +(full / relaxed).toFixed(2) }));
