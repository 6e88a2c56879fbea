// Home: where the money is. Overdue per currency, aging as a chart, what came in this week and month, the biggest balances.
import { useState } from 'react';
import { useData } from '../app/useData.ts';
import { Link } from '../app/router.tsx';
import { date, integer, money } from '../app/format.ts';
import { ErrorBox, Loading, PageHeader } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useSession } from '../sessions/session.tsx';
import { AgingChart } from '../aging/AgingChart.tsx';
import { invoicesLink, overdue } from '../aging/buckets.ts';
import { loadDashboard, type DashboardData } from './data.ts';
import { TopBalances } from './TopBalances.tsx';
import { KpiPanel } from './KpiPanel.tsx';

export function Dashboard() {
  const { t } = useT();
  const { data, error, loading } = useData(loadDashboard, 'dashboard');
  return (
    <>
      <PageHeader title={t('dashboard.title')} />
      <ErrorBox error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? <Figures data={data} /> : null}
    </>
  );
}

function Figures({ data }: { data: DashboardData }) {
  const { t, locale } = useT();
  const { me } = useSession();
  const totals = data.aging.totals;
  const preferred = totals.find((l) => l.currency === me?.org.default_currency) ?? totals[0];
  const [currency, setCurrency] = useState(preferred?.currency ?? '');
  const line = totals.find((l) => l.currency === currency) ?? preferred;
  if (!line) return <p className="muted">{t('dashboard.nothing')}</p>;
  return (
    <>
      <section aria-labelledby="overdue-title">
        <h2 id="overdue-title">{t('dashboard.overdue')} <span className="muted small">{t('dashboard.asOf', { date: date(data.aging.as_of, locale) })}</span></h2>
        <ul className="cards" data-testid="overdue">
          {totals.map((l) => (
            <li key={l.currency} className="card figure">
              <Link to={invoicesLink(l.currency, { dpdMin: 1 })} data-currency={l.currency}>
                <span className="figure-label">{t('dashboard.overdueIn', { currency: l.currency })}</span>
                <strong className="figure-value">{money(overdue(l), l.currency, locale)}</strong>
                <span className="muted small">{t('dashboard.ofBalance', { total: money(l.total, l.currency, locale), n: integer(l.invoices, locale) })}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="aging-title">
          <div className="card-head">
            <h2 id="aging-title">{t('dashboard.aging')}</h2>
            <label className="inline">
              <span>{t('common.currency')}</span>
              <select value={line.currency} onChange={(e) => setCurrency(e.target.value)}>
                {totals.map((l) => <option key={l.currency} value={l.currency}>{l.currency}</option>)}
              </select>
            </label>
          </div>
          <AgingChart line={line} />
          <p className="small"><Link to="/aging">{t('dashboard.fullAging')}</Link></p>
        </section>
        <section className="card" aria-labelledby="collected-title">
          <h2 id="collected-title">{t('dashboard.collected')}</h2>
          <table className="compact" data-testid="collected">
            <thead><tr><th scope="col">{t('common.currency')}</th><th scope="col" className="num">{t('dashboard.thisWeek')}</th>
              <th scope="col" className="num">{t('dashboard.thisMonth')}</th></tr></thead>
            <tbody>
              {data.collected.length === 0 ? <tr><td colSpan={3} className="empty">{t('dashboard.noPayments')}</td></tr> : null}
              {data.collected.map((c) => (
                <tr key={c.currency}>
                  <th scope="row">{c.currency}</th>
                  <td className="num"><Link to={`/payments?from=${data.weekFrom}&to=${data.to}`}>{money(c.week, c.currency, locale)}</Link></td>
                  <td className="num"><Link to={`/payments?from=${data.monthFrom}&to=${data.to}`}>{money(c.month, c.currency, locale)}</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
          <TopBalances aging={data.aging} currency={line.currency} />
        </section>
      </div>
      <KpiPanel currency={line.currency} />
    </>
  );
}
