// The worker's entry: TypeScript through tsx (no build step), then the task module named by the caller. Anything
// thrown is sent back as a stable error; an AppError keeps its code, status and message.
import { Buffer } from 'node:buffer';
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { task, file, options, limits } = workerData;
try {
  const mod = await import(task);
  // A streaming task hands batches out one at a time and waits until each is taken (its rows written), so the
  // parent never holds more than one batch of a large file.
  const emit = (batch) =>
    new Promise((resolve) => {
      parentPort.once('message', resolve);
      parentPort.postMessage({ batch });
    });
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
