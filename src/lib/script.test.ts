import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTraditionalOnly, toSimplifiedText } from './script.ts';
import { normalise } from '../modules/search/text.ts';
import { logForm } from '../modules/search/query.ts';

test('Simplified text is left as it is; Traditional text is converted by phrase', () => {
  // 么 is the Simplified form of 麼; a character table maps it to 幺 (the Traditional 么), which used to show in
  // stored and shown queries as 低保怎幺申请.
  assert.equal(isTraditionalOnly('么'), false);
  assert.equal(isTraditionalOnly('麼'), true);
  assert.equal(toSimplifiedText('低保怎么申请'), '低保怎么申请');
  assert.equal(logForm('低保怎么申请'), '低保怎么申请');
  assert.equal(normalise('低保怎么申请'), '低保怎么申请');
  assert.equal(logForm('這個怎麼辦'), '这个怎么办');
  assert.equal(toSimplifiedText('乾隆年間的乾燥氣候'), '乾隆年间的干燥气候', 'by phrase: 乾隆 stays, 乾燥 becomes 干燥');
  assert.equal(logForm('ＡＢＣ  低保'), 'abc 低保');
  // The index's normal form stays one character for one (snippets mark the original by position).
  assert.equal(normalise('這個怎麼辦').length, 5);
});
