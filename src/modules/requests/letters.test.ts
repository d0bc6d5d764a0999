/**
 * Every kind of letter, and every outcome of a reply, read as Chinese should: whatever staff typed (with or without a
 * final full stop, a full stop inside quotes, a trailing comma or semicolon), no sentence ends twice ("。。", "。”。",
 * "，。", "；。"), and the statute's numbers come from the clock's constants.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clause, letterText, sentence, type LetterKind } from './letters.ts';
import { OUTCOMES } from './outcomes.ts';
import { CONSULTATION_WORKING_DAYS, FEE_PAYMENT_WORKING_DAYS, REPLY_WORKING_DAYS } from './clock.ts';
import type { CaseRow } from './caseStore.ts';

const c = {
  id: 1,
  case_no: 'YSQ2026000001',
  unit_name: '清河镇人民政府',
  applicant_name: '李四',
  info_title: '清河镇2025年道路维修工程招标文件',
  info_doc_no: '',
  info_description: '招标文件和中标结果',
  received_on: '2026-03-02',
  delivery_form: 'electronic',
  delivery_method: 'online',
} as unknown as CaseRow;

const DOUBLED = /[。，；：、][。，；：、]|。[”’」』）)]。|[，；]”?。/u;
const typed = ['招标文件已于3月1日公开', '招标文件已于3月1日公开。', '该文件称“已公开。”', '见附件；', '见附件，', '  见附件。  '];

function check(kind: LetterKind, d: Record<string, unknown>, where: string) {
  for (const p of letterText(kind, c, d, '2026-03-05')) assert.doesNotMatch(p, DOUBLED, `${where}: ${p}`);
}

test('sentence and clause end text once', () => {
  assert.equal(sentence('见附件'), '见附件。');
  assert.equal(sentence('见附件。'), '见附件。');
  assert.equal(sentence('该文件称“已公开。”'), '该文件称“已公开。”');
  assert.equal(sentence('见附件；'), '见附件。');
  assert.equal(sentence('是否公开？'), '是否公开？');
  assert.equal(clause('工作量大。'), '工作量大');
  assert.equal(clause('工作量大，'), '工作量大');
});

test('no letter ends a sentence twice, whatever staff typed', () => {
  for (const t of typed) {
    check('receipt', {}, 'receipt');
    check('correction_notice', { items: [t, '请说明所需信息的年份'], deadline: '2026-03-20' }, 'correction');
    check('consultation_letter', { partyName: '某建设公司', party: 'third_party' }, 'consultation');
    check('consultation_letter', { partyName: '示范市财政局', party: 'inter_agency' }, 'consultation');
    check('extension_notice', { reason: t, workingDays: 20, newDueOn: '2026-04-28' }, 'extension');
    check('fee_notice', { method: 'piece', before: 10, count: 3, amount: 300, payBy: '2026-04-01' }, 'fee');
    check('fee_notice', { method: 'page', count: 120, amount: 60, payBy: '2026-04-01' }, 'fee');
    for (const o of OUTCOMES) {
      check('reply', { outcome: o.code, detail: t, withheldReason: t, responsibleAgency: `${t.trim()}`, publishedUrl: 'https://gov.example.cn/xxgk/a/items/1' }, `reply ${o.code}`);
      check('reply', { outcome: o.code }, `reply ${o.code} without detail`);
    }
  }
});

test('the statute’s numbers in letters come from the clock', () => {
  assert.match(letterText('receipt', c, {}, '2026-03-05').join(''), new RegExp(`${REPLY_WORKING_DAYS}个工作日内予以答复`));
  assert.match(letterText('consultation_letter', c, { partyName: 'x', party: 'third_party' }, '2026-03-05').join(''), new RegExp(`${CONSULTATION_WORKING_DAYS}个工作日内提出意见`));
  assert.match(
    letterText('fee_notice', c, { method: 'page', count: 1, amount: 1, payBy: '2026-04-01' }, '2026-03-05').join(''),
    new RegExp(`${FEE_PAYMENT_WORKING_DAYS}个工作日内缴纳`),
  );
});
