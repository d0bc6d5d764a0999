/**
 * Text that no field may hold: NUL (PostgreSQL refuses it in text, which used to surface as a 500) and lone UTF-16
 * surrogates (not characters; they cannot be stored or shown). Checked once for every request body, query string and
 * multipart field, so every form and API route answers with a field error instead.
 */
export const TEXT_INVALID_MESSAGE = '含有无法保存的字符（空字符或不成对的代理字符），请删除后重新提交。';

export function checkText(s: string): string | null {
  if (s.includes('\u0000') || !s.isWellFormed()) return TEXT_INVALID_MESSAGE;
  return null;
}

/** The first field path (a.b.0) whose string holds invalid text, searching nested objects and arrays; null if none. */
export function findInvalidText(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return checkText(value) ? path || 'body' : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Array.isArray(value) ? value.entries() : Object.entries(value as Record<string, unknown>)) {
    if (typeof k === 'string' && checkText(k)) return path ? `${path}.${k}` : 'body';
    const found = findInvalidText(v, path ? `${path}.${String(k)}` : String(k), depth + 1);
    if (found) return found;
  }
  return null;
}

/** The string without NUL and with each lone surrogate replaced by U+FFFD: for what is read, not stored (queries). */
export function cleanText(s: string): string {
  return s.replaceAll('\u0000', '').toWellFormed();
}

/** Cleans every string of a parsed query string in place (arrays included). */
export function cleanQuery(query: unknown): void {
  if (!query || typeof query !== 'object') return;
  const q = query as Record<string, unknown>;
  for (const [k, v] of Object.entries(q)) {
    if (typeof v === 'string') q[k] = cleanText(v);
    else if (Array.isArray(v)) q[k] = (v as unknown[]).map((x) => (typeof x === 'string' ? cleanText(x) : x));
  }
}
