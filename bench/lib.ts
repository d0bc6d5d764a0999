/** What the HTTP benchmarks share: a free port, and wrk run in a child process (the app under test lives here). */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { openDb, type Db } from '../src/lib/db.ts';
import { migrate } from '../src/lib/migrate.ts';

export interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => res(p));
    });
  });
}

/** Runs wrk without blocking this process's event loop; errors are non-2xx/3xx answers plus socket errors. */
export async function wrk(url: string, o: { connections: number; duration: number; script?: string; log?: (s: string) => void }): Promise<WrkResult> {
  const child = spawn('wrk', ['-t1', `-c${o.connections}`, `-d${o.duration}s`, '--latency', ...(o.script ? ['-s', o.script] : []), url]);
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  await new Promise((res) => child.on('close', res));
  if (!/Requests\/sec/.test(out)) (o.log ?? console.error)(`wrk failed for ${url}: ${out}${err}`);
  const ms = (s: string) => (s.endsWith('us') ? parseFloat(s) / 1000 : s.endsWith('ms') ? parseFloat(s) : parseFloat(s) * 1000);
  const lat = (p: string) => ms(new RegExp(`${p}%\\s+([\\d.]+\\w+)`).exec(out)?.[1] ?? 'NaN');
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const sockErr = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50: lat('50'),
    p99: lat('99'),
    errors: non2xx + (sockErr ? sockErr.slice(1).reduce((s, x) => s + Number(x), 0) : 0),
  };
}

/**
 * The database a benchmark runs on: embedded PGlite in a new temporary folder, or, when DATABASE_URL is set, a new
 * PostgreSQL database. `close` drops or closes it and removes the folder.
 */
export async function benchDb(): Promise<{ db: Db; dir: string; close: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-bench-'));
  let db: Db;
  let drop: () => Promise<void>;
  if (process.env.DATABASE_URL) {
    const { freshDb } = await import('../src/testing/harness.ts');
    const f = await freshDb();
    db = f.db;
    drop = f.drop;
  } else {
    db = await openDb({ dataDir: dir });
    await migrate(db);
    drop = () => db.close();
  }
  return {
    db,
    dir,
    close: async () => {
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `COPY` of a CSV file with a header into an existing table, in seconds: PostgreSQL reads the file on the server (so
 * the server must see the bench's /tmp), PGlite from its blob device.
 */
export async function copyCsv(db: Db, table: string, file: string): Promise<number> {
  const t0 = performance.now();
  if (db.kind === 'postgres') await db.query(`COPY ${table} FROM '${file}' WITH (FORMAT csv, HEADER true)`);
  else {
    const pglite = (db as unknown as { pglite: { query(sql: string, params: unknown[], o: { blob: Blob }): Promise<unknown> } }).pglite;
    await pglite.query(`COPY ${table} FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], { blob: new Blob([fs.readFileSync(file)]) });
  }
  return (performance.now() - t0) / 1000;
}

/** The median time in ms of `repeat` runs of f. */
export async function timedMedian(repeat: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
}
