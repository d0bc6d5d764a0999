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
