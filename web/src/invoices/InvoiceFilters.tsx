// The invoice filters, kept in the address bar: status, currency, days past due, due date range, customer.
import { INVOICE_STATUSES } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { DebouncedInput } from '../app/SearchInput.tsx';

export const CURRENCIES = ['ARS', 'BRL', 'CLP', 'COP', 'EUR', 'MXN', 'PEN', 'USD'];

export function InvoiceFilters({ q, set }: { q: URLSearchParams; set: (c: Record<string, string | null>) => void }) {
  const { t } = useT();
  const statuses = (q.get('status') ?? '').split(',').filter(Boolean);
  const toggle = (s: string) => {
    const next = statuses.includes(s) ? statuses.filter((x) => x !== s) : [...statuses, s];
    set({ status: INVOICE_STATUSES.filter((x) => next.includes(x)).join(',') });
  };
  const currency = q.get('currency') ?? '';
  const currencies = currency && !CURRENCIES.includes(currency) ? [...CURRENCIES, currency] : CURRENCIES;
  return (
    <form className="filters" role="search" aria-label={t('invoices.filters')} onSubmit={(e) => e.preventDefault()}>
      <fieldset className="statuses">
        <legend>{t('invoices.status')}</legend>
        {INVOICE_STATUSES.map((s) => (
          <label key={s} className="check"><input type="checkbox" checked={statuses.includes(s)} onChange={() => toggle(s)} /> {t(`status.${s}`)}</label>
        ))}
      </fieldset>
      <div>
        <label htmlFor="inv-currency">{t('common.currency')}</label>
        <select id="inv-currency" value={currency} onChange={(e) => set({ currency: e.target.value })}>
          <option value="">{t('common.all')}</option>
          {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="inv-dpd-min">{t('invoices.dpdMin')}</label>
        <DebouncedInput id="inv-dpd-min" type="number" inputMode="numeric" min={0} value={q.get('dpd_min') ?? ''} onChange={(v) => set({ dpd_min: v })} />
      </div>
      <div>
        <label htmlFor="inv-dpd-max">{t('invoices.dpdMax')}</label>
        <DebouncedInput id="inv-dpd-max" type="number" inputMode="numeric" min={0} value={q.get('dpd_max') ?? ''} onChange={(v) => set({ dpd_max: v })} />
      </div>
      <div>
        <label htmlFor="inv-due-from">{t('invoices.dueFrom')}</label>
        <input id="inv-due-from" type="date" value={q.get('due_from') ?? ''} onChange={(e) => set({ due_from: e.target.value })} />
      </div>
      <div>
        <label htmlFor="inv-due-to">{t('invoices.dueTo')}</label>
        <input id="inv-due-to" type="date" value={q.get('due_to') ?? ''} onChange={(e) => set({ due_to: e.target.value })} />
      </div>
      {q.get('customer_id') ? (
        <div>
          <span className="label">{t('common.customer')}</span>
          <button type="button" className="chip" onClick={() => set({ customer_id: null })}>{q.get('customer_id')} ✕<span className="visually-hidden"> {t('common.clear')}</span></button>
        </div>
      ) : null}
      <div className="end">
        <button type="button" onClick={() => set({ status: null, currency: null, dpd_min: null, dpd_max: null, due_from: null, due_to: null, customer_id: null })}>
          {t('common.clearFilters')}
        </button>
      </div>
    </form>
  );
}
