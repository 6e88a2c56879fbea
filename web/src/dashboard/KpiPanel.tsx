// The last 30 days' KPIs in one currency: DSO and its parts, CEI, kept promises and contact rate, each a link to what it counts.
import { Link } from '../app/router.tsx';
import { useT } from '../i18n/index.tsx';
import type { Kpi } from './kpi.ts';
import { contactedCustomers, openInvoices, overdueCustomers, paymentsBetween, promisedCustomers } from './links.ts';

export function KpiPanel({ currency, kpi }: { currency: string; kpi: Kpi | undefined }) {
  const { t, locale } = useT();
  const r = kpi?.receivables[0];
  const num = (n: number | null | undefined, style: 'decimal' | 'percent' = 'decimal') =>
    n === null || n === undefined ? '–' : new Intl.NumberFormat(locale, { style, maximumFractionDigits: 1 }).format(n);
  const from = kpi?.from ?? '';
  const to = kpi?.to ?? '';
  const figures: [key: string, label: string, value: string, href: string][] = [
    ['dso', t('dashboard.dso'), num(r?.dso), openInvoices(currency)],
    ['count_back', t('dashboard.countBack'), num(r?.count_back_dso), openInvoices(currency)],
    ['best_dso', t('dashboard.bestDso'), num(r?.best_possible_dso), openInvoices(currency, true)],
    ['delinquent', t('dashboard.delinquent'), num(r?.average_days_delinquent), overdueCustomers(currency)],
    ['cei', t('dashboard.cei'), num(r?.cei === null || r?.cei === undefined ? null : r.cei / 100, 'percent'), paymentsBetween(from, to)],
    ['kept_rate', t('dashboard.keptRate'), num(kpi?.promises.kept_rate, 'percent'), promisedCustomers(from, to)],
    ['contact_rate', t('dashboard.contactRate'), num(kpi?.contacts.contact_rate, 'percent'), contactedCustomers(from, to)],
  ];
  return (
    <section aria-labelledby="kpi-title">
      <h2 id="kpi-title">{t('dashboard.kpi', { currency })}</h2>
      <ul className="cards" data-testid="kpi">
        {figures.map(([key, label, value, href]) => (
          <li key={key} className="card figure" data-kpi={key}>
            <Link to={href}><span className="figure-label">{label}</span><strong className="figure-value">{value}</strong></Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
