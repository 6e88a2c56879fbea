// The last 30 days' KPIs in one currency (GET /v1/kpi): DSO and its parts, CEI, kept promises and contact rate.
import { get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { today } from '../app/format.ts';
import { ErrorBox } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';

/** The part of the API's KpiReport this panel shows. */
interface Kpi {
  receivables: { currency: string; dso: number | null; count_back_dso: number; best_possible_dso: number | null;
    average_days_delinquent: number | null; cei: number | null }[];
  promises: { kept_rate: number | null };
  contacts: { contact_rate: number | null };
}

export function KpiPanel({ currency }: { currency: string }) {
  const { t, locale } = useT();
  const from = today(-29);
  const to = today();
  const { data, error } = useData(() => get<Kpi>('/v1/kpi', { from, to, currency }), `kpi-${currency}-${to}`);
  const r = data?.receivables[0];
  const num = (n: number | null | undefined, style: 'decimal' | 'percent' = 'decimal') =>
    n === null || n === undefined ? '–' : new Intl.NumberFormat(locale, { style, maximumFractionDigits: 1 }).format(n);
  const figures: [string, string][] = [
    [t('dashboard.dso'), num(r?.dso)], [t('dashboard.countBack'), num(r?.count_back_dso)], [t('dashboard.bestDso'), num(r?.best_possible_dso)],
    [t('dashboard.delinquent'), num(r?.average_days_delinquent)], [t('dashboard.cei'), num(r?.cei === null || r?.cei === undefined ? null : r.cei / 100, 'percent')],
    [t('dashboard.keptRate'), num(data?.promises.kept_rate, 'percent')], [t('dashboard.contactRate'), num(data?.contacts.contact_rate, 'percent')],
  ];
  return (
    <section aria-labelledby="kpi-title">
      <h2 id="kpi-title">{t('dashboard.kpi', { currency })}</h2>
      <ErrorBox error={error} />
      <ul className="cards" data-testid="kpi">
        {figures.map(([label, value]) => (
          <li key={label} className="card figure"><span className="figure-label">{label}</span><strong className="figure-value">{value}</strong></li>
        ))}
      </ul>
    </section>
  );
}
