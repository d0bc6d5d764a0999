import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyTemplate, templateProblems } from './templates.ts';

test('a template frames the generated text; {正文} must stay, alone and once; unknown placeholders are named', () => {
  const generated = ['张三：', '经审查，……。', '如对本答复不服，……。'];
  const fields = { applicant: '张三', caseNo: 'YSQ2026000001', unitName: '示范市民政局' };
  assert.deepEqual(applyTemplate(['{称呼}', '{正文}'], generated, fields), generated);
  assert.deepEqual(applyTemplate(['尊敬的{申请人}：', '{正文}', '（{受理机关}，申请编号{申请编号}）'], generated, fields), [
    '尊敬的张三：',
    '经审查，……。',
    '如对本答复不服，……。',
    '（示范市民政局，申请编号YSQ2026000001）',
  ]);
  assert.deepEqual(templateProblems(['{称呼}', '{正文}', '联系电话：0999-12345005']), []);
  assert.match(templateProblems(['{称呼}', '联系人'])[0], /正文/);
  assert.match(templateProblems(['{称呼}', '{正文}', '{正文}'])[0], /只出现一次/);
  assert.match(templateProblems(['正文：{正文}'])[0], /单独成段/);
  assert.match(templateProblems(['{正文}', '{电话}']).join(), /不认识的占位符：\{电话\}/);
});
