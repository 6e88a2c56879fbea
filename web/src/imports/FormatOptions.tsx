// How the file is written: delimiter, encoding, decimal mark and date format (the options the import mapping supports).
import { MAPPING_ENCODINGS } from '../../../src/ledger/import/columns.ts';
import { useT } from '../i18n/index.tsx';
import { DATE_FORMATS, DELIMITERS } from './guess.ts';

export interface Format { delimiter: string; encoding: (typeof MAPPING_ENCODINGS)[number]; decimal: '.' | ','; date_format: string }

const DELIMITER_KEY: Record<string, string> = { ',': 'imports.delim.comma', ';': 'imports.delim.semicolon', '\t': 'imports.delim.tab', '|': 'imports.delim.pipe' };

export function FormatOptions({ value, onChange, showDates }: { value: Format; onChange: (f: Format) => void; showDates: boolean }) {
  const { t } = useT();
  const set = (patch: Partial<Format>) => onChange({ ...value, ...patch });
  const dateFormats = DATE_FORMATS.includes(value.date_format as (typeof DATE_FORMATS)[number]) ? DATE_FORMATS : [value.date_format, ...DATE_FORMATS];
  return (
    <fieldset className="choices" aria-describedby="format-hint">
      <legend>{t('imports.format')}</legend>
      <p id="format-hint" className="muted small">{t('imports.formatHint')}</p>
      <label>{t('imports.delimiter')}{' '}
        <select value={value.delimiter} onChange={(e) => set({ delimiter: e.target.value })}>
          {DELIMITERS.map((d) => <option key={d} value={d}>{t(DELIMITER_KEY[d]!)}</option>)}
        </select></label>
      <label>{t('imports.encoding')}{' '}
        <select value={value.encoding} onChange={(e) => set({ encoding: e.target.value as Format['encoding'] })}>
          {MAPPING_ENCODINGS.map((x) => <option key={x} value={x}>{x}</option>)}
        </select></label>
      <label>{t('imports.decimal')}{' '}
        <select value={value.decimal} onChange={(e) => set({ decimal: e.target.value as '.' | ',' })}>
          <option value=".">{t('imports.decimalDot')}</option><option value=",">{t('imports.decimalComma')}</option>
        </select></label>
      {showDates ? (
        <label>{t('imports.dateFormat')}{' '}
          <select value={value.date_format} onChange={(e) => set({ date_format: e.target.value })}>
            {dateFormats.map((f) => <option key={f} value={f}>{f}</option>)}
          </select></label>
      ) : null}
    </fieldset>
  );
}
