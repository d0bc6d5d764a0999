/**
 * An import whose file fails after a batch has gone to the database (a malformed row further on, a sandbox limit)
 * leaves nothing: the batch being written finishes inside the transaction before it is rolled back, so none of its
 * statements can run after the rollback, outside it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { buildCalendar } from '../../lib/calendar.ts';
import { AppError } from '../../lib/errors.ts';
import { headerOf, importDecisions } from './index.ts';

const SYSTEM = { kind: 'system', label: 'test' } as const;
const row = (docNo: string, result: string) => {
  const v: Record<string, string> = {
    CF_WSH: docNo,
    CF_CFMC: '销售超过保质期的食品',
    CF_XDR_MC: '示范市平安超市有限公司',
    CF_XDR_SHXYM: '91990100MA0001234F',
    CF_JG: result,
    CF_JDRQ: '2026-03-16',
    CF_XZJG: '示范市市场监督管理局',
  };
  return headerOf('penalty').map((h) => v[h] ?? '');
};

test('a file that fails after a batch was sent leaves neither new rows nor corrections', async (t) => {
  const h = await makeTestApp({ now: '2026-03-20T02:00:00Z' });
  t.after(() => h.close());
  const unit = await makeUnit(h.db, { kind: 'department', slug: 'scjg', code: '990100021', name: '示范市市场监督管理局' });
  const calendar = buildCalendar();
  const docs = Array.from({ length: 50 }, (_, i) => `示市监罚〔2026〕${i + 1}号`);
  await importDecisions(h.db, SYSTEM, h.clock.now(), calendar, {
    unitId: unit.id,
    kind: 'penalty',
    filename: 'first.csv',
    read: async (onBatch) => {
      await onBatch({ header: headerOf('penalty') });
      await onBatch({ rows: docs.map((d) => row(d, '罚款人民币5000元')) });
    },
  });
  const failing = importDecisions(h.db, SYSTEM, h.clock.now(), calendar, {
    unitId: unit.id,
    kind: 'penalty',
    filename: 'second.csv',
    read: async (onBatch) => {
      await onBatch({ header: headerOf('penalty') });
      // Fifty corrections and one new decision go to the database; then the file turns out to be unreadable.
      await onBatch({ rows: [...docs.map((d) => row(d, '罚款人民币3000元')), row('示市监罚〔2026〕99号', '警告')] });
      throw new AppError('TABLE_UNREADABLE', 422, 'CSV 文件无法读取');
    },
  });
  await assert.rejects(failing, /CSV 文件无法读取/);
  const q = async (sql: string) => (await h.db.query<{ n: number }>(sql)).rows[0].n;
  assert.equal(await q("SELECT count(*)::int AS n FROM enforcement_decisions WHERE result <> '罚款人民币5000元'"), 0, 'no correction kept');
  assert.equal(await q('SELECT count(*)::int AS n FROM enforcement_decisions'), 50, 'no new decision kept');
  assert.equal(await q("SELECT count(*)::int AS n FROM enforcement_events WHERE kind = 'corrected'"), 0);
  assert.equal(await q('SELECT count(*)::int AS n FROM enforcement_imports'), 1);
});
