/** Placeholder replaced below by the demo city. */
import type { Db } from '../../../src/lib/db.ts';
export async function seedDemoIfEmpty(db: Db, log: (s: string) => void): Promise<void> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM units');
  if (r.rows[0].n > 0) return;
  log('数据库为空。');
}
