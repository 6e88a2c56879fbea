// timestamptz values leave the database as ISO 8601 strings, the same on PGlite and PostgreSQL.
export function timestampToIso(v: string): string {
  const d = new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}
