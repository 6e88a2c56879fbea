// The release report as an .xlsx workbook (R-6): its first sheet read into the same rows as the CSV, then into payouts by
// the same reader, so everything after is shared. Which form a file is comes from its content: a ZIP (PK\x03\x04) is a
// workbook, anything else CSV text. A workbook that cannot be read (not a ZIP of a workbook, a DOCTYPE, an archive too
// large inflated, a broken cell) fails whole, naming the cell where there is one.
import { columnLetters, readXlsx, XlsxError, type Sheet } from '../../xlsx/xlsx-read.ts';
import { isZip, ZipError } from '../../xlsx/zip-read.ts';
import { XmlError } from '../../xlsx/xml-scan.ts';
import { parseReleaseCsv, parseReleaseRows, type ReleaseParse } from './mercadopago-release-csv.ts';

export function parseReleaseXlsx(bytes: Buffer, fallbackCurrency: string | null): ReleaseParse {
  let sheet: Sheet;
  try { sheet = readXlsx(bytes); } catch (e) {
    if (!(e instanceof XlsxError || e instanceof ZipError || e instanceof XmlError)) throw e;
    const at = /^row (\d+)(?:, column ([A-Z]+))?/.exec(e.message);
    return { ok: false, line: Number(at?.[1] ?? 0), column: at?.[2] ?? '', message: `the workbook could not be read: ${e.message}` };
  }
  return parseReleaseRows(sheet.rows, fallbackCurrency, (line, column, i) => `sheet ${sheet.name}, row ${line}, column ${i >= 0 ? `${columnLetters(i)} (${column})` : column}`);
}

/** The report as downloaded or uploaded: a workbook when it is a ZIP, else CSV text. */
export const parseReleaseFile = (bytes: Buffer, fallbackCurrency: string | null): ReleaseParse => (isZip(bytes)
  ? parseReleaseXlsx(bytes, fallbackCurrency) : parseReleaseCsv(bytes.toString('utf8'), fallbackCurrency));
