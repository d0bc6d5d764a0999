/**
 * What the embedded database (PGlite) needs to be safe on a real disk.
 *
 * Durability: PGlite's PostgreSQL runs with fsync off and its Node file system has no fsync, so an OS crash or a
 * power cut could lose commits it had acknowledged. Here every file PostgreSQL writes is remembered, and the set is
 * flushed to disk (fsync) after each committed write and before any file is renamed or removed (PostgreSQL recycles
 * WAL only after a checkpoint has written the data files: the flush keeps that order on disk). `relaxed` skips this
 * for speed, at that risk (GONGKAI_EMBEDDED_DURABILITY).
 *
 * One process per data folder: an exclusive lock file holding the owner's pid. A second process (a CLI command beside
 * a running server) is refused with what to do instead; a lock left by a process that no longer runs is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { AppError } from './errors.ts';

interface EmscriptenStream {
  node: unknown;
}
interface NodeFs {
  realPath(node: unknown): string;
  stream_ops: Record<string, (...args: unknown[]) => unknown> & { write(stream: EmscriptenStream, ...rest: unknown[]): number };
  node_ops: Record<string, (...args: unknown[]) => unknown>;
}

export class DiskSync {
  private readonly dirty = new Set<string>();
  private readonly dirs = new Set<string>();
  /** Files flushed so far (observable by tests and the operator's diagnostics). */
  flushedFiles = 0;
  flushes = 0;

  constructor(pglite: PGlite) {
    const nodefs = (pglite as unknown as { Module: { NODEFS: NodeFs } }).Module.NODEFS;
    const write = nodefs.stream_ops.write;
    nodefs.stream_ops.write = (stream: EmscriptenStream, ...rest: unknown[]) => {
      this.dirty.add(nodefs.realPath(stream.node));
      return write(stream, ...rest);
    };
    for (const op of ['rename', 'unlink', 'rmdir']) {
      const original = nodefs.node_ops[op];
      if (!original) continue;
      nodefs.node_ops[op] = (...args: unknown[]) => {
        this.flush();
        const r = original(...args);
        const parent = args[0] as { node_ops?: unknown } | undefined;
        if (parent) this.dirs.add(nodefs.realPath(parent));
        return r;
      };
    }
  }

  /** Makes everything written so far durable. */
  flush(): void {
    if (!this.dirty.size && !this.dirs.size) return;
    const files = [...this.dirty];
    this.dirty.clear();
    const dirs = new Set([...this.dirs, ...files.map((f) => path.dirname(f))]);
    this.dirs.clear();
    for (const f of files) syncPath(f, 'r+');
    for (const d of dirs) syncPath(d, 'r');
    this.flushes++;
    this.flushedFiles += files.length;
  }
}

function syncPath(p: string, flags: string) {
  let fd: number | undefined;
  try {
    fd = fs.openSync(p, flags);
    fs.fsyncSync(fd);
  } catch (err) {
    // A file removed since it was written needs no flush.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export const LOCK_FILE = 'gongkai.lock';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the data folder for this process; returns the release function. Throws DATA_DIR_LOCKED when it is in use. */
export function lockDataDir(dir: string, purpose: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
          if (owner.pid === process.pid) fs.rmSync(file);
        } catch {
          // Already gone.
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner: { pid?: number; purpose?: string; since?: string } = {};
      try {
        owner = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof owner;
      } catch {
        // A lock file being written this instant, or damaged: treated as held below unless its pid is gone.
      }
      if (owner.pid && running(owner.pid)) {
        throw new AppError(
          'DATA_DIR_LOCKED',
          409,
          `数据目录 ${dir} 正被另一个进程使用（进程号 ${owner.pid}，${owner.purpose ?? '用途不明'}，自 ${owner.since ?? '未知时间'}）。` +
            '内置数据库同一时间只能由一个进程打开：请先停止该服务再运行此命令；需要多个进程或节点同时工作时，请改用 PostgreSQL（设置 DATABASE_URL）。',
        );
      }
      // The owner is gone (a crash or kill -9): its lock is stale.
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('DATA_DIR_LOCKED', 409, `无法锁定数据目录 ${dir}。`);
}
