import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar } from '../../lib/calendar.ts';
import { assertTransfer, clockStart, dispatchUnit, dueOn, explainReplyDue, replyWorkingDays, transferOverdue, vetoLine } from './rules.ts';

const cal = buildCalendar();

test('reply clocks: the unit’s setting for type and channel, then for the type, then the default; counted on the calendar', () => {
  const settings = [
    { type: 'complaint', channel: 'hotline', working_days: 3 },
    { type: 'complaint', channel: '', working_days: 12 },
  ];
  assert.equal(replyWorkingDays('complaint', 'hotline', settings), 3);
  assert.equal(replyWorkingDays('complaint', 'website', settings), 12);
  assert.equal(replyWorkingDays('consult', 'website', settings), 5);
  // 2026 国庆: 1–7 October off, 10 October (Sat) a make-up working day. A consultation received on 30 September is due 5
  // working days later: 8, 9, 10 (make-up), 12, 13 October.
  assert.equal(dueOn('2026-09-30', 5, cal), '2026-10-13');
  // Spring Festival 2026 (15–23 February off, 14 and 28 February make-up days).
  assert.equal(dueOn('2026-02-13', 1, cal), '2026-02-14');
});

test('dispatch: category and area, else the category anywhere, else none', () => {
  const cat = [
    { category: '城乡建设', area: '城东区', unit_id: 7 },
    { category: '城乡建设', area: '', unit_id: 3 },
    { category: '教育', area: '', unit_id: 5 },
  ];
  assert.equal(dispatchUnit(cat, '城乡建设', '城东区'), 7);
  assert.equal(dispatchUnit(cat, '城乡建设', '城西区'), 3);
  assert.equal(dispatchUnit(cat, '医疗卫生', '城东区'), null);
});

test('"not ours" names another unit and says why; only an open message; undecided after a working day goes to the office', () => {
  assert.doesNotThrow(() => assertTransfer('open', 1, 2, '属于住建部门职责'));
  assert.throws(
    () => assertTransfer('open', 1, null, ''),
    (e: { fields: object }) => 'toUnitId' in e.fields && 'reason' in e.fields,
  );
  assert.throws(
    () => assertTransfer('open', 1, 1, '不是我们'),
    (e: { fields: object }) => 'toUnitId' in e.fields,
  );
  assert.throws(() => assertTransfer('replied', 1, 2, 'x'), { code: 'MESSAGE_INVALID_TRANSITION' });
  assert.equal(transferOverdue({ state: 'transferring', transfer_due_on: '2026-03-03' }, '2026-03-03'), false);
  assert.equal(transferOverdue({ state: 'transferring', transfer_due_on: '2026-03-03' }, '2026-03-04'), true);
  assert.equal(transferOverdue({ state: 'open', transfer_due_on: null }, '2026-03-04'), false);
});

test('the three-month veto line is three calendar months, at the month’s end when shorter', () => {
  assert.equal(vetoLine('2026-03-15'), '2026-06-15');
  assert.equal(vetoLine('2026-11-30'), '2027-02-28');
  assert.equal(vetoLine('2026-01-31'), '2026-04-30');
});

test('the due date explained: the clock restarts at a transfer or an extension, and the holidays skipped are named', () => {
  const calendar = buildCalendar();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const events = [
    { kind: 'received', at: new Date('2026-09-25T02:00:00Z'), details: {} },
    { kind: 'transfer_accepted', at: new Date('2026-09-29T02:00:00Z'), details: {} },
  ];
  assert.deepEqual(clockStart('2026-09-25', events.slice(0, 1), day), { date: '2026-09-25', what: '收到留言' });
  const start = clockStart('2026-09-25', events, day);
  assert.deepEqual(start, { date: '2026-09-29', what: '接收转办' });
  const due = calendar.addWorkingDays(start.date, 5).date;
  const text = explainReplyDue(start, due, calendar);
  assert.match(text, new RegExp(`^自接收转办之日（2026-09-29）的次日起算 5 个工作日，${due} 前答复`));
  assert.match(text, /跳过法定节假日 2026-10-01（[^）]*国庆/);
  const extended = clockStart('2026-09-25', [...events, { kind: 'extended', at: new Date('2026-10-12T02:00:00Z'), details: { from: due } }], day);
  assert.deepEqual(extended, { date: due, what: '原答复期限' });
});
