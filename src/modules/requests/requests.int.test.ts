import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { actorFor, makeUnit, makeUser } from '../../testing/factories.ts';
import { caseContext, caseEvents, getCase } from './caseStore.ts';
import { submitApplication } from './commands/submitApplication.ts';
import { registerApplication } from './commands/registerApplication.ts';
import { confirmReceipt } from './commands/confirmReceipt.ts';
import { requestCorrection } from './commands/requestCorrection.ts';
import { receiveCorrection } from './commands/receiveCorrection.ts';
import { startConsultation, endConsultation } from './commands/consultation.ts';
import { extendCase } from './commands/extend.ts';
import { sendFeeNotice, recordFeePaid } from './commands/fees.ts';
import { decideCase } from './commands/decide.ts';
import { recordDelivery, archiveCase } from './commands/deliver.ts';
import { closeCase } from './commands/closeCase.ts';
import { caseLetters } from './letters.ts';
import { application } from '../../testing/requests.ts';

async function setup(now = '2026-03-02T02:00:00Z') {
  const h = await makeTestApp({ now });
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const civil = await makeUnit(h.db, { parentId: city.id, slug: 'mz', code: '990100007', name: '示范市民政局' });
  const officer = await makeUser(h.db, civil.id, ['request_officer'], { username: 'officer' });
  const head = await makeUser(h.db, civil.id, ['office_admin'], { username: 'head' });
  const ctx = () => caseContext({ calendar: h.calendar, clock: h.clock, config: h.config });
  return { h, city, civil, officer, head, ctx };
}

test('an online application from submission to archive: correction restarts the clock, consultation pauses it, one extension, a fee, a partial disclosure', async (t) => {
  const { h, civil, ctx } = await setup();
  t.after(() => h.close());
  const officer = await actorFor(h.db, 'officer');
  const head = await actorFor(h.db, 'head');
  const sub = await submitApplication(h.db, await ctx(), { unitId: civil.id, application: application() });
  assert.match(sub.caseNo, /^YSQ2026\d{6}$/);
  assert.match(sub.queryCode, /^[2-9A-HJ-KM-NP-Z]{8}$/);
  assert.equal((await getCase(h.db, sub.id)).state, 'submitted');

  // Confirmed with the applicant the same day (Mon 3-02): 20 working days end Mon 3-30.
  const confirmed = await confirmReceipt(h.db, await ctx(), officer, sub.id, { confirmedOn: '2026-03-02', how: '电话确认' });
  assert.equal(confirmed.clock?.dueOn, '2026-03-30');
  assert.equal((await getCase(h.db, sub.id)).due_on, '2026-03-30');

  h.clock.set('2026-03-04T02:00:00Z');
  const corr = await requestCorrection(h.db, await ctx(), officer, sub.id, { onDate: '2026-03-04', items: '请明确所需资金分配表的年度\n请说明是否包括临时救助资金' });
  assert.equal(corr.state, 'awaiting_correction');
  assert.equal(corr.deadline, '2026-03-25', '15 working days after 3-04');
  assert.match(corr.letter.paragraphs.join(''), /1\. 请明确所需资金分配表的年度.*2\. 请说明是否包括临时救助资金/);
  h.clock.set('2026-03-10T02:00:00Z');
  await receiveCorrection(h.db, await ctx(), officer, sub.id, { onDate: '2026-03-10' });
  const afterCorrection = await getCase(h.db, sub.id);
  assert.equal(afterCorrection.state, 'handling');
  assert.equal(afterCorrection.due_on, '2026-04-08', 'restarted: 20 working days after 3-10, past 清明 4-04..06');
  await assert.rejects(requestCorrection(h.db, await ctx(), officer, sub.id, { onDate: '2026-03-10', items: '再补一次' }), /CASE_INVALID_TRANSITION|只能发出一次/);

  h.clock.set('2026-03-12T02:00:00Z');
  const consult = await startConsultation(h.db, await ctx(), officer, sub.id, { onDate: '2026-03-12', party: 'inter_agency', partyName: '示范市财政局' });
  assert.equal(consult.clock?.dueOn, null, 'stopped while consulting');
  assert.match(consult.letter.paragraphs.join(''), /逾期未提出意见的视为同意公开/);
  h.clock.set('2026-03-19T02:00:00Z');
  const ended = await endConsultation(h.db, await ctx(), officer, sub.id, { onDate: '2026-03-19', opinion: 'agree' });
  assert.equal(ended.clock?.dueOn, '2026-04-15', '3-13, 3-16..3-19 (5 working days) added back');

  await assert.rejects(extendCase(h.db, await ctx(), officer, sub.id, { approvedOn: '2026-03-19', notifiedOn: '2026-03-19', workingDays: 10, reason: '需调取多年档案' }), {
    code: 'FORBIDDEN',
  });
  await assert.rejects(extendCase(h.db, await ctx(), head, sub.id, { approvedOn: '2026-03-19', notifiedOn: '2026-03-19', workingDays: 25, reason: '需调取多年档案' }), /1 至 20/);
  const ext = await extendCase(h.db, await ctx(), head, sub.id, { approvedOn: '2026-03-19', notifiedOn: '2026-03-19', workingDays: 10, reason: '需调取多年档案' });
  assert.equal(ext.clock?.dueOn, '2026-04-29');
  assert.match(ext.letter.paragraphs.join(''), /延长10个工作日，至2026年4月29日/);
  await assert.rejects(extendCase(h.db, await ctx(), head, sub.id, { approvedOn: '2026-03-19', notifiedOn: '2026-03-19', workingDays: 5, reason: '再延' }), /只能一次/);

  const fee = await sendFeeNotice(h.db, await ctx(), officer, sub.id, { onDate: '2026-03-19', method: 'page', count: 31 });
  assert.equal(fee.amount, 10);
  assert.equal(fee.clock?.dueOn, null, 'waiting for the fee stops the clock (the default setting)');
  h.clock.set('2026-03-23T02:00:00Z');
  const paid = await recordFeePaid(h.db, await ctx(), officer, sub.id, { onDate: '2026-03-23', receiptNo: 'CZ-001' });
  assert.equal(paid.clock?.dueOn, '2026-05-06', '3-20, 3-23 added back; 劳动节 5-01..05 skipped');

  await assert.rejects(decideCase(h.db, await ctx(), officer, sub.id, { onDate: '2026-03-23', outcome: 'partial' }), (e: { fields: Record<string, string> }) =>
    /第三十七条/.test(e.fields.withheldReason),
  );
  const decided = await decideCase(h.db, await ctx(), officer, sub.id, {
    onDate: '2026-03-23',
    outcome: 'partial',
    detail: '附件为2025年资金分配表',
    withheldReason: '表中低保对象个人信息属于个人隐私（条例第十五条）',
  });
  assert.equal(decided.state, 'replied');
  const reply = decided.letter.paragraphs.join('\n');
  assert.match(reply, /不予公开部分的理由：表中低保对象个人信息/);
  assert.match(reply, /条例》第三十七条/);
  assert.match(reply, /60日内依法申请行政复议.*6个月内依法向人民法院提起行政诉讼/);
  await assert.rejects(decideCase(h.db, await ctx(), officer, sub.id, { onDate: '2026-03-23', outcome: 'disclose_provided' }), /已答复.*不能“作出答复”/);
  await recordDelivery(h.db, await ctx(), officer, sub.id, { onDate: '2026-03-23', way: 'online' });
  await archiveCase(h.db, await ctx(), officer, sub.id);
  const done = await getCase(h.db, sub.id);
  assert.deepEqual([done.state, done.outcome, done.replied_on, done.delivered_on], ['archived', 'partial', '2026-03-23', '2026-03-23']);
  assert.deepEqual(
    (await caseLetters(h.db, sub.id)).map((l) => l.kind),
    ['receipt', 'correction_notice', 'consultation_letter', 'extension_notice', 'fee_notice', 'reply'],
  );
  assert.match((await caseLetters(h.db, sub.id))[0].paragraphs.join(''), /本机关于2026年3月2日收到您提出的政府信息公开申请.*20个工作日内予以答复/);
  assert.deepEqual((await caseLetters(h.db, sub.id)).map((l) => l.letter_no).slice(0, 2), ['民政局依申〔2026〕1号', '民政局依申〔2026〕2号']);
  const kinds = (await caseEvents(h.db, sub.id)).map((e) => e.kind);
  assert.deepEqual(kinds, [
    'submit',
    'confirm',
    'request_correction',
    'receive_correction',
    'start_consultation',
    'end_consultation',
    'extend',
    'fee_notice',
    'fee_paid',
    'decide',
    'deliver',
    'archive',
  ]);
  await assert.rejects(h.db.query(`UPDATE case_events SET kind = 'x' WHERE case_id = $1`, [sub.id]));
  const audited = (await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE subject_type = 'request_case' AND subject_id = $1`, [String(sub.id)])).rows[0].n;
  assert.equal(audited, kinds.length);
  assert.ok(
    !(await h.db.query<{ details: string }>(`SELECT details::text FROM audit_log WHERE subject_type = 'request_case'`)).rows.some((r) => r.details.includes('110101199003074514')),
    'no identity number in the audit log',
  );
});

test('registration fixes the receipt date by channel (Art. 31); bad input names every field and writes nothing', async (t) => {
  const { h, civil, ctx } = await setup('2026-03-06T02:00:00Z');
  t.after(() => h.close());
  const officer = await actorFor(h.db, 'officer');
  const signed = await registerApplication(h.db, await ctx(), officer, {
    unitId: civil.id,
    application: application(),
    registration: { channel: 'post_signed', arrivedOn: '2026-03-04' },
  });
  assert.equal((await getCase(h.db, signed.id)).received_on, '2026-03-04');
  const fax = await registerApplication(h.db, await ctx(), officer, {
    unitId: civil.id,
    application: application(),
    registration: { channel: 'fax', arrivedOn: '2026-03-04', confirmedOn: '2026-03-05' },
  });
  assert.equal((await getCase(h.db, fax.id)).received_on, '2026-03-05');
  await assert.rejects(
    registerApplication(h.db, await ctx(), officer, {
      unitId: civil.id,
      application: application(),
      registration: { channel: 'post_ordinary', arrivedOn: '2026-03-04', confirmedOn: '2026-03-05' },
    }),
    (e: { fields: Record<string, string> }) => /当日/.test(e.fields.confirmedOn),
  );
  const bad = await registerApplication(h.db, await ctx(), officer, {
    unitId: civil.id,
    application: application({ idNumber: '110101199003074515', applicantName: '', deliveryMethod: 'post', address: '', applicantType: 'legal', idType: '居民身份证' }),
    registration: { channel: 'oral', arrivedOn: '2026-03-09' },
  }).catch((e) => e);
  assert.equal(bad.code, 'VALIDATION_FAILED');
  for (const f of ['applicantName', 'applicantSubtype', 'contactPerson', 'idType', 'address', 'arrivedOn']) assert.ok(bad.fields[f], f);
  assert.equal((await h.db.query('SELECT 1 FROM request_cases')).rows.length, 2);
  const stranger = await makeUser(h.db, civil.id, ['publisher'], { username: 'pub' });
  void stranger;
  await assert.rejects(
    registerApplication(h.db, await ctx(), await actorFor(h.db, 'pub'), {
      unitId: civil.id,
      application: application(),
      registration: { channel: 'in_person', arrivedOn: '2026-03-06' },
    }),
    { code: 'FORBIDDEN' },
  );
});

test('no correction in time closes the case as 其他处理-1, only once the period is over; an applicant may withdraw', async (t) => {
  const { h, civil, ctx } = await setup('2026-03-02T02:00:00Z');
  t.after(() => h.close());
  const officer = await actorFor(h.db, 'officer');
  const c = await registerApplication(h.db, await ctx(), officer, {
    unitId: civil.id,
    application: application(),
    registration: { channel: 'in_person', arrivedOn: '2026-03-02' },
  });
  const corr = await requestCorrection(h.db, await ctx(), officer, c.id, { onDate: '2026-03-02', items: '请说明所需信息的年度' });
  h.clock.set(`${corr.deadline}T02:00:00Z`);
  await assert.rejects(closeCase(h.db, await ctx(), officer, c.id, 'no_correction', { onDate: corr.deadline }), /尚未届满/);
  h.clock.set('2026-03-24T02:00:00Z');
  const closed = await closeCase(h.db, await ctx(), officer, c.id, 'no_correction', { onDate: '2026-03-24' });
  assert.equal(closed.state, 'replied');
  assert.equal((await getCase(h.db, c.id)).outcome, 'other_no_correction');
  assert.match(closed.letter.paragraphs.join(''), /逾期未补正，视为放弃申请/);
  const w = await registerApplication(h.db, await ctx(), officer, {
    unitId: civil.id,
    application: application(),
    registration: { channel: 'in_person', arrivedOn: '2026-03-24' },
  });
  await assert.rejects(closeCase(h.db, await ctx(), officer, w.id, 'withdrawn', { onDate: '2026-03-24' }), (e: { fields: Record<string, string> }) => !!e.fields.note);
  await closeCase(h.db, await ctx(), officer, w.id, 'withdrawn', { onDate: '2026-03-24', note: '申请人书面撤回' });
  assert.equal((await getCase(h.db, w.id)).outcome, 'other');
});

test('reminders before and after the due date are written once, however many nodes run the job at once', async (t) => {
  const { h, civil, ctx } = await setup('2026-03-02T02:00:00Z');
  t.after(() => h.close());
  const { remindDue } = await import('./commands/remindDue.ts');
  const officer = await actorFor(h.db, 'officer');
  const a = await registerApplication(h.db, await ctx(), officer, {
    unitId: civil.id,
    application: application(),
    registration: { channel: 'in_person', arrivedOn: '2026-03-02' },
  });
  assert.equal(await remindDue(h.db, await ctx()), 0, 'nothing due yet');
  // 3-09: the 补正 notice would be due 3-11 (7 working days after 3-02), within two working days.
  h.clock.set('2026-03-09T02:00:00Z');
  assert.equal(await remindDue(h.db, await ctx()), 1);
  // 3-26: due 3-30 is within three working days. Two nodes run the job at the same moment.
  h.clock.set('2026-03-26T02:00:00Z');
  const both = await Promise.all([remindDue(h.db, await ctx()), remindDue(h.db, await ctx())]);
  assert.equal(both[0] + both[1], 1);
  h.clock.set('2026-03-31T02:00:00Z');
  assert.equal(await remindDue(h.db, await ctx()), 1, 'overdue');
  assert.equal(await remindDue(h.db, await ctx()), 0);
  const kinds = (await h.db.query<{ kind: string; due_on: string }>('SELECT kind, due_on::text FROM case_reminders WHERE case_id = $1 ORDER BY created_at', [a.id])).rows;
  assert.deepEqual(kinds, [
    { kind: 'correction_notice_due', due_on: '2026-03-11' },
    { kind: 'due_soon', due_on: '2026-03-30' },
    { kind: 'overdue', due_on: '2026-03-30' },
  ]);
});

test('every step refuses empty input with a field-level message and writes nothing', async (t) => {
  const { h, civil, ctx } = await setup('2026-03-02T02:00:00Z');
  t.after(() => h.close());
  const { STEP_HANDLERS } = await import('./stepHandlers.ts');
  const head = await actorFor(h.db, 'head');
  const reg = async () =>
    (await registerApplication(h.db, await ctx(), head, { unitId: civil.id, application: application(), registration: { channel: 'in_person', arrivedOn: '2026-03-02' } })).id;
  const inState: Record<string, number> = {
    handling: await reg(),
    submitted: (await submitApplication(h.db, await ctx(), { unitId: civil.id, application: application() })).id,
  };
  inState.awaiting_correction = await reg();
  await requestCorrection(h.db, await ctx(), head, inState.awaiting_correction, { onDate: '2026-03-02', items: '请写明年度' });
  inState.consulting = await reg();
  await startConsultation(h.db, await ctx(), head, inState.consulting, { onDate: '2026-03-02', party: 'third_party', partyName: '某公司' });
  inState.awaiting_fee = await reg();
  await sendFeeNotice(h.db, await ctx(), head, inState.awaiting_fee, { onDate: '2026-03-02', method: 'page', count: 100 });
  inState.replied = await reg();
  await decideCase(h.db, await ctx(), head, inState.replied, { onDate: '2026-03-02', outcome: 'unable_not_held' });
  // A reply proposed by the officer where the unit asks for the head's approval.
  const { setReplyApproval } = await import('./commands/replyApproval.ts');
  await setReplyApproval(h.db, head, new Date(), { unitId: civil.id, on: true });
  inState.awaiting_approval = await reg();
  await decideCase(h.db, await ctx(), await actorFor(h.db, 'officer'), inState.awaiting_approval, { onDate: '2026-03-02', outcome: 'unable_not_held' });
  const cases: [string, string, string][] = [
    ['confirm', 'submitted', 'confirmedOn'],
    ['correction', 'handling', 'onDate'],
    ['receive-correction', 'awaiting_correction', 'onDate'],
    ['close-no-correction', 'awaiting_correction', 'onDate'],
    ['consult', 'handling', 'onDate'],
    ['end-consult', 'consulting', 'onDate'],
    ['extend', 'handling', 'approvedOn'],
    ['fee', 'handling', 'onDate'],
    ['fee-paid', 'awaiting_fee', 'onDate'],
    ['close-unpaid', 'awaiting_fee', 'onDate'],
    ['decide', 'handling', 'outcome'],
    ['approve-reply', 'awaiting_approval', 'onDate'],
    ['return-reply', 'awaiting_approval', 'opinion'],
    ['deliver', 'replied', 'onDate'],
    ['assign', 'handling', 'officerId'],
    ['transfer', 'handling', 'toUnitId'],
    ['withdrawn', 'handling', 'onDate'],
    ['review', 'replied', 'kind'],
  ];
  assert.deepEqual(new Set(cases.map((c) => c[0])), new Set(Object.keys(STEP_HANDLERS).filter((k) => k !== 'archive' && k !== 'proactive')), 'every step with input is covered');
  const count = async () => (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_events')).rows[0].n;
  const before = await count();
  for (const [step, state, field] of cases) {
    const err = await STEP_HANDLERS[step](h.db, await ctx(), head, inState[state], {}).then(
      () => null,
      (e) => e,
    );
    assert.ok(err, `${step} accepted empty input`);
    assert.equal(err.code, 'VALIDATION_FAILED', step);
    assert.ok(err.fields[field], `${step}: ${JSON.stringify(err.fields)}`);
  }
  assert.equal(await count(), before);
});
