import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectPersonalData, isValidIdCard, luhn, mask, maskInText } from './personalData.ts';

test('accepts an identity number only with a real birth date and the right check digit', () => {
  assert.equal(isValidIdCard('11010519491231002X'), true);
  assert.equal(isValidIdCard('110105194912310021'), false, 'wrong check digit');
  assert.equal(isValidIdCard('110105194902300021'), false, 'no 30 February');
});

test('finds identity numbers, mobiles, bank cards, e-mails and landlines in running text', () => {
  const text = '当事人张某，身份证号11010519491231002X，电话13912345678，银行卡6222021234567890128，邮箱zhang.san@example.com，固话010-12345678。';
  const kinds = detectPersonalData(text).map((f) => f.kind);
  assert.deepEqual(kinds, ['id_card', 'mobile', 'bank_card', 'email', 'landline']);
});

test('ignores numbers that only look like personal data', () => {
  const text = '统一社会信用代码91110000100000000X，文号国发〔2019〕5号，金额12345678901234567元，索引号00548694/2020-00018，订单110105194912310021。';
  assert.deepEqual(detectPersonalData(text), []);
});

test('office contacts on the allow list are not reported', () => {
  assert.deepEqual(detectPersonalData('咨询电话：0371-12345678', { allow: ['0371-12345678'] }), []);
  assert.equal(detectPersonalData('咨询电话：0371-12345678').length, 1);
});

test('masks values and replaces them in text', () => {
  assert.equal(mask('11010519491231002X', 'id_card'), '110105********002X');
  assert.equal(mask('13912345678', 'mobile'), '139****5678');
  const f = detectPersonalData('手机 13912345678 请联系');
  assert.equal(maskInText('手机 13912345678 请联系', f), '手机 139****5678 请联系');
  assert.match(f[0].excerpt, /139\*\*\*\*5678/);
  assert.ok(!f[0].excerpt.includes('13912345678'));
});

test('Luhn check', () => {
  assert.equal(luhn('6222021234567890128'), true);
  assert.equal(luhn('6222021234567890123'), false);
});
