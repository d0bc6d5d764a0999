/**
 * Checks the audit log's hash chain (migration 0013): every entry, in the order written, must carry the previous
 * entry's hash and a hash of its own content that the database recomputes the same. An entry edited, removed or
 * slipped in behind the append-only trigger (by someone holding the database itself) breaks the chain at that point.
 * The head hash is printed so an operator can record it elsewhere (a later rewrite of the whole chain would then
 * show as a different head).
 */
import type { Queryable } from './db.ts';

export interface ChainReport {
  entries: number;
  ok: boolean;
  /** The first entry (seq) where the chain breaks, and why. */
  broken?: { seq: number; id: number; reason: string };
  head: string;
}

const GENESIS = '0'.repeat(64);

export async function verifyAuditChain(q: Queryable, batch = 5000): Promise<ChainReport> {
  let prev = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const r = await q.query<{ id: number; seq: number; prev_hash: string; hash: string; recomputed: string }>(
      `SELECT id::int, seq::int, prev_hash, hash, audit_entry_hash(prev_hash, a) AS recomputed FROM audit_log a WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectedSeq, batch],
    );
    for (const e of r.rows) {
      const broken = (reason: string) => ({ entries, ok: false, broken: { seq: expectedSeq, id: e.id, reason }, head: prev });
      if (e.seq !== expectedSeq) return broken(`第 ${expectedSeq} 条记录缺失`);
      if (e.prev_hash !== prev) return broken('与前一条记录的链接不符（记录被删除、插入或改动）');
      if (e.recomputed !== e.hash) return broken('记录内容与其哈希不符（记录被改动）');
      prev = e.hash;
      expectedSeq++;
      entries++;
    }
    if (r.rows.length < batch) break;
  }
  const unchained = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL');
  if (unchained.rows[0].n) return { entries, ok: false, broken: { seq: expectedSeq, id: 0, reason: `${unchained.rows[0].n} 条记录不在链上` }, head: prev };
  const chain = await q.query<{ last_seq: number; last_hash: string }>('SELECT last_seq::int, last_hash FROM audit_chain');
  if (chain.rows[0] && (chain.rows[0].last_seq !== expectedSeq - 1 || chain.rows[0].last_hash !== prev)) {
    return { entries, ok: false, broken: { seq: expectedSeq, id: 0, reason: '链尾记录被删除' }, head: prev };
  }
  return { entries, ok: true, head: prev };
}
