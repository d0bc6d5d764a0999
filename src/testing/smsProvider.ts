/**
 * A local server implementing Alibaba Cloud's SendSms API as documented (RPC style, GET, signature version 1.0): it
 * checks the signature with the key secret, the required parameters and the number, and answers as the service does
 * ({Code: "OK", BizId, RequestId} or an error code), recording what it accepted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { signAliyun } from '../modules/notifications/transports.ts';

export interface TestSmsProvider {
  endpoint: string;
  sent: { phone: string; template: string; params: Record<string, string>; signName: string; bizId: string }[];
  close(): Promise<void>;
}

export async function startSmsProvider(keys: { id: string; secret: string }): Promise<TestSmsProvider> {
  const sent: TestSmsProvider['sent'] = [];
  const nonces = new Set<string>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const params = Object.fromEntries(url.searchParams);
    const answer = (status: number, body: Record<string, string>) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ RequestId: randomUUID(), ...body }));
    const { Signature, ...signed } = params;
    if (params.AccessKeyId !== keys.id) return answer(404, { Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' });
    if (!Signature || signAliyun('GET', signed, keys.secret) !== Signature) return answer(400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched.' });
    if (nonces.has(params.SignatureNonce)) return answer(400, { Code: 'SignatureNonceUsed', Message: 'Specified signature nonce was used already.' });
    nonces.add(params.SignatureNonce);
    if (params.Action !== 'SendSms' || params.Version !== '2017-05-25') return answer(400, { Code: 'InvalidAction.NotFound', Message: 'Specified api is not found.' });
    if (!/^1[3-9]\d{9}$/.test(params.PhoneNumbers ?? '')) return answer(200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
    if (!params.TemplateCode?.startsWith('SMS_')) return answer(200, { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: '模板不合法' });
    const bizId = `${Date.now()}^${sent.length}`;
    sent.push({
      phone: params.PhoneNumbers,
      template: params.TemplateCode,
      params: JSON.parse(params.TemplateParam ?? '{}') as Record<string, string>,
      signName: params.SignName,
      bizId,
    });
    return answer(200, { Code: 'OK', Message: 'OK', BizId: bizId });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    sent,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
