/**
 * Logical backup and restore through the same SQL interface on both engines, so a PGlite office can move to a
 * PostgreSQL server (and back) with one file. The file is gzip'd JSON lines: a header, then one line per row.
 * Sessions are not backed up (a restore signs everyone out).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import readline from 'node:readline';
import { PassThrough } from 'node:stream';
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
  { name: 'audit_chain', order: 'only_row', replace: true },
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
  { name: 'request_settings', order: 'unit_id' },
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
  { name: 'outbox_messages', order: 'id' },
  { name: 'staff_notifications', order: 'id' },
  { name: 'notification_settings', order: 'user_id' },
  { name: 'page_views', order: 'day, unit_id, section, item_id' },
  { name: 'unit_officials', order: 'unit_id' },
  { name: 'training_sessions', order: 'id' },
  { name: 'consultations', order: 'id' },
  { name: 'consultation_comments', order: 'id' },
  { name: 'consultation_events', order: 'id' },
  { name: 'consultation_answer_templates', order: 'id' },
  { name: 'decision_entries', order: 'id' },
  { name: 'decision_entry_events', order: 'id' },
  { name: 'decision_catalogue_revisions', order: 'id' },
  { name: 'meetings', order: 'id' },
  { name: 'meeting_applications', order: 'id' },
  { name: 'meeting_events', order: 'id' },
  { name: 'surveys', order: 'id' },
  { name: 'survey_questions', order: 'id' },
  { name: 'survey_responses', order: 'id' },
  { name: 'survey_response_files', order: 'id' },
  { name: 'survey_events', order: 'id' },
  { name: 'message_mailboxes', order: 'id' },
  { name: 'message_dispatch', order: 'id' },
  { name: 'message_clock_settings', order: 'unit_id, type, channel' },
  { name: 'message_counters', order: 'year' },
  { name: 'messages', order: 'id' },
  { name: 'message_events', order: 'id' },
  { name: 'message_ratings', order: 'message_id' },
  { name: 'message_suggestion_counts', order: 'day, kind' },
  { name: 'message_reminders', order: 'message_id, kind, due_on' },
  { name: 'message_unit_settings', order: 'unit_id' },
  { name: 'message_reply_templates', order: 'id' },
  { name: 'proposals', order: 'id' },
  { name: 'proposal_events', order: 'id' },
  { name: 'qa_entries', order: 'id' },
  { name: 'qa_versions', order: 'entry_id, version_no' },
  { name: 'qa_sources', order: 'entry_id, version_no, item_id' },
  { name: 'qa_events', order: 'id' },
  { name: 'qa_hint_counts', order: 'day, channel, kind' },
  { name: 'opinion_incidents', order: 'id' },
  { name: 'opinion_responses', order: 'id' },
  { name: 'opinion_events', order: 'id' },
  { name: 'concerns', order: 'id' },
  { name: 'concern_events', order: 'id' },
  { name: 'datasets', order: 'id' },
  { name: 'dataset_resources', order: 'id' },
  { name: 'datastore_rows', order: 'resource_id, row_no' },
  { name: 'dataset_versions', order: 'dataset_id, version_no' },
  { name: 'dataset_events', order: 'id' },
  { name: 'data_access_applications', order: 'id' },
  { name: 'data_access_events', order: 'id' },
  { name: 'data_demands', order: 'id' },
  { name: 'data_demand_events', order: 'id' },
  { name: 'data_case_counters', order: 'kind, year' },
  { name: 'gazette_issues', order: 'id' },
  { name: 'gazette_entries', order: 'id' },
  { name: 'gazette_events', order: 'id' },
  { name: 'cleanup_campaigns', order: 'id' },
  { name: 'cleanup_decisions', order: 'campaign_id, item_id' },
  { name: 'filing_reviews', order: 'item_id' },
  { name: 'cleanup_events', order: 'id' },
  { name: 'enforcement_imports', order: 'id' },
  { name: 'enforcement_decisions', order: 'id' },
  { name: 'enforcement_events', order: 'id' },
  { name: 'enforcement_register', order: 'id' },
  { name: 'enforcement_register_events', order: 'id' },
  { name: 'enforcement_draws', order: 'id' },
  { name: 'enforcement_annual_stats', order: 'unit_id, year' },
];
/** Tables deliberately left out. */
export const NOT_BACKED_UP = ['sessions', 'case_recovery_codes', 'schema_migrations', 'content_state', 'search_changes', 'search_log_horizon', 'link_checks'];

const BATCH = 500;

/**
 * Format 2: a header line, one line per row, and a last line with every table's row count. Timestamps travel as
 * PostgreSQL's own text (microseconds kept; a JS Date has milliseconds). With a key the whole gzip stream is
 * encrypted (AES-256-GCM; the key is derived with scrypt from GONGKAI_BACKUP_KEY and a random salt):
 * MAGIC, salt (16), iv (12), ciphertext, tag (16).
 */
const FORMAT_VERSION = 2;
const MAGIC = Buffer.from('GKBAK-ENC1\n');

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

const deriveKey = (passphrase: string, salt: Buffer) => crypto.scryptSync(passphrase, salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });

/** The select list of a table: timestamps as text so their microseconds survive the round trip, JSON as its text. */
async function selectList(q: Queryable, table: string): Promise<string> {
  const cols = await q.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  // JSON travels as its text too: node-postgres would send a JSON array back as a PostgreSQL array literal.
  return cols.rows
    .map((c) => (c.data_type.startsWith('timestamp') || c.data_type === 'json' || c.data_type === 'jsonb' ? `${c.column_name}::text AS ${c.column_name}` : c.column_name))
    .join(', ');
}

/**
 * Writes everything, read in one snapshot (REPEATABLE READ on PostgreSQL; on the embedded database one transaction,
 * during which writers wait), to `file`, readable by its owner only; encrypted when a key is given.
 */
export async function backup(db: Db, file: string, onTable: (name: string, rows: number) => void = () => undefined, opts: { key?: string } = {}): Promise<number> {
  const gz = zlib.createGzip();
  // Owner-only from the first byte, also when the file existed before.
  const fd = fs.openSync(file, 'w', 0o600);
  fs.fchmodSync(fd, 0o600);
  const out = fs.createWriteStream(file, { fd });
  const finished = new Promise<void>((res, rej) => out.on('finish', () => res()).on('error', rej));
  let cipher: crypto.CipherGCM | undefined;
  if (opts.key) {
    const salt = crypto.randomBytes(16);
    const iv = crypto.randomBytes(12);
    cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(opts.key, salt), iv);
    out.write(Buffer.concat([MAGIC, salt, iv]));
    gz.pipe(cipher).pipe(out, { end: false });
    cipher.on('end', () => out.end(cipher!.getAuthTag()));
  } else gz.pipe(out);
  const write = (o: unknown) => new Promise<void>((res) => (gz.write(JSON.stringify(o) + '\n') ? res() : gz.once('drain', () => res())));
  const counts: Record<string, number> = {};
  const total = await db.snapshot(async (q) => {
    await write({ format: 'gongkai-backup', version: FORMAT_VERSION, migrations: listMigrations().map((m) => m.version), createdAt: new Date().toISOString() });
    let n = 0;
    for (const t of BACKUP_TABLES) {
      const cols = await selectList(q, t.name);
      let rows = 0;
      for (let offset = 0; ; offset += BATCH) {
        const r = await q.query<Record<string, unknown>>(`SELECT ${cols} FROM ${t.name} ORDER BY ${t.order} LIMIT ${BATCH} OFFSET ${offset}`);
        for (const row of r.rows) await write({ t: t.name, r: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, encode(v)])) });
        rows += r.rows.length;
        if (r.rows.length < BATCH) break;
      }
      counts[t.name] = rows;
      onTable(t.name, rows);
      n += rows;
    }
    await write({ end: true, counts });
    return n;
  });
  gz.end();
  await finished;
  return total;
}

/** The backup's lines, decrypting (and checking the tag) when the file is encrypted. */
function openLines(file: string, key: string | undefined): readline.Interface {
  const head = Buffer.alloc(MAGIC.length);
  const fd = fs.openSync(file, 'r');
  const size = fs.fstatSync(fd).size;
  fs.readSync(fd, head, 0, MAGIC.length, 0);
  let input: NodeJS.ReadableStream;
  if (head.equals(MAGIC)) {
    if (!key) {
      fs.closeSync(fd);
      throw new Error('备份文件已加密：请设置 GONGKAI_BACKUP_KEY 为加密时使用的口令。');
    }
    const meta = Buffer.alloc(28);
    const tag = Buffer.alloc(16);
    fs.readSync(fd, meta, 0, 28, MAGIC.length);
    fs.readSync(fd, tag, 0, 16, size - 16);
    fs.closeSync(fd);
    const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey(key, meta.subarray(0, 16)), meta.subarray(16, 28));
    decipher.setAuthTag(tag);
    // Any failure on the way (wrong key, altered bytes) reads as one plain message, not as a gzip error.
    const out = new PassThrough();
    const fail = () => out.destroy(new Error('备份文件无法解密：口令不对，或文件已被改动。'));
    const gunzip = zlib.createGunzip().on('error', fail);
    fs.createReadStream(file, { start: MAGIC.length + 28, end: size - 17 })
      .pipe(decipher.on('error', fail))
      .pipe(gunzip)
      .pipe(out);
    input = out;
  } else {
    fs.closeSync(fd);
    input = fs.createReadStream(file).pipe(zlib.createGunzip());
  }
  return readline.createInterface({ input, crlfDelay: Infinity });
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
export async function restore(db: Db, file: string, onTable: (name: string, rows: number) => void = () => undefined, opts: { key?: string } = {}): Promise<number> {
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
    const lines = openLines(file, opts.key);
    let trailer: Record<string, number> | undefined;
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
      if ((o as { end?: boolean }).end) {
        trailer = (o as unknown as { counts: Record<string, number> }).counts;
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
    // Format 2 ends with every table's count: a file cut short, or rows lost on the way, restores nothing.
    if ((header as { version?: number }).version === FORMAT_VERSION) {
      if (!trailer) throw new Error('备份文件不完整（缺少结尾的校验行），未恢复任何数据。');
      for (const [name, n] of Object.entries(trailer)) {
        if ((counts.get(name) ?? 0) !== n) throw new Error(`备份文件与其校验不符（${name}：应有 ${n} 行，读到 ${counts.get(name) ?? 0} 行），未恢复任何数据。`);
      }
    }
    for (const d of deferred) {
      const cols = Object.keys(d.values);
      await tx.query(`UPDATE ${d.table} SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [d.id, ...cols.map((c) => d.values[c])]);
    }
    await resetSequences(tx);
  });
  for (const t of BACKUP_TABLES) onTable(t.name, counts.get(t.name) ?? 0);
  return total;
}
