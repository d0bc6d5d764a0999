/**
 * A consultation too large to print its table in the body: the feedback item carries the full table as an attached
 * workbook (read back with exceljs), and the body lists the most repeated non-adopted views and says where the rest are.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { buildCalendar } from '../../lib/calendar.ts';
import { saveConsultation } from './commands/consultations.ts';
import { generateFeedback } from './commands/feedback.ts';
import { MAX_INLINE_ROWS, MAX_LISTED_VIEWS } from './report.ts';

test('a consultation with more comments than a page can hold: the table is attached, the body says so', async (t) => {
  const h = await makeTestApp({ now: '2026-08-01T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const system = { kind: 'system' as const, label: 'test' };
  const id = await saveConsultation(h.db, system, h.clock.now(), {
    unitId: city.id,
    title: '示范市停车管理办法（征求意见稿）',
    draftHtml: '<p>第一条　为规范停车管理，制定本办法。</p><p>第二条　本办法适用于本市。</p>',
    explanationHtml: '',
    legalBasis: '',
    channels: ['website'],
    contact: '市住建局',
    opensOn: '2026-06-01',
    closesOn: '2026-06-30',
    shortenedReason: '',
    publishComments: true,
  });
  await h.db.query(`UPDATE consultations SET state = 'published', feedback_due_on = '2026-08-31' WHERE id = $1`, [id]);
  const n = MAX_INLINE_ROWS + 400;
  // Every comment distinct (no copies) and not adopted, so more views than the body lists.
  await h.db.query(
    `INSERT INTO consultation_comments (consultation_id, clause_key, channel, name, consent_publish, body, received_on, moderation, disposition, reason, created_at)
     SELECT $1, 'a1', 'website', '市民' || g, true, '第' || g || '号建议：' || md5(g::text) || '路段增设停车位', '2026-06-15', 'published', 'not_adopted', '不属于本办法调整范围', now()
       FROM generate_series(1, $2) g`,
    [id, n],
  );
  const { itemId } = await generateFeedback(h.db, system, { now: h.clock.now(), today: '2026-08-01', calendar: buildCalendar(), feedbackWorkingDays: 20 }, id);
  const body = (await h.db.query<{ body_html: string }>('SELECT body_html FROM item_versions WHERE item_id = $1', [itemId])).rows[0].body_html;
  assert.match(body, new RegExp(`以上为相同意见最多的${MAX_LISTED_VIEWS}条；其余${n - MAX_LISTED_VIEWS}条未采纳的意见及理由见附件《意见采纳情况表.xlsx》`));
  assert.match(body, new RegExp(`共${n}条意见的序号、反馈人、条款、意见内容、是否采纳及理由，见附件`));
  assert.doesNotMatch(body, /<th>序号<\/th>/, 'no inline table');
  const file = (
    await h.db.query<{ filename: string; content: Buffer }>(
      `SELECT a.filename, b.content FROM attachments a JOIN blobs b ON b.sha256 = a.blob_sha256 JOIN item_versions v ON v.id = a.version_id WHERE v.item_id = $1`,
      [itemId],
    )
  ).rows;
  assert.deepEqual(
    file.map((f) => f.filename),
    ['意见采纳情况表.xlsx'],
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file[0].content as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('意见采纳情况表')!;
  assert.equal(ws.rowCount, n + 2);
  assert.deepEqual((ws.getRow(3).values as unknown[]).slice(1), [
    1,
    '市**',
    '第一条',
    '第1号建议：c4ca4238a0b923820dcc509a6f75849b路段增设停车位',
    '不采纳',
    '不属于本办法调整范围',
  ]);
});
