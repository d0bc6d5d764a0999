/** CSV for Excel and WPS users: a BOM so Chinese text opens right, CRLF lines, quoted cells, and no live formulas. */

/**
 * A cell Excel or WPS would run as a formula (=, +, -, @, or a leading tab or carriage return) is kept as text with
 * a leading apostrophe: an applicant's name like "=HYPERLINK(…)" must not become a live formula in a register.
 */
export function csvSafe(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** One quoted cell; text is kept from running as a formula unless the caller knows it is a number. */
export function csvCell(v: unknown, formulaSafe = true): string {
  const s = String(v ?? '');
  return `"${(formulaSafe ? csvSafe(s) : s).replace(/"/g, '""')}"`;
}

export function csvDocument(rows: unknown[][]): string {
  return '\ufeff' + rows.map((r) => r.map((v) => csvCell(v)).join(',')).join('\r\n') + '\r\n';
}
