// Streams a CSV file as records with their line numbers, decoding legacy encodings and skipping a BOM.
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { Readable } from 'node:stream';
import type { Mapping } from './mapping.ts';

export interface SourceRecord {
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/** Yields the header first (line 1), then every data record; a malformed file throws CsvSyntaxError with its line. */
export async function* readCsv(input: Readable, mapping: Mapping, onBytes?: (n: number) => void): AsyncGenerator<SourceRecord> {
  if (onBytes) input.on('data', (chunk: Buffer | string) => onBytes(chunk.length));
  const decoded = mapping.encoding === 'utf8' ? input : input.pipe(iconv.decodeStream(mapping.encoding));
  const parser = decoded.pipe(parse({
    bom: true,
    delimiter: mapping.delimiter,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: false,
  }));
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: item.info.lines, cells: item.record };
    }
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new CsvSyntaxError(err.lines ?? 0, err.message);
  }
}
