// Roll rates over the last 30 days in the chosen currency, as GET /v1/kpi gives them: for each bucket the balance was in at
// the opening, where it was at the end bucket by bucket, what was resolved, and the share that rolled to a later bucket.
import { money } from '../app/format.ts';
import { useT } from '../i18n/index.tsx';
import { BUCKETS } from '../aging/buckets.ts';
import type { Kpi } from './kpi.ts';

export function RollRatesPanel({ currency, kpi }: { currency: string; kpi: Kpi | undefined }) {
  const { t, locale } = useT();
  const rows = kpi?.receivables.find((r) => r.currency === currency)?.roll_rates ?? [];
  const pct = (n: number | null) => (n === null ? '–' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n));
  return (
    <section className="card dash-wide" aria-labelledby="roll-title">
      <h2 id="roll-title">{t('dash.roll', { currency })}</h2>
      <table className="compact" data-testid="roll-rates">
        <thead>
          <tr><th scope="col">{t('dash.rollFrom')}</th><th scope="col" className="num">{t('dash.rollOpening')}</th>
            {BUCKETS.map((b) => <th key={b.key} scope="col" className="num">{t(`bucket.${b.key}`)}</th>)}
            <th scope="col" className="num">{t('dash.rollResolved')}</th><th scope="col" className="num">{t('dash.rollRate')}</th></tr>
        </thead>
        <tbody>
          {rows.length === 0 ? <tr><td colSpan={BUCKETS.length + 4} className="empty">{t('dash.rollNone', { currency })}</td></tr> : null}
          {rows.map((r) => (
            <tr key={r.from} data-from={r.from}>
              <th scope="row">{t(`bucket.${r.from}`)}</th>
              <td className="num">{money(r.opening, currency, locale)}</td>
              {BUCKETS.map((b) => <td key={b.key} className="num" data-to={b.key}>{money(r.to[b.key], currency, locale)}</td>)}
              <td className="num" data-to="resolved">{money(r.to.resolved, currency, locale)}</td>
              <td className="num" data-rate="roll">{pct(r.roll_rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t('dash.rollNote')}</p>
    </section>
  );
}
