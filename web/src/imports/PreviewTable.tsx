// The first rows as cobro will read them: typed values (money in its currency, calendar dates), and each bad cell with
// the reason the import would give, by line number.
import { date, money } from '../app/format.ts';
import { useT } from '../i18n/index.tsx';
import type { ReadResult } from './readRows.ts';

function shown(field: string, v: unknown, currency: string, locale: string): string {
  if (v === null || v === undefined) return '';
  if (field === 'amount' && typeof v === 'number' && currency) return money(v, currency, locale);
  if (field.endsWith('date') && typeof v === 'string') return date(v, locale);
  if (typeof v === 'boolean') return v ? '✓' : '';
  return String(v);
}

export function PreviewTable({ result, fields }: { result: ReadResult; fields: string[] }) {
  const { t, locale } = useT();
  if (!result.ok) return <p className="error" role="alert" data-testid="mapping-missing">{t('imports.missing', { fields: result.missing.join(', ') })}</p>;
  const bad = result.rows.filter((r) => r.errors.length).length;
  return (
    <div className="scroll-x" data-testid="import-preview">
      <p className={bad ? 'warn' : 'muted small'}>{bad ? t('imports.previewBad', { n: bad }) : t('imports.previewOk', { n: result.rows.length })}</p>
      <table className="compact">
        <caption className="visually-hidden">{t('imports.preview')}</caption>
        <thead><tr><th className="num">{t('imports.line')}</th>{fields.map((f) => <th key={f}><code>{f}</code></th>)}</tr></thead>
        <tbody>
          {result.rows.map((r) => (
            <tr key={r.line} data-line={r.line} className={r.errors.length ? 'bad' : undefined}>
              <td className="num">{r.line}</td>
              {fields.map((f) => {
                const err = r.errors.find((e) => e.column === f);
                const currency = typeof r.value.currency === 'string' && !r.errors.some((e) => e.column === 'currency') ? r.value.currency : '';
                return <td key={f} className={err ? 'error' : undefined}>
                  {err ? r.value[f] : shown(f, r.value[f], currency, locale)}
                  {err ? <div className="small">{err.reason}</div> : null}
                </td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
