/**
 * One migrated template database per test run, instead of migrating per test file (which cost seconds each and made
 * the run depend on the machine's load). scripts/test.mjs calls prepareTemplate() before the test files start and
 * passes its location on in the environment; freshDb() starts every database from it.
 * PGlite: a dump of a migrated data folder in a file. PostgreSQL: a migrated database used as CREATE DATABASE's template.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDb } from '../lib/db.ts';
import { migrate, listMigrations } from '../lib/migrate.ts';

export const TEMPLATE_FILE_ENV = 'GONGKAI_TEST_TEMPLATE_FILE';
export const TEMPLATE_DB_ENV = 'GONGKAI_TEST_TEMPLATE_DB';

/** A name that changes when any migration changes, so a stale template is never reused. */
function templateKey(): string {
  return listMigrations()
    .map((m) => m.checksum.slice(0, 6))
    .join('')
    .slice(-24);
}

export async function prepareTemplate(dir: string): Promise<Record<string, string>> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `gk_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await openDb({ databaseUrl: u.toString() });
    await migrate(db);
    await db.close();
    return { [TEMPLATE_DB_ENV]: name };
  }
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `test-template-${templateKey()}.tar`);
  if (!fs.existsSync(file)) {
    const db = await openDb({ memory: true });
    await migrate(db);
    const blob = await (db as unknown as { dump(): Promise<Blob> }).dump();
    fs.writeFileSync(`${file}.part`, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(`${file}.part`, file);
    await db.close();
  }
  return { [TEMPLATE_FILE_ENV]: file };
}

export async function dropTemplate(env: Record<string, string>): Promise<void> {
  const name = env[TEMPLATE_DB_ENV];
  if (!name || !process.env.DATABASE_URL) return;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

// Run as a script by scripts/test.mjs: prepare (prints the environment as JSON) or drop.
if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const [cmd, arg] = process.argv.slice(2);
  if (cmd === 'prepare') process.stdout.write(JSON.stringify(await prepareTemplate(arg ?? 'tmp')));
  else if (cmd === 'drop') await dropTemplate(JSON.parse(arg ?? '{}') as Record<string, string>);
}
