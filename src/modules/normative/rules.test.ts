/** The pure rules of a cleanup: what a decision needs, what it does to validity, and the published list. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDecision, checkFiling, resultHtml, VALIDITY_AFTER } from './rules.ts';

test('a decision needs what it needs: 修改 its revising document, 废止 and 失效 a reason', () => {
  assert.equal(checkDecision({ decision: 'keep', followUpIndexNo: '', reason: '' }), 'keep');
  assert.throws(() => checkDecision({ decision: 'revise', followUpIndexNo: ' ', reason: '' }), { fields: { followUpIndexNo: '修改的，请填写修改后文件的索引号' } });
  assert.throws(() => checkDecision({ decision: 'expire', followUpIndexNo: '', reason: '' }), { fields: { reason: '废止或宣布失效的，请写明理由' } });
  assert.throws(() => checkDecision({ decision: 'delete', followUpIndexNo: '', reason: '' }), { fields: { decision: '请选择清理结果' } });
  assert.deepEqual(VALIDITY_AFTER, { keep: null, revise: 'revised', repeal: 'repealed', expire: 'expired' });
});

test('a filing record needs its date, body and conclusion', () => {
  assert.equal(checkFiling({ filedOn: '2026-03-09', filedWith: '示范市司法局', conclusion: 'pending' }), 'pending');
  assert.throws(
    () => checkFiling({ filedOn: '', filedWith: '', conclusion: '' }),
    (e: { fields: Record<string, string> }) => Object.keys(e.fields).sort().join() === 'conclusion,filedOn,filedWith',
  );
});

test('the result list counts each decision and escapes what it prints', () => {
  const html = resultHtml('现将清理结果公布如下。', [
    { title: '办法<一>', doc_no: '示民规〔2021〕1号', decision: 'keep', reason: '', follow_up_title: null },
    { title: '细则', doc_no: '', decision: 'revise', reason: '修订', follow_up_title: '细则（修订）' },
  ]);
  assert.match(html, /共清理 2 件：继续有效 1 件，修改 1 件，废止 0 件，宣布失效 0 件/);
  assert.match(html, /<td>办法&lt;一&gt;<\/td>/);
  assert.match(html, /<td>修订；见《细则（修订）》<\/td>/);
});
