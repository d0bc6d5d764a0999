/**
 * Query codes: what a citizen without an account uses, with the case number, to follow an application or a message.
 * Only a hash is stored; the code is shown once (page, receipt, e-mail or SMS).
 */
import { createHash, randomInt } from 'node:crypto';

export function hashCode(code: string): string {
  return createHash('sha256').update(`gongkai-query-code:${code.trim().toUpperCase()}`).digest('hex');
}

/** A query code the citizen can read out on the phone: 8 characters without 0/O, 1/I/L. */
export function newQueryCode(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  return Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
