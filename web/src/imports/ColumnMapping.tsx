// Mapping each of cobro's fields to a column of the file, required ones marked; a field the file lacks may take one value
// for every row (for example the currency).
import { useT } from '../i18n/index.tsx';

export interface ColumnChoice { columns: Record<string, string>; defaults: Record<string, string> }

export function ColumnMapping({ required, optional, header, value, onChange }: {
  required: string[]; optional: string[]; header: string[]; value: ColumnChoice; onChange: (v: ColumnChoice) => void;
}) {
  const { t } = useT();
  // an invoice file's customer columns say whose field they are: "customer_email" is the customer's email
  const describe = (f: string) => {
    if (!f.startsWith('customer_') || f === 'customer_external_id') return t(`imports.field.${f}`);
    const what = t(`imports.field.${f.slice('customer_'.length)}`);
    const s = t('imports.customerField', { what: what.charAt(0).toLocaleLowerCase() + what.slice(1) });
    return s.charAt(0).toLocaleUpperCase() + s.slice(1);
  };
  const row = (field: string, isRequired: boolean) => {
    const col = value.columns[field] ?? '';
    const id = `map-${field}`;
    const missing = isRequired && !col && !value.defaults[field]?.trim();
    return (
      <tr key={field} data-field={field} className={missing ? 'missing' : undefined}>
        <th scope="row"><label htmlFor={id}><code>{field}</code>{isRequired ? <> <abbr title={t('imports.required')} aria-label={t('imports.required')}>*</abbr></> : null}</label>
          <div className="muted small">{describe(field)}</div></th>
        <td>
          <select id={id} value={col} aria-invalid={missing || undefined}
            onChange={(e) => onChange({ ...value, columns: { ...value.columns, [field]: e.target.value } })}>
            <option value="">{t('imports.notInFile')}</option>
            {header.map((h, i) => <option key={`${h}-${i}`} value={h}>{h || t('imports.unnamed', { n: i + 1 })}</option>)}
          </select>
        </td>
        <td>{col ? null : (
          <input aria-label={t('imports.sameValue', { field })} placeholder={field === 'currency' ? t('imports.sameValueHint') : undefined} value={value.defaults[field] ?? ''} size={14}
            onChange={(e) => onChange({ ...value, defaults: { ...value.defaults, [field]: e.target.value } })} />)}</td>
      </tr>
    );
  };
  const head = <thead><tr><th>{t('imports.cobroField')}</th><th>{t('imports.fileColumn')}</th><th>{t('imports.orSameValue')}</th></tr></thead>;
  const used = optional.filter((f) => value.columns[f] || value.defaults[f]?.trim()).length;
  return (
    <div className="scroll-x">
      <table className="compact mapping" aria-label={t('imports.mappingTable')}>
        {head}
        <tbody>{required.map((f) => row(f, true))}</tbody>
      </table>
      <details className="optional" open={used > 0 || undefined}>
        <summary>{t('imports.optionalFields', { n: optional.length, used })}</summary>
        <table className="compact mapping" aria-label={t('imports.optionalTable')}>
          {head}
          <tbody>{optional.map((f) => row(f, false))}</tbody>
        </table>
      </details>
    </div>
  );
}
