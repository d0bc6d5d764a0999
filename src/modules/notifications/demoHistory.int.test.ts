/**
 * The demo city is loaded through the real commands, which notify as they go; its history must not look like new
 * work (unread notifications) or be mailed to the demo's example applicants. The work still open shows in the queues.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb } from '../../testing/harness.ts';
import { seedDemo } from '../../../db/seeds/demo/seed.ts';

test('loading the demo city leaves no unread notification and no message to send', async (t) => {
  const { db, drop } = await freshDb();
  t.after(drop);
  await seedDemo(db, () => undefined, { itemsPerTemplate: 1, largeDatasetRows: 500 });
  const n = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;
  assert.ok((await n('SELECT count(*)::int AS n FROM staff_notifications')) > 0, 'the history did notify');
  assert.equal(await n('SELECT count(*)::int AS n FROM staff_notifications WHERE read_at IS NULL'), 0);
  assert.equal(await n(`SELECT count(*)::int AS n FROM outbox_messages WHERE state = 'pending'`), 0);
  assert.equal(await n(`SELECT count(*)::int AS n FROM outbox_messages WHERE state = 'failed' AND last_error <> '演示数据：历史通知，未发送'`), 0);
  assert.equal(await n(`SELECT count(*)::int AS n FROM request_cases WHERE state = 'submitted'`), 1, 'the open online application still waits to be confirmed');
  // The demo gazette: two issues published with their PDFs, one being compiled.
  assert.equal(await n(`SELECT count(*)::int AS n FROM gazette_issues WHERE state = 'published' AND pdf_sha256 IS NOT NULL`), 2);
  assert.equal(await n(`SELECT count(*)::int AS n FROM gazette_issues WHERE state = 'draft'`), 1);
  assert.ok((await n(`SELECT count(*)::int AS n FROM gazette_entries WHERE page_from IS NOT NULL`)) >= 2);
});
