/**
 * The second factor (TOTP, RFC 6238: 6 digits, 30-second steps, SHA-1, as every authenticator app reads it).
 * Enrolment shows a secret as a QR code and as text; it takes effect once the user types a code from it. A code is
 * accepted one step early or late (clock drift) and only once (the last accepted step is kept).
 */
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

export const TOTP_PERIOD = 30;

export function newSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string, issuer: string) {
  return new OTPAuth.TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
}

/** The otpauth:// address and its QR code as an SVG string, for the enrolment page. */
export async function enrolment(secret: string, label: string, issuer: string): Promise<{ uri: string; svg: string }> {
  const uri = totp(secret, label, issuer).toString();
  return { uri, svg: await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
}

/** The time step a code belongs to when it is valid at `now` (±1 step), and newer than `lastStep`; otherwise null. */
export function acceptCode(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret, 'x', 'x').validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / TOTP_PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The current code (tests, and an administrator checking a user's device). */
export function currentCode(secret: string, now: Date): string {
  return totp(secret, 'x', 'x').generate({ timestamp: now.getTime() });
}
