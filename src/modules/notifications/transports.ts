/**
 * The two ways out: SMTP through nodemailer, and SMS through Alibaba Cloud's SendSms API (RPC style, signature
 * version 1.0, HMAC-SHA1 over the sorted, RFC 3986-encoded query). Both are built from the configuration; either may
 * be absent, and its messages then wait in the outbox.
 */
import { createHmac, randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';
import { DeliveryError, type OutboxMessage, type Transport, type Transports } from './outbox.ts';

/** The text of an e-mail: the body, then its links, then who sent it and why. */
export function emailText(m: Pick<OutboxMessage, 'body' | 'links'>, siteName: string, baseUrl = ''): string {
  // Links are stored as paths on the site where they can be; the address is the one configured when it is sent.
  const links = m.links.map((l) => `${l.label}：${l.url.startsWith('/') ? baseUrl + l.url : l.url}`).join('\n');
  return `${m.body.trimEnd()}\n${links ? `\n${links}\n` : ''}\n——\n${siteName}（系统自动发送，请勿直接回复）\n`;
}

export function smtpTransport(url: string, from: string, siteName: string, baseUrl: string): Transport {
  const messageIdDomain = new URL(baseUrl).hostname;
  const transporter = nodemailer.createTransport(url);
  return async (m) => {
    try {
      const info = await transporter.sendMail({
        from,
        to: m.recipient,
        subject: m.subject,
        text: emailText(m, siteName, baseUrl),
        // One id per outbox message: were a message ever sent twice (a node dying after the server took it but before
        // it was marked sent), mail systems and readers see the same message.
        messageId: `<outbox-${m.id}@${messageIdDomain}>`,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return info.response ?? info.messageId;
    } catch (err) {
      const e = err as { responseCode?: number; message?: string };
      throw new DeliveryError(e.message ?? String(err), typeof e.responseCode === 'number' && e.responseCode >= 500);
    }
  };
}

/** RFC 3986 percent-encoding as the signature needs it (space as %20, "*" and "~" as Alibaba Cloud documents). */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function signAliyun(method: 'GET' | 'POST', params: Record<string, string>, secret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
  const toSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(toSign).digest('base64');
}

export function aliyunSmsTransport(sms: NonNullable<Config['sms']>, clock: () => Date = () => new Date()): Transport {
  return async (m) => {
    const params: Record<string, string> = {
      AccessKeyId: sms.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: m.recipient,
      RegionId: 'cn-hangzhou',
      SignName: sms.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: m.sms_template,
      TemplateParam: JSON.stringify(m.sms_params),
      Timestamp: clock()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const query = Object.entries({ ...params, Signature: signAliyun('GET', params, sms.accessKeySecret) })
      .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
      .join('&');
    let res: Response;
    try {
      res = await fetch(`${sms.endpoint}?${query}`, { signal: AbortSignal.timeout(15_000) });
    } catch (err) {
      throw new DeliveryError(`短信服务无法连接：${(err as Error).message}`, false);
    }
    const body = (await res.json().catch(() => ({}))) as { Code?: string; Message?: string; BizId?: string };
    if (res.ok && body.Code === 'OK') return body.BizId ?? '';
    // isv.* are the caller's errors (a bad number, an unapproved template): sending again cannot help; flow control
    // and the service's own errors can.
    const code = body.Code ?? `HTTP ${res.status}`;
    throw new DeliveryError(`${code}：${body.Message ?? ''}`, code.startsWith('isv.') && code !== 'isv.BUSINESS_LIMIT_CONTROL');
  };
}

export function transportsFrom(config: Config): Transports {
  const out: Transports = {};
  if (config.mail.smtpUrl) out.email = smtpTransport(config.mail.smtpUrl, config.mail.from, config.siteName, config.baseUrl);
  if (config.sms) out.sms = aliyunSmsTransport(config.sms);
  return out;
}
