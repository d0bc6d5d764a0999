// The worker's entry: TypeScript through tsx (no build step), then the task module named by the caller, once. It then
// takes jobs one at a time (the parent reuses a worker that answered). Anything thrown is sent back as a stable
// error; an AppError keeps its code, status and message.
import { Buffer } from 'node:buffer';
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const loaded = import(workerData.task);

// A streaming task hands batches out one at a time and waits until each is taken (its rows written), so the parent
// never holds more than one batch of a large file.
let next;
const emit = (batch) =>
  new Promise((resolve) => {
    next = resolve;
    parentPort.postMessage({ batch });
  });

parentPort.on('message', async (m) => {
  if (m.type === 'next') return next?.();
  if (m.type !== 'job') return;
  const { file, options, limits } = m;
  try {
    const mod = await loaded;
    const result = await mod.default(Buffer.from(file.buffer, file.byteOffset, file.byteLength), options, limits, emit);
    parentPort.postMessage({ ok: true, result });
  } catch (err) {
    const known = err && typeof err.code === 'string' && typeof err.status === 'number';
    parentPort.postMessage({
      ok: false,
      error: known
        ? { code: err.code, status: err.status, message: err.message, fields: err.fields ?? {} }
        : { code: 'UPLOAD_UNREADABLE', status: 422, message: '文件无法解析，可能已损坏或格式不受支持。' },
    });
  }
});
