/**
 * How an applicant without an account reaches their case: case number plus query code, checked once, then a signed
 * cookie for an hour (so letters can be downloaded with plain links). Attempts are rate limited by the route.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';

export const CASE_COOKIE = 'gk_case';
const TTL_MS = 3600_000;

export function caseToken(secret: string, caseId: number, now: Date): string {
  const exp = now.getTime() + TTL_MS;
  const mac = createHmac('sha256', secret).update(`case:${caseId}:${exp}`).digest('base64url');
  return `${caseId}.${exp}.${mac}`;
}

/** The case id the cookie grants, or undefined. */
export function readCaseToken(secret: string, token: string | undefined, now: Date): number | undefined {
  const [id, exp, mac] = (token ?? '').split('.');
  if (!id || !exp || !mac || Number(exp) < now.getTime()) return undefined;
  const want = createHmac('sha256', secret).update(`case:${id}:${exp}`).digest();
  const got = Buffer.from(mac, 'base64url');
  return got.length === want.length && timingSafeEqual(got, want) ? Number(id) : undefined;
}

/** Grants this browser the case for the next hour (after the query code, or a recovered one, was checked). */
export function grantCase(reply: FastifyReply, o: { secret: string; secure: boolean }, caseId: number, now: Date): void {
  reply.setCookie(CASE_COOKIE, caseToken(o.secret, caseId, now), { path: '/ysqgk', httpOnly: true, sameSite: 'lax', secure: o.secure, maxAge: TTL_MS / 1000 });
}
