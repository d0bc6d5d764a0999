/**
 * Test harness: a fresh database per test file (PGlite in memory by default; a new PostgreSQL database when
 * DATABASE_URL is set), migrated, and an app built without listening. Torn down with the test.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { openDb, type Db } from '../lib/db.ts';
import { migrate } from '../lib/migrate.ts';
import { loadConfig, type Config } from '../config.ts';
import { fixedClock } from '../lib/clock.ts';
import { buildApp } from '../app.ts';
import { CalendarService } from '../modules/calendar/service.ts';

export interface TestDb {
  db: Db;
  drop(): Promise<void>;
}

/** An environment for running the CLI against its own empty database (a PGlite folder, or a new PostgreSQL database). */
export async function cliEnv(): Promise<{ env: Record<string, string>; dir: string; cleanup(): Promise<void> }> {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-cli-'));
  const env: Record<string, string> = { GONGKAI_DATA_DIR: dir, LOG_LEVEL: 'silent' };
  const url = process.env.DATABASE_URL;
  let name = '';
  if (url) {
    name = `gk_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
  }
  return {
    env,
    dir,
    async cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
      if (name) {
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      }
    },
  };
}

export async function freshDb(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openDb({ memory: true });
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const name = `gk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: u.toString() });
  await migrate(db);
  return {
    db,
    async drop() {
      await db.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  clock: ReturnType<typeof fixedClock>;
  config: Config;
  calendar: CalendarService;
  close(): Promise<void>;
}

export async function makeTestApp(opts: { now?: string; config?: Partial<Config> } = {}): Promise<TestApp> {
  const { db, drop } = await freshDb();
  const clock = fixedClock(opts.now ?? '2026-03-02T02:00:00Z');
  const config = loadConfig({ LOG_LEVEL: 'silent', GONGKAI_SECRET: 'test-secret-test-secret-test-secret-0000' }, { dataDir: '/nonexistent', ...opts.config });
  const calendar = new CalendarService(db);
  const app = await buildApp({ config, db, clock, calendar });
  await app.ready();
  return {
    app,
    db,
    clock,
    config,
    calendar,
    async close() {
      await app.close();
      await drop();
    },
  };
}
