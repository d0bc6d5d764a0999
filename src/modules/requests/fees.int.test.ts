/** 109号 per-piece fees through the real commands: per applicant, per calendar month of receipt, by pieces. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { actorFor, makeUnit, makeUser } from '../../testing/factories.ts';
import { caseContext } from './caseStore.ts';
import { registerApplication } from './commands/registerApplication.ts';
import { sendFeeNotice, recordFeePaid } from './commands/fees.ts';
import { application } from '../../testing/requests.ts';

/** A valid 居民身份证号 (GB 11643 check digit) for a second applicant. */
function idWithCheck(first17: string) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

test('per-piece fees: counted by month of receipt, continuing from the pieces of earlier applications, one method per application', async (t) => {
  const h = await makeTestApp({ now: '2026-04-10T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  const civil = await makeUnit(h.db, { parentId: city.id, slug: 'mz', code: '990100007' });
  await makeUser(h.db, civil.id, ['office_admin'], { username: 'head' });
  const head = await actorFor(h.db, 'head');
  const ctx = () => caseContext({ calendar: h.calendar, clock: h.clock, config: h.config });
  const reg = async (arrivedOn: string, over: Record<string, unknown> = {}) =>
    (await registerApplication(h.db, await ctx(), head, { unitId: civil.id, application: application(over), registration: { channel: 'in_person', arrivedOn } })).id;
  const fee = (id: number, method: 'piece' | 'page', count: number) => sendFeeNotice(h.db, await_ctx, head, id, { onDate: '2026-04-08', method, count });
  let await_ctx = await ctx();

  // Entered in April, received in February: it belongs to February's count, not March's.
  const feb = await reg('2026-02-27');
  const first = await reg('2026-03-02');
  const second = await reg('2026-03-03');
  const unsplit = await reg('2026-03-05');
  const other = await reg('2026-03-04', { idNumber: idWithCheck('11010519491231002'), applicantName: '李四' });
  const last = await reg('2026-03-31');
  const april = await reg('2026-04-01');
  await_ctx = await ctx();

  // The first of March, split into 12 pieces: pieces 11 and 12 of the month cost 100 each.
  assert.equal((await fee(first, 'piece', 12)).amount, 200);
  // The second continues at piece 13: 13–30 at 100 (18 pieces), 31–32 at 200.
  assert.equal((await fee(second, 'piece', 20)).amount, 18 * 100 + 2 * 200);
  // Another applicant starts at piece 1.
  await assert.rejects(fee(other, 'piece', 10), { code: 'VALIDATION_FAILED' }, 'ten pieces of a new applicant are free');
  // Not split and not charged, the 5 March application still counts one piece: the 31 March one is piece 34 (200).
  assert.ok(unsplit > 0);
  assert.equal((await fee(last, 'piece', 1)).amount, 200);
  // February's and April's applications start their own months.
  await assert.rejects(fee(feb, 'piece', 10), { code: 'VALIDATION_FAILED' });
  await assert.rejects(fee(april, 'piece', 10), { code: 'VALIDATION_FAILED' });
  assert.equal((await fee(april, 'piece', 11)).amount, 100);

  // One application, one method: after paying per piece, a per-page notice is refused.
  await recordFeePaid(h.db, await ctx(), head, first, { onDate: '2026-04-09', receiptNo: 'R1' });
  await assert.rejects(sendFeeNotice(h.db, await ctx(), head, first, { onDate: '2026-04-09', method: 'page', count: 200 }), { code: 'CASE_FEE_METHOD_FIXED' });
});
