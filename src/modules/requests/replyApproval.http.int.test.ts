/**
 * Where a unit asks for it, a reply is approved by the head of its office before it is issued (ADR 0015): the
 * officer's reply waits with the clock running, its files stay with the staff, the head returns it with an opinion
 * or approves it, and the letter is numbered and dated on the day of approval.
 */
import { applicationFields } from '../../testing/applications.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { tinyPdf } from '../../../db/seeds/demo/files.ts';

test('a reply waits for the head: returned with an opinion, approved, then numbered and dated on approval', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const unit = await makeUnit(h.db, { kind: 'government', slug: 'mz', code: '990100005', name: '示范市民政局' });
  await makeUser(h.db, unit.id, ['request_officer'], { username: 'officer' });
  await makeUser(h.db, unit.id, ['office_admin'], { username: 'head' });
  const officer = new Browser(h.app);
  await officer.login('officer');
  const head = new Browser(h.app);
  await head.login('head');

  // Only the office switches approval on; the officer may not.
  const settings = '/staff/requests/templates';
  assert.equal((await officer.post('/staff/requests/settings', { unit: String(unit.id), replyApproval: '1' }, '/staff/requests')).statusCode, 403);
  const on = await head.post('/staff/requests/settings', { unit: String(unit.id), replyApproval: '1' }, settings);
  assert.equal(on.statusCode, 200);
  assert.match(on.body, /已开启：答复告知书须经负责人批准后出具/);
  assert.match(on.body, /name="replyApproval" value="1" checked/);

  await officer.post(
    '/staff/requests/new',
    {
      unit: String(unit.id),
      channel: 'in_person',
      arrivedOn: '2026-03-02',
      confirmedOn: '',
      ...applicationFields({ applicantName: '王五', infoDescription: '2025年度城乡低保资金分配表' }),
    },
    '/staff/requests/new',
  );
  const id = (await h.db.query<{ id: number }>('SELECT id::int FROM request_cases')).rows[0].id;
  const page = `/staff/requests/${id}`;
  const form = (await officer.get(page)).body;
  assert.match(form, /拟定答复（本单位的答复须经负责人审批后出具）/);
  assert.match(form, /提交负责人审批/);

  const decision = { outcome: 'disclose_provided', onDate: '2026-03-02', detail: '分配表见附件' };
  const table = { field: 'released', filename: '分配表.pdf', content: tinyPdf(['2025年度城乡低保资金分配表']), type: 'application/pdf' };
  assert.equal((await officer.postMultipart(`${page}/decide`, decision, [table], page)).statusCode, 303);
  const state = async () => (await h.db.query<{ state: string; due_on: string }>('SELECT state, due_on::text FROM request_cases')).rows[0];
  assert.equal((await state()).state, 'awaiting_approval');
  assert.equal((await h.db.query(`SELECT 1 FROM case_letters WHERE kind = 'reply'`)).rows.length, 0, 'no letter before approval');
  assert.deepEqual((await h.db.query(`SELECT pending FROM case_files WHERE kind = 'released'`)).rows, [{ pending: true }]);
  const waiting = (await officer.get(page)).body;
  assert.match(waiting, /答复待负责人审批/);
  assert.match(waiting, /等待本单位政府信息公开工作机构负责人审批；答复期限照常计算。/);
  assert.match(waiting, /分配表.pdf<\/a>（1 KB，2026-03-02 10:00随答复送审，未提供给申请人）/);
  assert.doesNotMatch(waiting, /批准并出具/, 'the officer cannot approve');
  assert.equal((await officer.post(`${page}/approve-reply`, { onDate: '2026-03-02' }, page)).statusCode, 403);

  // The head finds it on the dashboard and in the inbox, reads the text, and returns it.
  const home = (await head.get('/staff')).body;
  assert.match(home, /<a href="\/staff\/requests\?view=to_approve"><span class="count">1<\/span><span class="label">待审批的答复告知书/);
  assert.match((await head.get('/staff/requests?view=to_approve')).body, /王五/);
  assert.match((await head.get('/staff/inbox')).body, /答复告知书待审批/);
  const review = (await head.get(page)).body;
  assert.match(review, /送审的答复：政府信息公开申请答复告知书（批准后编号出具）/);
  assert.match(review, /现予以提供：分配表见附件。/);
  const empty = await head.post(`${page}/return-reply`, { opinion: '' }, page);
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /退回时请写明需要修改的地方/);
  assert.equal((await head.post(`${page}/return-reply`, { opinion: '请写明分配表的年度' }, page)).statusCode, 303);
  assert.equal((await state()).state, 'handling');
  assert.match((await officer.get('/staff/inbox')).body, /答复告知书被退回/);
  assert.match((await officer.get(page)).body, /退回意见：请写明分配表的年度/);

  // Resubmitted the next day; approved two days later: the reply is made on the day of approval.
  h.clock.advanceMs(86400_000);
  await officer.login('officer');
  assert.equal((await officer.postMultipart(`${page}/decide`, { ...decision, onDate: '2026-03-03', detail: '2025年度分配表见附件' }, [table], page)).statusCode, 303);
  h.clock.advanceMs(2 * 86400_000);
  await head.login('head');
  const approved = await head.post(`${page}/approve-reply`, { onDate: '2026-03-05', opinion: '同意' }, page);
  assert.equal(approved.statusCode, 303);
  const c = (await h.db.query<{ state: string; replied_on: string; outcome: string }>('SELECT state, replied_on::text, outcome FROM request_cases')).rows[0];
  assert.deepEqual(c, { state: 'replied', replied_on: '2026-03-05', outcome: 'disclose_provided' });
  const letter = (await h.db.query<{ on_date: string; paragraphs: string[] }>(`SELECT on_date::text, paragraphs FROM case_letters WHERE kind = 'reply'`)).rows;
  assert.equal(letter.length, 1);
  assert.equal(letter[0].on_date, '2026-03-05');
  assert.match(letter[0].paragraphs.join('\n'), /2025年度分配表见附件。/);
  const files = (await h.db.query<{ pending: boolean; sent: boolean }>(`SELECT pending, letter_id IS NOT NULL AS sent FROM case_files WHERE kind = 'released' ORDER BY id`)).rows;
  assert.deepEqual(
    files,
    [
      { pending: true, sent: false },
      { pending: false, sent: true },
    ],
    'the returned proposal keeps its file in the record, never given out; the approved one goes with the letter',
  );
  const events = (await h.db.query<{ kind: string }>('SELECT kind FROM case_events ORDER BY id')).rows.map((e) => e.kind);
  assert.deepEqual(events, ['register', 'submit_reply', 'return_reply', 'submit_reply', 'decide']);
  assert.match((await h.db.query<{ d: string }>(`SELECT details::text AS d FROM case_events WHERE kind = 'decide'`)).rows[0].d, /"approvalOpinion": ?"同意"/);

  // The head replies directly, without a proposal, once approval is switched off.
  assert.match((await head.post('/staff/requests/settings', { unit: String(unit.id) }, settings)).body, /已关闭答复审批/);
});
