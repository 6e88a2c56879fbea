// Reading the start of a CSV in the browser for the wizard: decode it as the mapping says, split it with the same parser
// the importer uses, and keep the header and a few rows with their line numbers.
import { CsvParser, type ParsedRecord } from '../../../src/ledger/import/csvParser.ts';

export const SAMPLE_BYTES = 64 * 1024;
export const SAMPLE_ROWS = 5;

/** The browser's name for each encoding a mapping may name (cp852 has none: it is shown as Latin-1, close enough to map columns). */
const DECODER: Record<string, string> = { utf8: 'utf-8', latin1: 'iso-8859-1', 'windows-1252': 'windows-1252', cp852: 'iso-8859-1', utf16le: 'utf-16le' };

export interface Sample { header: string[]; rows: ParsedRecord[]; error: string | null }

export async function readStart(file: File, encoding: string): Promise<{ text: string; whole: boolean }> {
  const bytes = await file.slice(0, SAMPLE_BYTES).arrayBuffer();
  return { text: new TextDecoder(DECODER[encoding] ?? 'utf-8').decode(bytes), whole: file.size <= SAMPLE_BYTES };
}

export function sampleOf(text: string, whole: boolean, delimiter: string): Sample {
  const out: ParsedRecord[] = [];
  try {
    const p = new CsvParser(delimiter);
    p.feed(text, out);
    if (whole) p.end(out);
  } catch (e) {
    return { header: out[0]?.cells.map((c) => c.trim()) ?? [], rows: out.slice(1, 1 + SAMPLE_ROWS), error: e instanceof Error ? e.message : String(e) };
  }
  return { header: out[0]?.cells.map((c) => c.trim()) ?? [], rows: out.slice(1, 1 + SAMPLE_ROWS), error: null };
}
