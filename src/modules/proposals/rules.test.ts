/** The rules of 建议提案办理: the default reply date, the publication decision's required text, the yearly counts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPublication, defaultReplyDue, reportSentence, yearSummary, type SummaryRow } from './rules.ts';

test('the reply is due three calendar months after assignment, at the month’s end when shorter', () => {
  assert.equal(defaultReplyDue('2026-03-15'), '2026-06-15');
  assert.equal(defaultReplyDue('2026-11-30'), '2027-02-28');
});

test('全文公开 needs nothing more; 摘要公开 its summary and reason; 不公开 its reason', () => {
  assert.deepEqual(checkPublication('full', '', ''), { publication: 'full', reason: '', summary: '' });
  assert.throws(
    () => checkPublication('none', ' ', ''),
    (e: { fields: Record<string, string> }) => !!e.fields.publicationReason,
  );
  assert.throws(
    () => checkPublication('summary', '涉及个人隐私', ''),
    (e: { fields: Record<string, string> }) => !!e.fields.summary && !e.fields.publicationReason,
  );
  assert.throws(
    () => checkPublication('secret', '', ''),
    (e: { fields: Record<string, string> }) => !!e.fields.publication,
  );
});

test('the yearly summary counts answered, on time and published per kind; withdrawn entries do not count', () => {
  const row = (o: Partial<SummaryRow>): SummaryRow => ({
    kind: 'suggestion',
    state: 'replied',
    replied_on: '2026-05-01',
    reply_due_on: '2026-06-01',
    publication: 'full',
    published: true,
    ...o,
  });
  const s = yearSummary([
    row({}),
    row({ publication: 'summary' }),
    row({ publication: 'none', published: false, replied_on: '2026-07-01' }),
    row({ state: 'assigned', replied_on: null, publication: '', published: false }),
    row({ state: 'withdrawn', replied_on: null, publication: '', published: false }),
    row({ kind: 'proposal', publication: 'full', published: false }),
  ]);
  assert.deepEqual(
    [s.suggestion.assigned, s.suggestion.replied, s.suggestion.onTime, s.suggestion.full, s.suggestion.summary, s.suggestion.none, s.suggestion.published],
    [4, 3, 2, 1, 1, 1, 2],
  );
  assert.equal(s.suggestion.publishedShare, 2 / 3);
  assert.equal(s.proposal.published, 0, 'decided but not yet published through review');
  assert.equal(
    reportSentence(2026, s),
    '2026年承办人大代表建议4件，已答复3件，公开答复2件（全文公开1件、摘要公开1件），不公开1件；承办政协委员提案1件，已答复1件，公开答复0件（全文公开1件、摘要公开0件），不公开0件。',
  );
  assert.equal(reportSentence(2026, yearSummary([])), '');
});
