// The zone of the release report's dates. Mercado Pago writes them at its report config's `display_timezone` ("GMT-04"),
// a fixed offset that does not follow daylight saving, and at GMT-04 when the config sets none (its reference for the
// release report config). The CSV's DATE carries that offset; a date cell of an .xlsx workbook (a spreadsheet serial)
// carries none and is read at it.

/** Mercado Pago's zone for the report's dates when its config names none. */
export const MP_DEFAULT_DISPLAY_ZONE = 'GMT-04';

/** "GMT-04", "GMT-4", "GMT-03:30", "UTC+01" or "GMT" as an ISO 8601 offset ("-04:00"); null when it is not one. */
export function displayZoneOffset(zone: string): string | null {
  const m = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d\d))?)?$/i.exec(zone.trim());
  if (!m) return null;
  if (!m[1]) return '+00:00';
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return `${m[1]}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
