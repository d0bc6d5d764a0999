/**
 * Where a redirect may go, and what a "done" notice may say.
 *
 * safePath: only a path on this site. `/\host` and `/%5Chost` are read by browsers as `//host` and left the site;
 * backslashes, control characters and any scheme or authority are refused, and the answer is `/` instead.
 *
 * Notices after a redirect (`?done=…`) are shown only when the server wrote them: the text travels with an HMAC
 * under the site secret, so a link cannot make a staff page show words of an attacker's choosing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function safePath(v: unknown, fallback = '/'): string {
  const s = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(s);
  } catch {
    return fallback;
  }
  for (const x of [s, decoded]) {
    if (!x.startsWith('/') || x.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(x)) return fallback;
  }
  // Resolved against a dummy origin, the path must stay on it.
  try {
    const u = new URL(s, 'http://gongkai.invalid');
    if (u.origin !== 'http://gongkai.invalid') return fallback;
    return u.pathname + u.search + u.hash;
  } catch {
    return fallback;
  }
}

const sign = (secret: string, text: string) => createHmac('sha256', secret).update(`notice:${text}`).digest('base64url').slice(0, 22);

/** `path?done=…&ds=…`: a notice the page will show after the redirect. */
export function withNotice(path: string, text: string, secret: string): string {
  const sep = path.includes('?') ? '&' : '?';
  return `${path}${sep}done=${encodeURIComponent(text)}&ds=${sign(secret, text)}`;
}

/** The notice of this request when the server signed it; otherwise nothing. */
export function readNotice(query: unknown, secret: string): string | undefined {
  const q = (query ?? {}) as Record<string, unknown>;
  const text = typeof q.done === 'string' ? q.done : '';
  const given = typeof q.ds === 'string' ? Buffer.from(q.ds) : null;
  if (!text || !given || text.length > 300) return undefined;
  const expected = Buffer.from(sign(secret, text));
  return expected.length === given.length && timingSafeEqual(expected, given) ? text : undefined;
}
