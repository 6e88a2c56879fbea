// The release report as an .xlsx workbook (R-6): the sheet holding the report's header (the first sheet, else the first
// whose first row names the report's columns) read into the same rows as the CSV, then into payouts by the same reader,
// so everything after is shared. A date cell (a spreadsheet serial, 1900 or 1904 date system) has no offset: it is read
// at the report's display zone. Which form a file is comes from its content: a ZIP (PK\x03\x04) is a
// workbook, anything else CSV text. A workbook that cannot be read (not a ZIP of a workbook, a DOCTYPE, an archive too
// large inflated, a broken cell) fails whole, naming the cell where there is one.
import { columnLetters, readXlsx, XlsxError, type Sheet } from '../../xlsx/xlsx-read.ts';
import { isZip, ZipError } from '../../xlsx/zip-read.ts';
import { XmlError } from '../../xlsx/xml-scan.ts';
import { parseReleaseCsv, parseReleaseRows, RELEASE_HEADER, type ReleaseParse } from './mercadopago-release-csv.ts';
import { displayZoneOffset, MP_DEFAULT_DISPLAY_ZONE } from './mercadopago-release-zone.ts';

/** A sheet whose first row names every column the reader needs. */
const holdsHeader = (rows: { cells: string[] }[]): boolean => {
  const first = new Set(rows[0]?.cells.map((c) => c.trim().toUpperCase()));
  return RELEASE_HEADER.every((c) => first.has(c));
};

/** `displayZone`: the report config's display_timezone (null: none set, Mercado Pago's GMT-04). */
export function parseReleaseXlsx(bytes: Buffer, fallbackCurrency: string | null, displayZone: string | null = null): ReleaseParse {
  const zone = displayZone ?? MP_DEFAULT_DISPLAY_ZONE;
  const offset = displayZoneOffset(zone);
  if (!offset) return { ok: false, line: 0, column: 'DATE', message: `the report config's display_timezone ${JSON.stringify(zone)} is not a GMT offset (GMT-04)` };
  let sheet: Sheet;
  try { sheet = readXlsx(bytes, undefined, holdsHeader); } catch (e) {
    if (!(e instanceof XlsxError || e instanceof ZipError || e instanceof XmlError)) throw e;
    const at = /^row (\d+)(?:, column ([A-Z]+))?/.exec(e.message);
    return { ok: false, line: Number(at?.[1] ?? 0), column: at?.[2] ?? '', message: `the workbook could not be read: ${e.message}` };
  }
  return parseReleaseRows(sheet.rows, fallbackCurrency, (line, column, i) => `sheet ${sheet.name}, row ${line}, column ${i >= 0 ? `${columnLetters(i)} (${column})` : column}`, offset);
}

/** The report as downloaded or uploaded: a workbook when it is a ZIP (its dates at `displayZone`), else CSV text. */
export const parseReleaseFile = (bytes: Buffer, fallbackCurrency: string | null, displayZone: string | null = null): ReleaseParse => (isZip(bytes)
  ? parseReleaseXlsx(bytes, fallbackCurrency, displayZone) : parseReleaseCsv(bytes.toString('utf8'), fallbackCurrency));
