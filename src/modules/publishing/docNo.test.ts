import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { normalizeDocNo, parseDocNo } from './docNo.ts';

test('normalises the bracket and spacing variants to 代字〔年〕序号号', () => {
  for (const raw of [
    '国发〔2019〕5号',
    '国发[2019]5号',
    '国发(2019)5号',
    '国发（2019）5号',
    '国发【2019】5号',
    '国发﹝2019﹞5号',
    '国发 〔 2019 〕 5 号',
    '发文字号：国发〔2019〕5号',
    '\u200b国发〔2019〕05号',
    '国发2019年5号',
    '国发 2019 5',
    '国发〔2019〕第5号',
  ]) {
    assert.equal(parseDocNo(raw)?.normalized, '国发〔2019〕5号', raw);
  }
  assert.deepEqual(parseDocNo('国办发明电〔2018〕15号'), { prefix: '国办发明电', year: 2018, serial: 15, normalized: '国办发明电〔2018〕15号' });
});

test('keeps numbers without a year, and refuses what is not a document number', () => {
  assert.equal(parseDocNo('宁夏回族自治区人民政府令第127号')?.normalized, '宁夏回族自治区人民政府令第127号');
  assert.equal(parseDocNo('省政府令 第219号')?.normalized, '省政府令第219号');
  assert.equal(parseDocNo('发文字号：'), null);
  assert.equal(parseDocNo(''), null);
  assert.equal(parseDocNo('关于做好工作的通知'), null);
  assert.equal(normalizeDocNo('关于做好工作的通知'), '关于做好工作的通知');
});

test('parses the real document numbers of eleven governments', () => {
  const lines = fs.readFileSync('fixtures/document-numbers/document_numbers_2023.sample.jsonl', 'utf8').trim().split('\n');
  let total = 0;
  let parsed = 0;
  const failures: string[] = [];
  for (const line of lines) {
    const r = JSON.parse(line) as { doc_number_raw: string | null; doc_number: string | null };
    const raw = r.doc_number_raw?.replace(/^发文字号[:：]\s*/, '').trim();
    if (!raw) continue;
    total++;
    const p = parseDocNo(r.doc_number_raw);
    if (p) {
      parsed++;
      assert.match(p.normalized, /^[^\s〔〕]+(〔(19|20)\d{2}〕[1-9]\d*号|第[1-9]\d*号)$/, r.doc_number_raw ?? '');
      // Where the dataset's own cleaned number has a year, ours agrees with it once its spacing is removed.
      const theirs = r.doc_number?.replace(/[\s\u200b-\u200f]/g, '');
      if (theirs && /^[^〔]+〔\d{4}〕[1-9]\d*号$/.test(theirs)) assert.equal(p.normalized, theirs);
    } else failures.push(r.doc_number_raw ?? '');
  }
  assert.ok(total > 2500, `${total} records`);
  // The only records left are ones with no serial at all (e.g. 晋政办发〔2012〕18 is read, 发文字号： is empty).
  assert.ok(parsed / total > 0.999, `parsed ${parsed}/${total}; unparsed: ${failures.slice(0, 10).join(' | ')}`);
});

test('variants of the same real number reach the same normalised form', () => {
  assert.equal(normalizeDocNo('豫政办 〔 2021 〕68 号'), '豫政办〔2021〕68号');
  assert.equal(normalizeDocNo('发文字号：晋政发(2007)18号'), '晋政发〔2007〕18号');
  assert.equal(normalizeDocNo('发文字号：晋政办发(2017〕109号'), '晋政办发〔2017〕109号');
  assert.equal(normalizeDocNo('发文字号：晋政发〔2014〕号16'), '晋政发〔2014〕16号');
  assert.equal(normalizeDocNo('渝府〔2023〕8号\u200b'), '渝府〔2023〕8号');
});
