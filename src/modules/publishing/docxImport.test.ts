import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { findDates, proposeMetadata } from './docxImport.ts';

test('reads dates in Arabic and Chinese numerals', () => {
  assert.deepEqual(findDates('2020年6月11日 与 二〇二〇年十二月三十一日'), ['2020-06-11', '2020-12-31']);
});

test('proposes 标题, 文号, 发文机关 and 成文日期 from the layout of a 公文', () => {
  const text = [
    '示范市人民政府办公室文件',
    '示府办〔2026〕12号',
    '示范市人民政府办公室',
    '关于做好2026年政务公开工作的通知',
    '各区县人民政府，市政府各部门：',
    '现将有关事项通知如下。',
    '示范市人民政府办公室',
    '2026年3月2日',
  ].join('\n');
  assert.deepEqual(proposeMetadata(text), {
    title: '关于做好2026年政务公开工作的通知',
    docNo: '示府办〔2026〕12号',
    issuingOrgans: ['示范市人民政府办公室'],
    writtenDate: '2026-03-02',
  });
});

test('proposes metadata from real State Council texts that match their gov.cn records', () => {
  const records = fs
    .readFileSync('fixtures/govcn/govcn_state_council_policies.sample.jsonl', 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  let docNos = 0;
  let dates = 0;
  for (const r of records) {
    const p = proposeMetadata(r.body_text);
    if (r.doc_no && p.docNo === r.doc_no) docNos++;
    if (p.writtenDate === r.written_date_iso) dates++;
    // A proposal is either right or absent: a wrong 文号 would be worse than none.
    if (p.docNo && r.doc_no) assert.equal(p.docNo, r.doc_no, r.title);
  }
  assert.ok(docNos >= records.filter((r) => r.doc_no).length * 0.8, `文号 found for ${docNos}`);
  assert.ok(dates >= records.length * 0.7, `成文日期 found for ${dates}/${records.length}`);
});
