import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emailText, percentEncode, signAliyun } from './transports.ts';
import { mobileNumber } from './contact.ts';

test('the SMS signature matches the example in the provider’s documentation', () => {
  // Alibaba Cloud SMS, 签名机制: the worked example with AccessKeyId testId and secret testSecret.
  const params = {
    AccessKeyId: 'testId',
    Action: 'SendSms',
    Format: 'XML',
    OutId: '123',
    PhoneNumbers: '15300000001',
    RegionId: 'cn-hangzhou',
    SignName: '阿里云短信测试专用',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
    SignatureVersion: '1.0',
    TemplateCode: 'SMS_71390007',
    TemplateParam: '{"customer":"test"}',
    Timestamp: '2017-07-12T02:42:19Z',
    Version: '2017-05-25',
  };
  assert.equal(signAliyun('GET', params, 'testSecret'), 'zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  assert.equal(percentEncode("a b*c~d'!"), 'a%20b%2Ac~d%27%21');
});

test('mobile numbers are recognised with or without +86 and separators', () => {
  assert.equal(mobileNumber('+86 138-0013-8000'), '13800138000');
  assert.equal(mobileNumber('13800138000'), '13800138000');
  assert.equal(mobileNumber('0371-12345678'), null, 'a landline gets no SMS');
});

test('an e-mail’s text ends with its links and who sent it', () => {
  assert.equal(
    emailText({ body: '正文\n', links: [{ label: '查看', url: 'https://x.cn/a' }] }, '示范市'),
    '正文\n\n查看：https://x.cn/a\n\n——\n示范市（系统自动发送，请勿直接回复）\n',
  );
});
