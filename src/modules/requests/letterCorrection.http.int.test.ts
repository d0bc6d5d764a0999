/**
 * A letter is previewed before it is issued (the step runs and is rolled back: nothing kept, not even its number),
 * and an issued letter is corrected by a numbered replacement that keeps the first in the record.
 */
import { applicationFields } from '../../testing/applications.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';

test('preview a reply, issue it, then correct it by a replacement letter', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const unit = await makeUnit(h.db, { kind: 'government', slug: 'mz', code: '990100005', name: '示范市民政局' });
  await makeUser(h.db, unit.id, ['request_officer'], { username: 'officer' });
  const officer = new Browser(h.app);
  await officer.login('officer');
  await officer.post(
    '/staff/requests/new',
    {
      unit: String(unit.id),
      channel: 'in_person',
      arrivedOn: '2026-03-02',
      confirmedOn: '',
      ...applicationFields({ applicantName: '王五', infoDescription: '2025年度城乡低保资金分配表' }),
      email: 'wangwu@example.com',
    },
    '/staff/requests/new',
  );
  const id = (await h.db.query<{ id: number }>('SELECT id::int FROM request_cases')).rows[0].id;
  const page = `/staff/requests/${id}`;
  const count = async (sql: string) => (await h.db.query<{ n: number }>(sql)).rows[0].n;
  const before = {
    letters: await count('SELECT count(*)::int AS n FROM case_letters'),
    events: await count('SELECT count(*)::int AS n FROM case_events'),
    outbox: await count('SELECT count(*)::int AS n FROM outbox_messages'),
  };

  const decision = { outcome: 'disclose_provided', onDate: '2026-03-02', detail: '分配表见附件。' };
  const preview = await officer.post(`${page}/decide`, { ...decision, preview: '1' }, page);
  assert.equal(preview.statusCode, 200);
  assert.match(preview.body, /预览：政府信息公开申请答复告知书（尚未出具，文号在出具时编定）/);
  assert.match(preview.body, /经审查，您申请获取的政府信息属于公开范围，现予以提供：分配表见附件。<\/p>/);
  assert.match(preview.body, /<details open="" id="action-decide">|<details open id="action-decide">/, 'the form stays open with what was typed');
  assert.match(preview.body, /分配表见附件。<\/textarea>/);
  assert.deepEqual(
    {
      letters: await count('SELECT count(*)::int AS n FROM case_letters'),
      events: await count('SELECT count(*)::int AS n FROM case_events'),
      outbox: await count('SELECT count(*)::int AS n FROM outbox_messages'),
    },
    before,
    'a preview keeps nothing',
  );
  const badPreview = await officer.post(`${page}/decide`, { ...decision, outcome: '', preview: '1' }, page);
  assert.equal(badPreview.statusCode, 400, 'a preview of invalid input shows the same errors');

  assert.equal((await officer.post(`${page}/decide`, decision, page)).statusCode, 303);
  const reply = (await h.db.query<{ id: number; letter_no: string }>(`SELECT id::int, letter_no FROM case_letters WHERE kind = 'reply'`)).rows[0];
  assert.equal(reply.letter_no, '民政局依申〔2026〕2号', 'the preview took no number');

  const pdf = await officer.get(`${page}/letters/${reply.id}.pdf`);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.match(String(pdf.headers['content-disposition']), /filename\*=UTF-8''.*\.pdf/);
  assert.equal((await officer.get(`${page}/letters/${reply.id}.exe`)).statusCode, 404);

  // Correcting: the unchanged text is refused; a change gives the next number and keeps the first.
  const letterPage = `${page}/letters/${reply.id}`;
  const form = (await officer.get(letterPage)).body;
  assert.match(form, /更正这份文书/);
  const text = /<textarea id="f-text" name="text"[^>]*>([^<]*)<\/textarea>/.exec(form)![1];
  const same = await officer.post(`${letterPage}/correct`, { text, reason: '笔误' }, letterPage);
  assert.equal(same.statusCode, 400);
  assert.match(same.body, /正文没有改动/);
  const corrected = text.replace('分配表见附件。', '2025年度城乡低保资金分配表见附件。');
  const noReason = await officer.post(`${letterPage}/correct`, { text: corrected, reason: '' }, letterPage);
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /请写明更正原因/);
  assert.match(noReason.body, /2025年度城乡低保资金分配表见附件。/, 'the corrected text is kept');
  const done = await officer.post(`${letterPage}/correct`, { text: corrected, reason: '信息名称写得不完整' }, letterPage);
  assert.equal(done.statusCode, 303);
  const letters = (
    await h.db.query<{ letter_no: string; paragraphs: string[]; replaces_id: number | null }>('SELECT letter_no, paragraphs, replaces_id FROM case_letters ORDER BY id')
  ).rows;
  assert.equal(letters.length, 3);
  assert.match(letters[1].paragraphs.join('\n'), /现予以提供：分配表见附件。/);
  assert.equal(letters[2].letter_no, '民政局依申〔2026〕3号');
  assert.equal(letters[2].replaces_id, reply.id);
  assert.match(letters[2].paragraphs.at(-1)!, /^本文书更正并替代本机关民政局依申〔2026〕2号《政府信息公开申请答复告知书》，原文书作废。更正原因：信息名称写得不完整。$/);
  const casePage = (await officer.get(page)).body;
  assert.match(casePage, /民政局依申〔2026〕2号，已被民政局依申〔2026〕3号更正/);
  assert.match((await officer.get(letterPage)).body, /本文书已被民政局依申〔2026〕3号更正并替代，仅作记录保留/);
  const again = await officer.post(`${letterPage}/correct`, { text: corrected + '\n再改', reason: '再改' }, letterPage);
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /这份文书已被民政局依申〔2026〕3号更正，请更正最新的文书/);
  assert.doesNotMatch(again.body, /<h2 id="correct-h">/, 'the replaced letter offers no correction form');
  assert.equal(
    await count(`SELECT count(*)::int AS n FROM outbox_messages WHERE purpose = 'request.letter' AND subject LIKE '政府信息公开申请答复告知书%'`),
    2,
    'the applicant hears of both',
  );
  assert.equal(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'request.letter_corrected'`), 1);
});
