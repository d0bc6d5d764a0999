/**
 * Logical backup and restore through the same SQL interface on both engines, so a PGlite office can move to a
 * PostgreSQL server (and back) with one file. The file is gzip'd JSON lines: a header, then one line per row.
 * Sessions are not backed up (a restore signs everyone out).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import readline from 'node:readline';
import type { Db, Queryable } from './db.ts';
import { listMigrations } from './migrate.ts';

/** Tables in an order that satisfies foreign keys; deferred columns are filled in after every row is in. */
/** `replace`: migrations write default rows into the table; a restore replaces them with the backup's. */
export const BACKUP_TABLES: { name: string; order: string; deferred?: string[]; replace?: boolean }[] = [
  { name: 'units', order: 'id' },
  { name: 'unit_sections', order: 'unit_id, code' },
  { name: 'catalogue_areas', order: 'code', replace: true },
  { name: 'users', order: 'id' },
  { name: 'role_assignments', order: 'user_id, role, unit_id' },
  { name: 'api_tokens', order: 'id' },
  { name: 'audit_log', order: 'id' },
  { name: 'calendar_days', order: 'day' },
  { name: 'calendar_years', order: 'year' },
  { name: 'index_no_counters', order: 'unit_id, year' },
  { name: 'information_items', order: 'id', deferred: ['current_version_id', 'validity_by_item_id'] },
  { name: 'item_versions', order: 'id' },
  { name: 'item_links', order: 'from_item_id, to_item_id, kind' },
  { name: 'item_events', order: 'id' },
  { name: 'blobs', order: 'sha256' },
  { name: 'attachments', order: 'id' },
  { name: 'personal_data_findings', order: 'id' },
  { name: 'search_synonyms', order: 'term', replace: true },
  { name: 'search_queries', order: 'id' },
  { name: 'search_query_flags', order: 'query' },
  { name: 'request_cases', order: 'id' },
  { name: 'case_events', order: 'id' },
  { name: 'case_letters', order: 'id' },
  { name: 'request_counters', order: 'scope, year' },
  { name: 'case_reviews', order: 'id' },
  { name: 'case_reminders', order: 'case_id, kind, due_on' },
  { name: 'letter_templates', order: 'unit_id, kind' },
  { name: 'case_files', order: 'id' },
  { name: 'catalogue_area_units', order: 'area_code, unit_id' },
  { name: 'catalogues', order: 'id', deferred: ['based_on_id'] },
  { name: 'catalogue_items', order: 'id' },
  { name: 'catalogue_events', order: 'id' },
  { name: 'annual_reports', order: 'id' },
  { name: 'annual_report_events', order: 'id' },
  { name: 'wording_rules', order: 'id', replace: true },
  { name: 'assessment_indicators', order: 'key', replace: true },
  { name: 'assessment_manual_scores', order: 'unit_id, year, key' },
];
/** Tables deliberately left out. */
export const NOT_BACKED_UP = ['sessions', 'schema_migrations', 'content_state', 'search_changes', 'search_log_horizon', 'link_checks'];

const BATCH = 500;

function encode(v: unknown): unknown {
  if (v instanceof Uint8Array) return { $b64: Buffer.from(v).toString('base64') };
  if (v instanceof Date) return { $date: v.toISOString() };
  return v;
}

function decode(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.$b64 === 'string') return Buffer.from(o.$b64, 'base64');
    if (typeof o.$date === 'string') return new Date(o.$date);
  }
  return v;
}

export async function backup(db: Db, file: string, onTable: (name: string, rows: number) => void = () => undefined): Promise<number> {
  const gz = zlib.createGzip();
  const out = fs.createWriteStream(file);
  gz.pipe(out);
  const write = (o: unknown) => new Promise<void>((res) => (gz.write(JSON.stringify(o) + '\n') ? res() : gz.once('drain', () => res())));
  await write({ format: 'gongkai-backup', version: 1, migrations: listMigrations().map((m) => m.version), createdAt: new Date().toISOString() });
  let total = 0;
  for (const t of BACKUP_TABLES) {
    let offset = 0;
    let n = 0;
    for (;;) {
      const r = await db.query<Record<string, unknown>>(`SELECT * FROM ${t.name} ORDER BY ${t.order} LIMIT ${BATCH} OFFSET ${offset}`);
      for (const row of r.rows) await write({ t: t.name, r: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, encode(v)])) });
      n += r.rows.length;
      offset += BATCH;
      if (r.rows.length < BATCH) break;
    }
    onTable(t.name, n);
    total += n;
  }
  gz.end();
  await new Promise<void>((res, rej) => out.on('finish', () => res()).on('error', rej));
  return total;
}

async function resetSequences(tx: Queryable) {
  const seqs = await tx.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_default LIKE 'nextval%'`,
  );
  for (const s of seqs.rows) {
    await tx.query(`SELECT setval(pg_get_serial_sequence('${s.table_name}', '${s.column_name}'), COALESCE((SELECT max(${s.column_name}) FROM ${s.table_name}), 0) + 1, false)`);
  }
}

/** Restores into an empty, migrated database, in one transaction: all of it or nothing. */
export async function restore(db: Db, file: string, onTable: (name: string, rows: number) => void = () => undefined): Promise<number> {
  const nonEmpty = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM units');
  if (nonEmpty.rows[0].n > 0) throw new Error('目标数据库不是空的：恢复只能在新建的空数据库中进行。');
  const tables = new Map(BACKUP_TABLES.map((t) => [t.name, t]));
  let header: { format?: string; migrations?: string[] } | undefined;
  const deferred: { table: string; id: unknown; values: Record<string, unknown> }[] = [];
  let total = 0;
  const counts = new Map<string, number>();
  await db.transaction(async (tx) => {
    for (const t of BACKUP_TABLES) if (t.replace) await tx.query(`DELETE FROM ${t.name}`);
    // Created right before it is read: a readline interface drops the lines it emits before iteration starts.
    const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const o = JSON.parse(line) as { t: string; r: Record<string, unknown>; format?: string; migrations?: string[] };
      if (!header) {
        header = o as { format?: string; migrations?: string[] };
        if (header?.format !== 'gongkai-backup') throw new Error('这不是 gongkai 的备份文件。');
        const known = new Set(listMigrations().map((m) => m.version));
        const unknown = (header.migrations ?? []).filter((m) => !known.has(m));
        if (unknown.length) throw new Error(`备份来自更新的版本（迁移 ${unknown.join(', ')}），请先升级本程序。`);
        continue;
      }
      const t = tables.get(o.t);
      if (!t) throw new Error(`备份中有未知的表：${o.t}`);
      const row = Object.fromEntries(Object.entries(o.r as Record<string, unknown>).map(([k, v]) => [k, decode(v)]));
      if (t.deferred) {
        const later = Object.fromEntries(t.deferred.map((c) => [c, row[c]]));
        if (Object.values(later).some((v) => v !== null && v !== undefined)) deferred.push({ table: t.name, id: row.id, values: later });
        for (const c of t.deferred) row[c] = null;
      }
      const cols = Object.keys(row);
      await tx.query(
        `INSERT INTO ${t.name} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
        cols.map((c) => row[c]),
      );
      counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
      total++;
    }
    if (!header) throw new Error('备份文件是空的。');
    for (const d of deferred) {
      const cols = Object.keys(d.values);
      await tx.query(`UPDATE ${d.table} SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [d.id, ...cols.map((c) => d.values[c])]);
    }
    await resetSequences(tx);
  });
  for (const t of BACKUP_TABLES) onTable(t.name, counts.get(t.name) ?? 0);
  return total;
}
