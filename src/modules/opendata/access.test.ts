import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar } from '../../lib/calendar.ts';
import { ValidationError } from '../../lib/errors.ts';
import { checkAnswer, checkApplication, checkDemand, checkGrant, COMMITMENTS, dueDate, isLate, mayDownload, nextAccessState } from './access.ts';

const input = {
  applicantName: ' 李研究 ',
  organisation: '示范大学',
  creditCode: '12440000mb2c92761x',
  contact: 'li@example.edu.cn',
  purpose: '研究本市低保对象的分布和救助水平变化，用于学术论文。',
  securityMeasures: '内网服务器存放，仅课题组可访问。',
  commitments: Object.keys(COMMITMENTS),
};

const fields = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return Object.keys(e.fields).sort();
    throw e;
  }
  return [];
};

test('an application reports every problem at once and needs every commitment', () => {
  const v = checkApplication(input);
  assert.equal(v.applicantName, '李研究');
  assert.equal(v.creditCode, '12440000MB2C92761X');
  assert.deepEqual(
    fields(() => checkApplication({ ...input, applicantName: '', purpose: '太短', commitments: ['purpose_only'] })),
    ['applicantName', 'commitments', 'purpose'],
  );
  // The GB 32100 alphabet has no I, O, S, V, Z.
  assert.deepEqual(
    fields(() => checkApplication({ ...input, creditCode: '12440000MB2C92761O' })),
    ['creditCode'],
  );
  assert.deepEqual(
    fields(() => checkApplication({ ...input, creditCode: '' })),
    [],
  );
});

test('a grant has a term after today and within three years; a decided application stays decided', () => {
  assert.deepEqual(checkGrant({ conditions: ' 仅限课题组 ', grantedUntil: '2027-03-01' }, '2026-03-02'), { conditions: '仅限课题组', grantedUntil: '2027-03-01' });
  assert.deepEqual(
    fields(() => checkGrant({ conditions: '', grantedUntil: '2026-03-02' }, '2026-03-02')),
    ['grantedUntil'],
  );
  assert.deepEqual(
    fields(() => checkGrant({ conditions: '', grantedUntil: '2029-03-03' }, '2026-03-02')),
    ['grantedUntil'],
  );
  assert.equal(nextAccessState('received', 'grant'), 'granted');
  assert.throws(() => nextAccessState('refused', 'grant'), /不能再作出决定/);
  assert.throws(() => nextAccessState('granted', 'withdraw'), /不能再撤回/);
});

test('downloads only while granted and within the term; late when decided after the due date', () => {
  assert.equal(mayDownload({ state: 'granted', granted_until: '2026-12-31' }, '2026-12-31'), true);
  assert.equal(mayDownload({ state: 'granted', granted_until: '2026-12-31' }, '2027-01-01'), false);
  assert.equal(mayDownload({ state: 'refused', granted_until: null }, '2026-01-01'), false);
  assert.equal(isLate('2026-03-09', '2026-03-09', '2026-04-01'), false);
  assert.equal(isLate('2026-03-09', null, '2026-03-10'), true);
  assert.equal(isLate('2026-03-09', null, '2026-03-09'), false);
});

test('due dates count working days after the day of receipt on the calendar', () => {
  const calendar = buildCalendar();
  // Friday 2026-09-25 + 5 working days: 09-28, 09-29, 09-30, then the National Day holiday, then 10-09 and on.
  const due = dueDate(calendar, '2026-09-25', 5);
  assert.equal(due, calendar.addWorkingDays('2026-09-25', 5).date);
  assert.ok(due > '2026-10-08', due);
  assert.equal(dueDate(calendar, '2026-03-02', 5), '2026-03-09');
});

test('demands and answers', () => {
  assert.equal(checkDemand({ kind: 'new_data', title: ' 招生人数 ', body: '希望开放各小学历年招生人数。', writerName: '', contact: '' }).title, '招生人数');
  assert.deepEqual(
    fields(() => checkDemand({ kind: 'other', title: '', body: '短', writerName: '', contact: '' })),
    ['body', 'kind', 'title'],
  );
  assert.deepEqual(checkAnswer('已整理，本月开放。谢谢关注。', true, '不该保留'), { answer: '已整理，本月开放。谢谢关注。', privateReason: '' });
  assert.deepEqual(
    fields(() => checkAnswer('已整理，本月开放。谢谢关注。', false, '')),
    ['privateReason'],
  );
});
