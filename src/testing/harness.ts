/**
 * Test harness: a fresh database per test file (PGlite in memory by default; a new PostgreSQL database when
 * DATABASE_URL is set), migrated, and an app built without listening. Torn down with the test.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { TEMPLATE_DB_ENV, TEMPLATE_FILE_ENV } from './template.ts';
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
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-cli-'));
  const env: Record<string, string> = { GONGKAI_DATA_DIR: dir, LOG_LEVEL: 'silent' };
  const created = process.env.DATABASE_URL ? await createPgDatabase(process.env.DATABASE_URL, 'gk_cli') : undefined;
  if (created) env.DATABASE_URL = created.url;
  return {
    env,
    dir,
    async cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
      await created?.drop();
    },
  };
}

/** Creates a new, empty PostgreSQL database next to the one `url` names; drop() removes it. */
async function createPgDatabase(url: string, prefix: string, template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A new, migrated database: a copy of the run's template (src/testing/template.ts) or, without one, migrated here. */
export async function freshDb(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const file = process.env[TEMPLATE_FILE_ENV];
    const db = await openDb({ memory: true, fromDump: file && fs.existsSync(file) ? new Blob([fs.readFileSync(file)]) : undefined });
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const created = await createPgDatabase(url, 'gk_test', process.env[TEMPLATE_DB_ENV]);
  const db = await openDb({ databaseUrl: created.url });
  await migrate(db);
  return {
    db,
    async drop() {
      await db.close();
      await created.drop();
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
  // Administrators' second factor is on by default; tests that are not about it sign in with the password alone, and
  // accounts.int.test.ts turns it on to test it.
  const config = loadConfig(
    { LOG_LEVEL: 'silent', GONGKAI_SECRET: 'test-secret-test-secret-test-secret-0000' },
    { dataDir: '/nonexistent', requireAdminTotp: false, ...opts.config },
  );
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
