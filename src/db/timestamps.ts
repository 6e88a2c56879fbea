// timestamptz values leave the database as ISO 8601 strings, the same on PGlite and PostgreSQL.

// a session in UTC (as cobro's run) writes `2026-03-10 17:00:00.123456+00`: rewritten as is, without a Date (a third of
// the time); any other offset or form goes through Date
const UTC_TEXT = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

export function timestampToIso(v: string): string {
  const utc = UTC_TEXT.exec(v);
  if (utc) {
    const frac = utc[3] ?? '';
    // Date keeps milliseconds, truncating finer digits
    return `${utc[1]}T${utc[2]}.${frac.length >= 3 ? frac.slice(0, 3) : frac.padEnd(3, '0')}Z`;
  }
  const d = new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}
