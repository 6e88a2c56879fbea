// The mapping wizard's state: the chosen file read in the browser, first guesses when a file or kind arrives, the
// mapping the choices make, and the preview of the first rows read with it.
import { useEffect, useMemo, useState } from 'react';
import { CANONICAL, type ImportKind } from '../../../src/ledger/import/columns.ts';
import type { Mapping } from '../../../src/ledger/import/mapping.ts';
import { checkMappingJson } from './mappingJson.ts';
import type { ColumnChoice } from './ColumnMapping.tsx';
import type { Format } from './FormatOptions.tsx';
import { guessColumns, guessDateFormat, guessDecimal, guessDelimiter } from './guess.ts';
import { readRows, type ReadResult } from './readRows.ts';
import { readStart, sampleOf, type Sample } from './sample.ts';

const DEFAULT_FORMAT: Format = { delimiter: ',', encoding: 'utf8', decimal: '.', date_format: 'YYYY-MM-DD' };
const DATE_FIELDS = ['issue_date', 'due_date', 'date'];

export function toMapping(choice: ColumnChoice, format: Format): Mapping {
  const columns = Object.fromEntries(Object.entries(choice.columns).filter(([, c]) => c));
  const defaults = Object.fromEntries(Object.entries(choice.defaults).filter(([f, v]) => !choice.columns[f] && v.trim()).map(([f, v]) => [f, v.trim()]));
  return { columns, defaults, date_format: format.date_format, decimal: format.decimal, delimiter: format.delimiter, encoding: format.encoding, metadata_columns: [] };
}

export function useWizard(kind: ImportKind, file: File | null) {
  const [text, setText] = useState<{ text: string; whole: boolean } | null>(null);
  const [format, setFormat] = useState<Format>(DEFAULT_FORMAT);
  const [choice, setChoice] = useState<ColumnChoice>({ columns: {}, defaults: {} });
  const [json, setJson] = useState<string | null>(null);
  const fields = CANONICAL[kind];

  const parsedJson = useMemo(() => (json === null ? null : checkMappingJson(json)), [json]);
  // the JSON mapping, when one is typed and valid, says how the file is written; else the wizard's choices do
  const encoding = parsedJson?.ok ? parsedJson.mapping.encoding : format.encoding;
  const delimiter = parsedJson?.ok ? parsedJson.mapping.delimiter : format.delimiter;

  useEffect(() => {
    let live = true;
    setText(null);
    if (file) void readStart(file, encoding).then((t) => { if (live) setText(t); });
    return () => { live = false; };
  }, [file, encoding]);

  const sample: Sample | null = useMemo(() => (text ? sampleOf(text.text, text.whole, delimiter) : null), [text, delimiter]);

  // a new file (or kind): guess the delimiter, then the columns, decimal mark and date format from what it holds
  useEffect(() => {
    if (!file) return;
    let live = true;
    void readStart(file, 'utf8').then(({ text: start, whole }) => {
      if (!live) return;
      const delimiter = guessDelimiter(start);
      const s = sampleOf(start, whole, delimiter);
      const columns = guessColumns([...fields.required, ...fields.optional], s.header);
      const cells = (f: string) => { const i = columns[f] ? s.header.indexOf(columns[f]) : -1; return i < 0 ? [] : s.rows.map((r) => r.cells[i] ?? ''); };
      const dates = DATE_FIELDS.flatMap(cells);
      setFormat({ ...DEFAULT_FORMAT, delimiter, decimal: guessDecimal(cells('amount')), date_format: guessDateFormat(dates) ?? DEFAULT_FORMAT.date_format });
      setChoice({ columns, defaults: {} });
      setJson(null);
    });
    return () => { live = false; };
  }, [file, kind]); // eslint-disable-line react-hooks/exhaustive-deps

  const built = useMemo(() => toMapping(choice, format), [choice, format]);
  const mapping: Mapping | null = parsedJson ? (parsedJson.ok ? parsedJson.mapping : null) : built;
  const read: ReadResult | null = useMemo(() => (sample && mapping && !sample.error ? readRows(kind, sample.header, sample.rows, mapping) : null),
    [sample, mapping, kind]);
  return { fields, format, setFormat, choice, setChoice, sample, mapping, built, read, json, setJson, jsonError: parsedJson && !parsedJson.ok ? parsedJson.message : null };
}
