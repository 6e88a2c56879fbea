// One CSV cell for files cobro writes: RFC 4180 quoting, and text that a spreadsheet would run as a formula defused.

/** Text starting with = + - @, a tab or a carriage return is a formula to Excel, LibreOffice and Sheets; a leading ' keeps it text. */
export function defuseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** A cell: strings are defused and quoted when needed; numbers and booleans are written as they are (a negative number is data). */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? defuseFormula(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
