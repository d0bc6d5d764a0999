import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar } from '../../lib/calendar.ts';
import {
  feedbackIndicator,
  homeIndicator,
  interpretationIndicator,
  messagesIndicator,
  requestIndicator,
  timelinessIndicator,
  withheldIndicator,
  type MessageRecord,
} from './indicators.ts';

const cal = buildCalendar();
const item = (id: number, formedDate: string, publishDate: string) => ({ id, title: `信息${id}`, href: `/x/${id}`, formedDate, publishDate });

test('each indicator on a fixed date counts exactly the records that break its rule', () => {
  const asOf = '2026-11-24';
  const req = requestIndicator(
    [
      { id: 1, caseNo: 'A', dueOn: '2026-11-20', repliedOn: null, open: true },
      { id: 2, caseNo: 'B', dueOn: '2026-11-30', repliedOn: null, open: true },
      { id: 3, caseNo: 'C', dueOn: '2026-10-10', repliedOn: '2026-10-12', open: false },
      { id: 4, caseNo: 'D', dueOn: '2026-10-10', repliedOn: '2026-10-10', open: false },
      { id: 5, caseNo: 'E', dueOn: null, repliedOn: null, open: true },
    ],
    asOf,
  );
  assert.deepEqual(
    req.findings.map((f) => [f.id, f.detail]),
    [
      [1, '逾期未答复（期限 2026-11-20）'],
      [3, '超期答复（期限 2026-10-10，2026-10-12 答复）'],
    ],
  );
  // Formed 9-21: 20 working days end 10-26 (see the catalogue coverage test).
  assert.deepEqual(
    timelinessIndicator([item(1, '2026-09-21', '2026-10-26'), item(2, '2026-09-21', '2026-10-27')], cal).findings.map((f) => f.id),
    [2],
  );
  // Policies published Mon 11-02: interpretations due by Thu 11-05.
  const policies = [item(10, '2026-11-02', '2026-11-02'), item(11, '2026-11-02', '2026-11-02'), item(12, '2026-11-02', '2026-11-02'), item(13, '2026-11-23', '2026-11-23')];
  const interp = interpretationIndicator(
    policies,
    [
      { id: 20, title: '解读10', href: '', form: 'graphic', publishDate: '2026-11-05', interprets: [10] },
      { id: 21, title: '解读11', href: '', form: 'text', publishDate: '2026-11-06', interprets: [11] },
    ],
    cal,
    asOf,
  );
  assert.deepEqual(
    interp.findings.map((f) => [f.id, f.detail]),
    [
      [11, '解读于 2026-11-06 发布，晚于 2026-11-05'],
      [12, '没有政策解读（应于 2026-11-05 前发布）'],
    ],
    'policy 13 still has time',
  );
  assert.deepEqual(interp.share, { value: 0.5, target: 0.3 });
  assert.deepEqual(
    withheldIndicator(
      [
        { id: 30, title: '登记信息', href: '', since: '2025-11-24' },
        { id: 31, title: '较新', href: '', since: '2025-11-25' },
      ],
      asOf,
    ).findings.map((f) => f.id),
    [30],
  );
  assert.equal(homeIndicator('2026-11-10', asOf, { id: 1, slug: 'mz' }).findings.length, 0);
  assert.equal(homeIndicator('2026-11-09', asOf, { id: 1, slug: 'mz' }).findings.length, 1);
  assert.equal(homeIndicator(null, asOf, { id: 1, slug: 'mz' }).findings[0].detail, '从未发布信息');
});

test('the wording check names the expression, the right form and where it stands', async () => {
  const { wordingIndicator } = await import('./indicators.ts');
  const r = wordingIndicator(
    [
      { id: 1, title: '通知', href: '/x/1', text: '截止目前共受理申请20件，再接再励。' },
      { id: 2, title: '公告', href: '/x/2', text: '截至目前一切正常。' },
    ],
    [
      { wrong: '截止目前', correct: '截至目前', kind: 'wrong' },
      { wrong: '再接再励', correct: '再接再厉', kind: 'wrong' },
    ],
  );
  assert.deepEqual(
    r.findings.map((f) => [f.id, f.detail]),
    [
      [1, '“截止目前”应为“截至目前”：…截止目前共受理申请20件，再…'],
      [1, '“再接再励”应为“再接再厉”：…前共受理申请20件，再接再励。…'],
    ],
  );
});

test('columns: switched on and empty, or older than their rhythm', async () => {
  const { columnsIndicator } = await import('./indicators.ts');
  const r = columnsIndicator(
    [
      { code: 'a', label: '统计信息', enabled: true, rhythmDays: 31, rhythmLabel: '月', last: '2026-10-23' },
      { code: 'b', label: '财政预决算', enabled: true, rhythmDays: 366, rhythmLabel: '年', last: '2026-01-10' },
      { code: 'c', label: '规划信息', enabled: true, last: null },
      { code: 'd', label: '关闭的栏目', enabled: false, last: null },
      { code: 'e', label: '法规文件', enabled: true, last: '2020-01-01' },
    ],
    '2026-11-24',
    { id: 1, slug: 'mz' },
  );
  assert.deepEqual(
    r.findings.map((f) => [f.label, f.detail]),
    [
      ['统计信息', '应每月更新，最近一次 2026-10-23'],
      ['规划信息', '空白栏目：开启但没有任何信息'],
    ],
  );
});

test('links to the platform’s own items that no longer lead anywhere are found; external links are left alone', async () => {
  const { linksIndicator, linkedIds } = await import('./indicators.ts');
  const html = '<p><a href="/xxgk/mz/items/5">现行</a> <a href="https://gk.example.gov.cn/xxgk/mz/items/6#a">已撤回</a> <a href="https://www.gov.cn/zhengce/1.htm">外部</a></p>';
  assert.deepEqual(linkedIds([html]), [5, 6]);
  const r = linksIndicator([{ id: 1, title: '通知', href: '/x/1', html }], new Set([5]));
  assert.deepEqual(
    r.findings.map((f) => f.detail),
    ['链接指向的信息（编号 6）已撤回或不存在'],
  );
});

test('consultation feedback: overdue and unpublished, or published late, is a finding; on time or not yet due is not', () => {
  const r = feedbackIndicator(
    [
      { id: 1, title: '养犬管理规定', dueOn: '2026-07-28', publishedOn: null },
      { id: 2, title: '停车收费办法', dueOn: '2026-07-28', publishedOn: '2026-07-30' },
      { id: 3, title: '公园管理办法', dueOn: '2026-07-28', publishedOn: '2026-07-20' },
      { id: 4, title: '噪声管理办法', dueOn: '2026-08-30', publishedOn: null },
    ],
    '2026-08-01',
  );
  assert.deepEqual(
    r.findings.map((f) => [f.id, f.detail]),
    [
      [1, '逾期未公布意见采纳情况（期限 2026-07-28）'],
      [2, '超期公布意见采纳情况（期限 2026-07-28，2026-07-30 公布）'],
    ],
  );
  assert.equal(r.findings[0].href, '/staff/consultations/1');
});

test('messages: overdue, answered late, a 差评 not rectified, and the three-month veto named on its own', () => {
  const m = (id: number, over: Partial<MessageRecord>): MessageRecord => ({
    id,
    case_no: `LY2026${String(id).padStart(6, '0')}`,
    title: `留言${id}`,
    state: 'open',
    received_on: '2026-05-04',
    due_on: '2026-05-11',
    replied_on: null,
    rectify_due_on: null,
    rectified_on: null,
    ...over,
  });
  const r = messagesIndicator(
    [
      m(1, {}),
      m(2, { received_on: '2026-04-01', due_on: '2026-04-08' }),
      m(3, { state: 'replied', replied_on: '2026-05-12' }),
      m(4, { state: 'replied', replied_on: '2026-05-08', rectify_due_on: '2026-05-29' }),
      m(5, { state: 'replied', replied_on: '2026-05-08', rectify_due_on: '2026-05-29', rectified_on: '2026-05-20' }),
      m(6, { due_on: '2026-07-20' }),
    ],
    '2026-07-02',
  );
  assert.deepEqual(
    r.findings.map((f) => [f.id, f.detail]),
    [
      [1, '逾期未答复（期限 2026-05-11）'],
      [2, '超过3个月未答复（2026-04-01收到），网站单项否决'],
      [3, '超期答复（期限 2026-05-11，2026-05-12 答复）'],
      [4, '差评未按期整改（期限 2026-05-29）'],
    ],
  );
});
