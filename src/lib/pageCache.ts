/**
 * In-memory cache of rendered public pages (bounded by bytes, least recently used out first). Correct across several
 * app nodes: entries belong to a content version (table content_state, moved by triggers on every public change);
 * each node re-reads the version at most once per `maxStalenessMs`, and immediately after it wrote to the database.
 */
import type { Db } from './db.ts';

export interface CachedPage {
  body: Buffer;
  etag: string;
  type: string;
  /** Response headers as a flat [name, value, …] list, ready for writeHead. */
  rawHeaders?: string[];
  /** The same without the body's length and type, for 304 answers. */
  rawHeaders304?: string[];
}
type Entry = CachedPage;

export class PageCache {
  private entries = new Map<string, Entry>();
  /** Small derived values (a unit by its slug, its sections) valid for the same content version as the pages. */
  private memos = new Map<string, unknown>();
  private bytes = 0;
  private version = -1;
  private checkedAt = 0;
  private dirty = true;
  private checking: Promise<void> | undefined;
  hits = 0;
  misses = 0;

  constructor(
    private readonly db: Db,
    private readonly maxBytes: number,
    private readonly maxStalenessMs = 1000,
  ) {
    db.onWrite(() => {
      this.dirty = true;
    });
  }

  /** Makes sure the cache belongs to the current content version; cheap when nothing changed. */
  /** True when no re-check is due, so callers can skip awaiting validate(). */
  isFresh(): boolean {
    return !this.dirty && Date.now() - this.checkedAt < this.maxStalenessMs;
  }

  async validate(): Promise<void> {
    if (this.isFresh()) return;
    this.checking ??= (async () => {
      this.dirty = false;
      const r = await this.db.query<{ version: number }>('SELECT version FROM content_state WHERE id = 1');
      const v = Number(r.rows[0]?.version ?? 0);
      if (v !== this.version) this.clear(v);
      this.checkedAt = Date.now();
    })().finally(() => {
      this.checking = undefined;
    });
    await this.checking;
  }

  get(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    // Re-insert to mark as recently used.
    this.entries.delete(key);
    this.entries.set(key, e);
    this.hits++;
    return e;
  }

  set(key: string, e: Entry, versionAtRender: number) {
    if (versionAtRender !== this.version || e.body.length > this.maxBytes / 10) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.body.length;
    this.entries.set(key, e);
    this.bytes += e.body.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.body.length;
    }
  }

  /** Computes a value once per content version (bounded to 10,000 keys). */
  async memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    await this.validate();
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const version = this.version;
    const value = await compute();
    if (version === this.version && this.memos.size < 10_000) this.memos.set(key, value);
    return value;
  }

  currentVersion() {
    return this.version;
  }

  clear(version = this.version) {
    this.entries.clear();
    this.memos.clear();
    this.bytes = 0;
    this.version = version;
  }

  stats() {
    return { entries: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses, version: this.version };
  }
}
