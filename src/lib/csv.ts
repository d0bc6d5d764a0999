/** CSV for Excel and WPS users: a BOM so Chinese text opens right, CRLF lines, quoted cells, and no live formulas. */

/**
 * A cell Excel or WPS would run as a formula (=, +, -, @, or a leading tab or carriage return) is kept as text with
 * a leading apostrophe: an applicant's name like "=HYPERLINK(…)" must not become a live formula in a register.
 */
export function csvSafe(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function csvDocument(rows: unknown[][]): string {
  const cell = (v: unknown) => `"${csvSafe(String(v ?? '')).replace(/"/g, '""')}"`;
  return '\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
