// Bank statement parsers: format detection and one entry point yielding the common statement model.
import { parseCamt } from './camt.ts';
import { CSV_MAPPINGS, mappingForHeader } from './csv-banks.ts';
import { parseCsv, type CsvMapping } from './csv.ts';
import { detectFormat } from './detect.ts';
import { parseMt940 } from './mt940.ts';
import { parseOfx } from './ofx.ts';
import { decodeBytes, normaliseLines } from './text.ts';
import { parseFailure, type ParseResult, type StatementFormat } from './types.ts';

export type * from './types.ts';
export type { CsvMapping } from './csv.ts';
export { detectFormat } from './detect.ts';
export { CSV_MAPPINGS } from './csv-banks.ts';

export interface ParseOptions {
  /** Skip detection and read the bytes as this format. */
  format?: StatementFormat;
  /** Character encoding when the file is not UTF-8 and the guess would be wrong ('cp852', 'latin1'). */
  encoding?: string;
  /** Currency for files that state none (MT940 snippets, OFX without CURDEF, CSV without a currency column). */
  currency?: string;
  /** Column mapping for CSV: one of CSV_MAPPINGS by name, or a mapping of your own. Picked by header when absent. */
  csv?: CsvMapping | string;
}

/**
 * Parses a bank statement file. Never throws on bad input: the result names the problem and,
 * where it can, the line.
 */
export function parseStatement(bytes: Buffer, opts: ParseOptions = {}): ParseResult {
  if (bytes.length === 0 || bytes.toString('latin1').trim() === '') return parseFailure('EMPTY_INPUT', 'the file is empty');
  const format = opts.format ?? detectFormat(bytes);
  if (format === null) {
    return parseFailure('UNKNOWN_FORMAT', 'not a camt.053/054, MT940/MT942, OFX/QFX or CSV statement');
  }
  try {
    return parseAs(format, bytes, opts);
  } catch (e) {
    // A bug in a parser must not take an import down with it; report it as unreadable input.
    return parseFailure('MALFORMED', `the ${format} file could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function parseAs(format: StatementFormat, bytes: Buffer, opts: ParseOptions): ParseResult {
  const mapping = typeof opts.csv === 'string' ? CSV_MAPPINGS.find((m) => m.name === opts.csv) : opts.csv;
  if (typeof opts.csv === 'string' && !mapping) {
    return parseFailure('CSV_MAPPING_REQUIRED', `no CSV mapping named "${opts.csv}"; known: ${CSV_MAPPINGS.map((m) => m.name).join(', ')}`);
  }
  const text = decodeBytes(bytes, opts.encoding ?? mapping?.encoding);
  const currency = opts.currency === undefined ? {} : { currency: opts.currency };
  switch (format) {
    case 'camt.052':
    case 'camt.053':
    case 'camt.054':
      return parseCamt(text);
    case 'mt940':
    case 'mt942':
      return parseMt940(normaliseLines(text), currency);
    case 'ofx':
      return parseOfx(text, currency);
    case 'csv': {
      const chosen = mapping ?? mappingForHeader(text);
      if (!chosen) {
        return parseFailure('CSV_MAPPING_REQUIRED', 'the CSV layout is not one cobro knows; pass a column mapping (opts.csv)', 1);
      }
      return parseCsv(text, chosen, currency);
    }
  }
}
