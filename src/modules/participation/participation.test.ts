import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar } from '../../lib/calendar.ts';
import { consultationDays, consultationStatus, daysLeft, feedbackDueOn, periodProblems } from './status.ts';
import { splitClauses } from './clauses.ts';
import { groupDuplicates, minhash, similarity } from './duplicates.ts';
import { adoptionReport, incompleteDispositions, maskName, reportHtml, type ReportComment } from './report.ts';

test('status follows the dates and the feedback: 未开始 → 征集中 → 已截止 → 已反馈; drafts and withdrawn ones stay so', () => {
  const c = { state: 'published' as const, opens_on: '2026-06-01', closes_on: '2026-06-30', concluded: false };
  assert.equal(consultationStatus(c, '2026-05-31'), 'upcoming');
  assert.equal(consultationStatus(c, '2026-06-01'), 'open');
  assert.equal(consultationStatus(c, '2026-06-30'), 'open', 'the closing day is still open');
  assert.equal(consultationStatus(c, '2026-07-01'), 'closed');
  assert.equal(consultationStatus({ ...c, concluded: true }, '2026-07-01'), 'concluded');
  assert.equal(consultationStatus({ ...c, state: 'draft' }, '2026-06-10'), 'draft');
  assert.equal(consultationStatus({ ...c, state: 'withdrawn' }, '2026-06-10'), 'withdrawn');
  assert.equal(daysLeft(c, '2026-06-30'), 1);
  assert.equal(daysLeft(c, '2026-06-01'), 30);
  assert.equal(daysLeft(c, '2026-07-02'), 0);
});

test('the 30-day rule (713号 Art. 15): fewer days only with a stated reason', () => {
  assert.equal(consultationDays('2026-06-01', '2026-06-30'), 30);
  assert.deepEqual(periodProblems({ opensOn: '2026-06-01', closesOn: '2026-06-30', shortenedReason: '' }), {});
  const short = periodProblems({ opensOn: '2026-06-01', closesOn: '2026-06-29', shortenedReason: '' });
  assert.match(short.shortenedReason, /征求意见期限为29日，少于30日：须说明缩短期限的理由/);
  assert.deepEqual(periodProblems({ opensOn: '2026-06-01', closesOn: '2026-06-15', shortenedReason: '防汛应急需要，须在主汛期前出台' }), {});
  assert.deepEqual(periodProblems({ opensOn: '2026-06-10', closesOn: '2026-06-01', shortenedReason: '' }), { closesOn: '截止日期不能早于开始日期' });
  assert.deepEqual(Object.keys(periodProblems({ opensOn: '2026-02-30', closesOn: '', shortenedReason: '' })), ['opensOn', 'closesOn']);
});

test('feedback is due 20 working days after the close on the calendar, or with the decision if earlier', () => {
  const cal = buildCalendar();
  // Closing 2026-09-25 (Friday): the National Day week is skipped.
  const due = feedbackDueOn('2026-09-25', cal, 20);
  assert.equal(due, cal.addWorkingDays('2026-09-25', 20).date);
  assert.ok(due > '2026-10-22', due);
  assert.equal(feedbackDueOn('2026-09-25', cal, 20, '2026-10-09'), '2026-10-09');
  assert.equal(feedbackDueOn('2026-09-25', cal, 20, '2027-01-01'), due);
});

test('a draft is addressed article by article; paragraphs belong to their article; a draft without articles by paragraph', () => {
  const html =
    '<p>示范市养犬管理规定（征求意见稿）</p><p>第一章　总则</p><p>第一条　为了规范养犬行为，制定本规定。</p><p>第二条　本市行政区域内的养犬管理适用本规定。</p><p>重点管理区由市人民政府划定。</p><p>第二章　养犬登记</p><p>第十条　个人养犬应当办理登记。</p>';
  const clauses = splitClauses(html);
  assert.deepEqual(
    clauses.map((c) => [c.key, c.label]),
    [
      ['a1', '第一条'],
      ['a2', '第二条'],
      ['a3', '第十条'],
    ],
  );
  assert.equal(clauses[1].text, '第二条　本市行政区域内的养犬管理适用本规定。\n重点管理区由市人民政府划定。');
  assert.deepEqual(
    splitClauses('<p>一、提高标准。</p><p>二、扩大范围。</p>').map((c) => c.label),
    ['第1段', '第2段'],
  );
});

const body = {
  a: '建议将养犬登记年检改为三年一次，减少群众跑腿，同时通过线上渠道办理登记和年检手续。',
  b: '大型犬禁养目录应当公开征求兽医协会的意见，并说明列入目录的依据和标准。',
};

test('copies and templates are grouped: exact copies, near copies with a changed word or punctuation; short texts only when identical', () => {
  const comments = [
    { id: 1, body: body.a },
    { id: 2, body: body.a.replace('，', ', ') },
    { id: 3, body: body.a.replace('三年', '两年') },
    { id: 4, body: body.b },
    { id: 5, body: '同意' },
    { id: 6, body: '同意。' },
    { id: 7, body: '不同意' },
  ];
  const r = groupDuplicates(comments);
  assert.deepEqual(
    r.groups.map((g) => g.ids),
    [
      [1, 2, 3],
      [5, 6],
    ],
  );
  assert.equal(r.unique, 4);
  assert.equal(r.copies, 3);
  assert.ok(similarity(minhash(body.a), minhash(body.b)) < 0.3, 'different views stay apart');
});

test('the adoption report counts by disposition, channel and clause; lists each view not adopted once with its reason; masks names and personal data', () => {
  const clauses = splitClauses('<p>第一条　目的。</p><p>第二条　范围。</p>');
  const c = (o: Partial<ReportComment> & { id: number }): ReportComment => ({
    clause_key: '',
    channel: 'website',
    name: '',
    body: body.a,
    consent_publish: true,
    disposition: 'adopted',
    reason: '',
    ...o,
  });
  const comments = [
    c({ id: 1, clause_key: 'a1', name: '朱明', disposition: 'adopted' }),
    c({ id: 2, clause_key: 'a2', name: '李', body: body.b, disposition: 'not_adopted', reason: '禁养目录依据上位法制定' }),
    c({ id: 3, clause_key: 'a2', name: '王小二', body: body.b, disposition: 'not_adopted', reason: '禁养目录依据上位法制定', channel: 'letter' }),
    c({ id: 4, body: '我的电话13912345678，请联系我', disposition: 'out_of_scope', reason: '不属于本规定调整范围' }),
    c({
      id: 5,
      clause_key: 'a1',
      body: '建议明确犬只免疫接种的具体时限和费用标准，并在社区公示接种点。',
      consent_publish: false,
      disposition: 'partly_adopted',
      reason: '部分内容已有规定',
      channel: 'meeting',
    }),
  ];
  assert.deepEqual(incompleteDispositions([...comments, c({ id: 6, disposition: null }), c({ id: 7, disposition: 'not_adopted', reason: ' ' })]), [6, 7]);
  const r = adoptionReport(clauses, comments, groupDuplicates(comments));
  assert.deepEqual(r.byDisposition, { adopted: 1, partly_adopted: 1, not_adopted: 2, out_of_scope: 1 });
  assert.deepEqual(r.byChannel, { website: 3, letter: 1, email: 0, meeting: 1, hearing: 0 });
  assert.deepEqual(r.byClause, [
    { label: '全文', count: 1, adopted: 0 },
    { label: '第一条', count: 2, adopted: 2 },
    { label: '第二条', count: 2, adopted: 0 },
  ]);
  assert.deepEqual(r.notAdopted, [{ label: '第二条', body: body.b, reason: '禁养目录依据上位法制定', copies: 1 }]);
  assert.deepEqual(
    r.rows.map((x) => x.commenter),
    ['朱*', '*', '王**', '匿名', '匿名'],
  );
  assert.ok(!r.rows[3].body.includes('13912345678'), r.rows[3].body);
  assert.equal(r.rows[4].body, '（对第一条提出的意见，意见人未同意公开原文）');
  assert.equal(maskName('欧阳修文'), '欧**');
  const html = reportHtml({ title: '示范市养犬管理规定（征求意见稿）', opensOn: '2026-06-01', closesOn: '2026-06-30', unitName: '示范市公安局' }, r);
  assert.match(html, /共收到意见5条（网站3条，信函1条，座谈会1条），其中内容相同或基本相同的1条，不同意见4条。/);
  assert.match(html, /采纳1条，部分采纳1条，不采纳2条，不属于本次征求意见范围1条；采纳和部分采纳共2条。/);
  assert.match(html, /（另有1条相同意见）<\/p><p>理由：禁养目录依据上位法制定<\/p>/);
});
