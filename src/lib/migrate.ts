/**
 * Plain-SQL migrations (conventions C8): files in db/migrations named NNNN_description.sql, applied in order. All
 * pending files are applied in one transaction under an advisory lock, each with its schema_migrations row and
 * checksum, so a start either applies them all or none, and an edited landed migration is caught (a test checks the
 * files against db/migrations.sha256 too).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = fs.readFileSync(path.join(dir, f), 'utf8');
      return {
        version: f.slice(0, 4),
        name: f.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/** Applies pending migrations; returns the names applied. Safe to run from several nodes at once (advisory lock). */
export async function migrate(db: Db, onApplied: (name: string) => void = () => undefined): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    // Serialises concurrent starts: the second node waits, then finds nothing left to do.
    await tx.query('SELECT pg_advisory_xact_lock(724201)');
    const done = new Map(
      (await tx.query<{ version: string; checksum: string; name: string }>('SELECT version, checksum, name FROM schema_migrations')).rows.map((r) => [r.version, r]),
    );
    for (const m of listMigrations()) {
      const prior = done.get(m.version);
      if (prior) {
        if (prior.checksum !== m.checksum) {
          throw new Error(`迁移 ${m.name} 在应用后被修改过（校验和不符）。已应用的迁移不得修改，请新增迁移。`);
        }
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      applied.push(m.name);
      onApplied(m.name);
    }
  });
  return applied;
}
