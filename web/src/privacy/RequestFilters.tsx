// Filtering the requests by status, kind and customer; the filters live in the address, so a filtered list has a link.
import { useT } from '../i18n/index.tsx';
import { REQUEST_KINDS, REQUEST_STATUSES } from './types.ts';

interface Props { query: URLSearchParams; set: (changes: Record<string, string | null>) => void; customerName: string | null }

export function RequestFilters({ query, set, customerName }: Props) {
  const { t } = useT();
  return (
    <form className="filters" role="search" aria-label={t('priv.filters')} onSubmit={(e) => e.preventDefault()}>
      <div>
        <label htmlFor="priv-f-status">{t('priv.status')}</label>
        <select id="priv-f-status" value={query.get('status') ?? ''} onChange={(e) => set({ status: e.target.value })}>
          <option value="">{t('common.all')}</option>
          {REQUEST_STATUSES.map((s) => <option key={s} value={s}>{t(`priv.status.${s}`)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="priv-f-kind">{t('priv.kind')}</label>
        <select id="priv-f-kind" value={query.get('kind') ?? ''} onChange={(e) => set({ kind: e.target.value })}>
          <option value="">{t('common.all')}</option>
          {REQUEST_KINDS.map((k) => <option key={k} value={k}>{t(`priv.kind.${k}`)}</option>)}
        </select>
      </div>
      {customerName ? (
        <div>
          <span className="label">{t('priv.customer')}</span>
          <button type="button" className="chip" onClick={() => set({ customer: null })} aria-label={t('priv.allCustomersOf', { name: customerName })}>
            {customerName} ✕
          </button>
        </div>
      ) : null}
      <div><button type="button" onClick={() => set({ status: null, kind: null, customer: null })}>{t('common.clearFilters')}</button></div>
    </form>
  );
}
