// Streams a CSV file as records with their line numbers, decoding legacy encodings and skipping a BOM.
import iconv from 'iconv-lite';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { Mapping } from './mapping.ts';
import { CsvParser, CsvError, type ParsedRecord } from './csvParser.ts';

export type SourceRecord = ParsedRecord;
export { CsvError as CsvSyntaxError };

/** Yields records in batches, the header first; a malformed file throws CsvError with its line. */
export async function* readCsv(input: Readable, mapping: Mapping, onBytes?: (n: number) => void): AsyncGenerator<SourceRecord[]> {
  const parser = new CsvParser(mapping.delimiter);
  const utf8 = mapping.encoding === 'utf8' ? new StringDecoder('utf8') : null;
  const source: AsyncIterable<Buffer | string> = utf8 ? input : input.pipe(iconv.decodeStream(mapping.encoding));
  if (!utf8 && onBytes) input.on('data', (c: Buffer) => onBytes(c.length));
  let out: ParsedRecord[] = [];
  for await (const chunk of source) {
    if (utf8 && onBytes) onBytes(chunk.length);
    parser.feed(typeof chunk === 'string' ? chunk : utf8 ? utf8.write(chunk) : chunk.toString(), out);
    if (out.length) { yield out; out = []; }
  }
  if (utf8) parser.feed(utf8.end(), out);
  parser.end(out);
  if (out.length) yield out;
}
