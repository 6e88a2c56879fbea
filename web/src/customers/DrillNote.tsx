// The customers list's drill-down filters (from a dashboard figure): read from the address, said in words, cleared in one go.
import { useT } from '../i18n/index.tsx';

export const DRILL_KEYS = ['overdue_on', 'overdue', 'currency', 'dpd_min', 'dpd_max', 'as_of', 'strategy_id', 'strategy_version', 'messaged', 'contacted', 'channel', 'promised', 'from', 'to', 'risk_band'] as const;

export function drillFilters(q: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of DRILL_KEYS) {
    const v = q.get(k);
    if (v) out[k] = v;
  }
  return out;
}

/** A value said in words where the address holds a code (a risk band). */
function valueOf(key: string, value: string, t: (k: string) => string): string {
  return key === 'risk_band' ? t(`dash.band.${value}`) : value;
}

export function DrillNote({ filters, onClear }: { filters: Record<string, string>; onClear: () => void }) {
  const { t } = useT();
  const keys = Object.keys(filters);
  if (keys.length === 0) return null;
  return (
    <p className="small" data-testid="drill">
      {t('dash.filtered')}{' '}
      {keys.map((k) => <span key={k} className="badge" data-filter={k}>{t(`dash.filter.${k}`, { value: valueOf(k, filters[k] ?? '', t) })}</span>)}{' '}
      <button type="button" className="chip" onClick={onClear}>{t('common.clearFilters')}</button>
    </p>
  );
}
