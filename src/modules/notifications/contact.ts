/**
 * Messages to a member of the public (an applicant, later a message writer) by the contact they gave: e-mail when
 * they gave an address, SMS to a mainland mobile number when SMS is configured with an approved template for the
 * purpose. The page always shows the same facts; these only carry them further.
 */
import type { DbOrTx } from '../../lib/db.ts';
import { enqueueEmail, enqueueSms, type OutboxLink } from './outbox.ts';

export interface ContactSettings {
  /** Purpose → the SMS provider's approved template code; a purpose without one goes by e-mail only. */
  smsTemplates: Record<string, string>;
  smsEnabled: boolean;
}

const MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/;

export function mobileNumber(phone: string): string | null {
  return MOBILE.exec(phone.replace(/[\s-]/g, ''))?.[1] ?? null;
}

/** One @ with something before it, and a dot inside the part after it. */
function looksLikeEmail(s: string): boolean {
  const at = s.indexOf('@');
  const dot = s.lastIndexOf('.');
  return at > 0 && at === s.lastIndexOf('@') && dot > at + 1 && dot < s.length - 1;
}

/** The one contact field may hold an e-mail address, a mobile number, or both (Open311 sends phone and e-mail). */
export function splitContact(contact: string): { email?: string; phone?: string } {
  // A number written in groups (139 1234 5678) is one number.
  if (mobileNumber(contact)) return { phone: contact.trim() };
  const out: { email?: string; phone?: string } = {};
  for (const part of contact.split(/[\s,，;；/]+/)) {
    if (!part) continue;
    if (!out.email && looksLikeEmail(part)) out.email = part;
    else if (!out.phone && mobileNumber(part)) out.phone = part;
  }
  return out;
}

export async function notifyContact(
  tx: DbOrTx,
  now: Date,
  settings: ContactSettings,
  to: { email?: string; phone?: string },
  m: { purpose: string; subject: string; body: string; smsParams: Record<string, string>; links?: OutboxLink[]; subjectType: string; subjectId: string | number },
): Promise<{ email: boolean; sms: boolean }> {
  const sent = { email: false, sms: false };
  if (to.email) {
    await enqueueEmail(tx, now, { to: to.email, subject: m.subject, body: m.body, links: m.links, purpose: m.purpose, subjectType: m.subjectType, subjectId: m.subjectId });
    sent.email = true;
  }
  const mobile = to.phone ? mobileNumber(to.phone) : null;
  const template = settings.smsTemplates[m.purpose];
  if (settings.smsEnabled && mobile && template) {
    await enqueueSms(tx, now, { to: mobile, template, params: m.smsParams, body: m.body, purpose: m.purpose, subjectType: m.subjectType, subjectId: m.subjectId });
    sent.sms = true;
  }
  return sent;
}
