// Instants read by the day they fell on in the org's time zone, as a range an index on the instant can serve.

/**
 * SQL true when `col` (a timestamptz) fell on a day from `from` to `to` (SQL date expressions) in the zone `tz`: the
 * exact test on the day in the zone, and beside it a range in UTC one day wider at each end (no zone is a whole day from
 * UTC), which an index on `col` serves and which never leaves out an instant the exact test keeps.
 */
export function onDaysIn(col: string, from: string, to: string, tz: string): string {
  return `${col} >= (${from} - 1)::timestamp AT TIME ZONE 'UTC' AND ${col} < (${to} + 2)::timestamp AT TIME ZONE 'UTC'
    AND (${col} AT TIME ZONE ${tz})::date BETWEEN ${from} AND ${to}`;
}
