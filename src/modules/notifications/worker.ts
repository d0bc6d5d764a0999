/**
 * Sends the outbox every few seconds on every node (claims are leased and SKIP LOCKED, so nodes never send the same
 * message); one pass at a time per node.
 */
import type { Db } from '../../lib/db.ts';
import type { Clock } from '../../lib/clock.ts';
import { deliverDue, type Transports } from './outbox.ts';

export function startOutboxWorker(o: { db: Db; clock: Clock; transports: Transports; intervalMs?: number; onError: (e: unknown) => void }): () => void {
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      // Drain what is due, a batch at a time.
      for (;;) {
        const r = await deliverDue(o.db, o.transports, o.clock.now());
        if (r.sent + r.retried + r.failed === 0) break;
      }
    } catch (e) {
      o.onError(e);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void pass(), o.intervalMs ?? 5000);
  timer.unref();
  void pass();
  return () => clearInterval(timer);
}
