/**
 * One database interface over two engines: embedded PGlite (DATABASE_URL unset) and PostgreSQL (set). Both speak the
 * same SQL, so the app, the migrations and the tests are the same for both. Every query is parameterised.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite, types as pgliteTypes, type Transaction } from '@electric-sql/pglite';
import { DiskSync, lockDataDir } from './embedded.ts';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations, backups). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Called after any statement that may write (INSERT, UPDATE, DELETE, scripts), e.g. to invalidate caches. */
  onWrite(listener: () => void): void;
  /** Runs fn in one transaction: all of it is written, or none of it. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs a bulk load (the demo city, an import) with the embedded database's per-commit flush to disk suspended, and
   * flushes once at the end: thousands of small commits would otherwise each wait for the disk. PostgreSQL: just fn.
   */
  bulk<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs fn reading one consistent snapshot of the whole database while others go on writing (backups). */
  snapshot<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** SQLSTATE classes and codes, and socket errors, that mean "the database is not there right now" rather than a bug. */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/** True for an error that a retry after the database comes back would cure: the request answers 503, not 500. */
export function isDbUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  return /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed/i.test(e.message ?? '');
}

/** A database or a transaction already open: every command takes either, so a use case spanning modules is atomic. */
export type DbOrTx = Db | Queryable;

/** A LIKE / ILIKE pattern for text containing `text`: the %, _ and backslash a person typed are taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Runs fn in a new transaction when given the database, or inside the caller's transaction when given one. */
export function inTx<T>(q: DbOrTx, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return 'transaction' in q && typeof q.transaction === 'function' ? q.transaction(fn) : fn(q);
}

// DATE columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone, and a JS Date would invent one.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (v: string) => v);
// bigint counts come back as numbers; our counts stay far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

const WRITE = /^\s*(insert|update|delete|with|alter|create|drop|truncate)\b/i;

/** Shared write-notification for both engines. */
class WriteSignal {
  private listeners: (() => void)[] = [];
  onWrite(listener: () => void) {
    this.listeners.push(listener);
  }
  protected seen(sql: string) {
    if (this.listeners.length && WRITE.test(sql)) for (const l of this.listeners) l();
  }
  protected wrote() {
    for (const l of this.listeners) l();
  }
}

class PostgresDb extends WriteSignal implements Db {
  readonly kind = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {
    super();
  }
  async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
    this.seen(sql);
    const r = await this.pool.query(sql, params as unknown[]);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  }
  async exec(sql: string) {
    this.wrote();
    await this.pool.query(sql);
  }
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.onClient('BEGIN', true, fn);
  }
  bulk<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }
  snapshot<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.onClient('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', false, fn);
  }
  /** One transaction on one checked-out connection, committed when fn resolves and rolled back when it throws. */
  private async onClient<T>(begin: string, writes: boolean, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const seen = (sql: string) => writes && this.seen(sql);
    // A checked-out client whose connection the server drops (pg_terminate_backend, failover, restart) emits 'error';
    // unheard, that event killed the process. Heard, the transaction's next query fails and the request answers 503.
    let broken: Error | undefined;
    const onError = (err: Error) => {
      broken = err;
    };
    client.on('error', onError);
    try {
      await client.query(begin);
      const tx: Queryable = {
        async query<R>(sql: string, params: unknown[] = []) {
          seen(sql);
          const r = await client.query(sql, params as unknown[]);
          return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
        },
        async exec(sql: string) {
          await client.query(sql);
        },
      };
      const result = await fn(tx);
      await client.query('COMMIT');
      // Signal again after commit: a reader that checked during the transaction saw the old state.
      if (writes) this.wrote();
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.off('error', onError);
      // A broken connection is destroyed, not returned to the pool for the next request.
      client.release(broken ?? false);
    }
  }
  async close() {
    await this.pool.end();
  }
}

class PgliteDb extends WriteSignal implements Db {
  readonly kind = 'pglite' as const;
  constructor(
    private readonly pglite: PGlite,
    /** Flushes written files to disk after each commit (embedded.ts); absent in memory or in relaxed mode. */
    readonly disk?: DiskSync,
    private readonly release?: () => void,
  ) {
    super();
  }
  private bulkDepth = 0;
  private sync() {
    if (!this.bulkDepth) this.disk?.flush();
  }
  async bulk<T>(fn: () => Promise<T>): Promise<T> {
    this.bulkDepth++;
    try {
      return await fn();
    } finally {
      this.bulkDepth--;
      this.sync();
    }
  }
  /** The whole data folder as one uncompressed tar (the test template, see src/testing/template.ts). */
  async dump(): Promise<Blob> {
    return this.pglite.dumpDataDir('none');
  }
  async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
    this.seen(sql);
    const r = await this.pglite.query<T>(sql, params);
    // Outside a transaction a statement commits at once; it is acknowledged only once it is on disk.
    this.sync();
    return { rows: r.rows, rowCount: r.affectedRows || r.rows.length };
  }
  async exec(sql: string) {
    this.wrote();
    await this.pglite.exec(sql);
    this.sync();
  }
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const result = await this.pglite.transaction((t) => fn(this.wrap(t, true)));
    this.sync();
    this.wrote();
    return result;
  }
  /** One connection, one transaction at a time: inside a transaction nothing else can write, so it is a snapshot. */
  snapshot<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pglite.transaction((t) => fn(this.wrap(t, false)));
  }
  private wrap(t: Transaction, writes: boolean): Queryable {
    const seen = (sql: string) => writes && this.seen(sql);
    return {
      async query<R>(sql: string, params: unknown[] = []) {
        seen(sql);
        const r = await t.query<R>(sql, params);
        return { rows: r.rows, rowCount: r.affectedRows || r.rows.length };
      },
      async exec(sql: string) {
        await t.exec(sql);
      },
    };
  }
  async close() {
    await this.pglite.close();
    this.disk?.flush();
    this.release?.();
  }
}

const pgliteParsers = {
  [DATE_OID]: (v: string) => v,
  [pgliteTypes.INT8]: (v: string) => Number(v),
};

/** Opens the database the config names: PostgreSQL when a URL is given, else PGlite in dataDir (or in memory). */
export async function openDb(opts: {
  databaseUrl?: string;
  dataDir?: string;
  memory?: boolean;
  /** An in-memory database started from this dump (tests). */
  fromDump?: Blob;
  /** Embedded database: flush every commit to disk (default) or not (GONGKAI_EMBEDDED_DURABILITY=relaxed). */
  durability?: 'full' | 'relaxed';
  /** What this process is, for the data-folder lock's message to a second process. */
  purpose?: string;
}): Promise<Db> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection dropped by the server (restart, failover, admin command) must not crash the process; the
    // pool replaces it on the next query (node-postgres: always handle the pool's error event).
    pool.on('error', (err) => {
      if (process.env.NODE_ENV !== 'test') process.stderr.write(`数据库空闲连接断开：${err.message}\n`);
    });
    await pool.query('SELECT 1');
    return new PostgresDb(pool);
  }
  if (opts.memory) {
    return new PgliteDb(await PGlite.create({ parsers: pgliteParsers, loadDataDir: opts.fromDump }));
  }
  const root = opts.dataDir ?? './data';
  const release = lockDataDir(root, opts.purpose ?? `gongkai ${process.argv.slice(2).join(' ')}`.trim());
  try {
    const dir = path.join(root, 'pgdata');
    fs.mkdirSync(dir, { recursive: true });
    const pglite = await PGlite.create(dir, { parsers: pgliteParsers });
    return new PgliteDb(pglite, opts.durability === 'relaxed' ? undefined : new DiskSync(pglite), release);
  } catch (err) {
    release();
    throw err;
  }
}
