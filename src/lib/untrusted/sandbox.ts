/**
 * Untrusted files (uploaded DOCX, XLSX, PDF …) are parsed here: in a worker thread with its own heap limit and a
 * deadline, a bounded number at a time, so that one hostile file can neither stall the event loop (the node keeps
 * answering /healthz) nor kill the process (an out-of-memory worker dies alone). A task is a module whose default
 * export takes the file and options and returns something structured-cloneable; it runs only in the worker.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import type { ZipLimits } from './zip.ts';

export interface SandboxLimits extends ZipLimits {
  memoryMb: number;
  timeoutMs: number;
  /** Workers running at once in this process; further tasks wait their turn. */
  concurrency: number;
  /** Rows read from one sheet before the import stops and says so. */
  maxSheetRows: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  maxEntries: 2000,
  maxExpandedBytes: 60 * 1024 * 1024,
  maxRatio: 100,
  memoryMb: 512,
  timeoutMs: 30_000,
  concurrency: 2,
  maxSheetRows: 5000,
};

let limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS;
/** Set once at start from the configuration (src/config.ts). */
export function configureSandbox(next: Partial<SandboxLimits>) {
  limits = { ...limits, ...next };
  // Idle workers were started with the old heap limit.
  for (const list of idle.values()) for (const w of list.splice(0)) retire(w);
}
export function sandboxLimits(): SandboxLimits {
  return limits;
}

let running = 0;
const waiting: (() => void)[] = [];
async function slot(): Promise<() => void> {
  if (running >= limits.concurrency) await new Promise<void>((r) => waiting.push(r));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

/**
 * Workers are kept for a while after a task and reused for the same task module: starting one (TypeScript through
 * tsx, then the parser's modules) costs about half a second, parsing a typical upload a few milliseconds (ADR 0027).
 * A worker that timed out, ran out of heap or failed is never reused; an idle one does not keep the process alive and
 * ends after IDLE_MS.
 */
const IDLE_MS = 30_000;
interface Pooled {
  worker: Worker;
  timer?: NodeJS.Timeout;
}
const idle = new Map<string, Pooled[]>();

function retire(w: Pooled) {
  clearTimeout(w.timer);
  void w.worker.terminate();
}

function take(task: URL): Worker {
  const w = idle.get(task.href)?.pop();
  if (w) {
    clearTimeout(w.timer);
    w.worker.ref();
    return w.worker;
  }
  const worker = new Worker(BOOTSTRAP, {
    workerData: { task: task.href },
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.ceil(limits.memoryMb / 8)), stackSizeMb: 4 },
  });
  // A job listens for the worker's errors while it runs; one arriving after the job ended (a worker out of heap as it
  // is terminated for its deadline) must not become an uncaught 'error' event that ends the process.
  worker.on('error', () => undefined);
  // An idle worker that ends is dropped from its list.
  worker.once('exit', () => {
    const list = idle.get(task.href);
    const i = list?.findIndex((w) => w.worker === worker) ?? -1;
    if (list && i >= 0) clearTimeout(list.splice(i, 1)[0].timer);
  });
  return worker;
}

function giveBack(task: URL, worker: Worker) {
  const list = idle.get(task.href) ?? [];
  idle.set(task.href, list);
  const pooled: Pooled = { worker };
  pooled.timer = setTimeout(() => {
    list.splice(list.indexOf(pooled), 1);
    retire(pooled);
  }, IDLE_MS);
  pooled.timer.unref();
  worker.unref();
  list.push(pooled);
  // More idle workers than may ever run at once serve no one.
  while (list.length > limits.concurrency) retire(list.shift()!);
}

export interface TaskError {
  code: string;
  status: number;
  message: string;
  fields?: Record<string, string>;
}

type WorkerMessage = { ok: true; result: unknown } | { ok: false; error: TaskError } | { batch: unknown };

/**
 * Runs task (a module URL) on the file in a worker; AppErrors thrown by the task come back as themselves. A streaming
 * task emits batches: each is given to `onBatch`, and the worker goes on only when it has been taken; the deadline
 * then applies to each batch rather than to the whole file.
 */
export async function runUntrusted<T>(task: URL, file: Buffer, options: Record<string, unknown> = {}, onBatch?: (batch: unknown) => Promise<void>): Promise<T> {
  const release = await slot();
  try {
    return await new Promise<T>((resolve, reject) => {
      const worker = take(task);
      let settled = false;
      const finish = (fn: () => void, reusable: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (reusable) giveBack(task, worker);
        else void worker.terminate();
        fn();
      };
      const timeout = () =>
        finish(() => reject(new AppError('UPLOAD_TOO_COMPLEX', 422, `文件在 ${Math.round(limits.timeoutMs / 1000)} 秒内未能解析完，可能过于复杂或已损坏，请简化后重试。`)), false);
      let timer = setTimeout(timeout, limits.timeoutMs);
      const onMessage = (m: WorkerMessage) => {
        if ('batch' in m) {
          clearTimeout(timer);
          if (!onBatch) return finish(() => reject(new AppError('UPLOAD_UNREADABLE', 422, '文件无法解析。')), false);
          onBatch(m.batch).then(
            () => {
              if (settled) return;
              timer = setTimeout(timeout, limits.timeoutMs);
              worker.postMessage({ type: 'next' });
            },
            (err: unknown) => finish(() => reject(err), false),
          );
          return;
        }
        // A task that answered, even with an error about its file, leaves a worker fit for the next file.
        finish(() => (m.ok ? resolve(m.result as T) : reject(new AppError(m.error.code, m.error.status, m.error.message, m.error.fields ?? {}))), true);
      };
      const onError = (err: Error & { code?: string }) =>
        finish(
          () =>
            reject(
              err.code === 'ERR_WORKER_OUT_OF_MEMORY'
                ? new AppError('UPLOAD_TOO_COMPLEX', 422, `文件解析所需内存超过 ${limits.memoryMb} MB 的上限，可能过于复杂或已损坏，请简化后重试。`)
                : new AppError('UPLOAD_UNREADABLE', 422, '文件无法解析，可能已损坏或格式不受支持。', {}, { cause: err }),
            ),
          false,
        );
      const onExit = (code: number) => finish(() => reject(new AppError('UPLOAD_UNREADABLE', 422, `文件无法解析（解析进程退出，代码 ${code}）。`)), false);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ type: 'job', file, options, limits });
    });
  } finally {
    release();
  }
}
