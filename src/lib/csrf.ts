/**
 * CSRF protection for every form: a random nonce in an HttpOnly cookie and, in the form, HMAC(secret, nonce).
 * A cross-site page can neither read the cookie nor compute the HMAC (signed double-submit, OWASP).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export const CSRF_COOKIE = 'gk_csrf';
export const CSRF_FIELD = '_csrf';

function sign(secret: string, nonce: string) {
  return createHmac('sha256', secret).update(`csrf:${nonce}`).digest('base64url');
}

/** The token for forms on this response; sets the cookie when the browser has none yet. */
export function csrfToken(request: FastifyRequest, reply: FastifyReply, secret: string, secure: boolean): string {
  let nonce = request.cookies[CSRF_COOKIE];
  if (!nonce || !/^[A-Za-z0-9_-]{20,64}$/.test(nonce)) {
    nonce = randomBytes(24).toString('base64url');
    request.cookies[CSRF_COOKIE] = nonce;
    reply.setCookie(CSRF_COOKIE, nonce, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  }
  return sign(secret, nonce);
}

export function verifyCsrf(request: FastifyRequest, secret: string, token: unknown): void {
  const nonce = request.cookies[CSRF_COOKIE];
  const expected = nonce ? Buffer.from(sign(secret, nonce)) : null;
  const given = typeof token === 'string' ? Buffer.from(token) : null;
  if (!expected || !given || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError('CSRF_INVALID', 403, '页面已过期或来源不明，请返回上一页刷新后重新提交。');
  }
}
