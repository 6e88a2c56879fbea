// Home: where the money is. Overdue per currency and its trend, aging as a chart, collected against the forecast, the
// last 30 days' KPIs and roll rates, the open balance by risk band, recovery and cost by channel, strategy performance
// and the biggest balances; every figure a link.
import { useState } from 'react';
import { useData } from '../app/useData.ts';
import { Link } from '../app/router.tsx';
import { date, integer, money } from '../app/format.ts';
import { ErrorBox, Loading, PageHeader } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useSession } from '../sessions/session.tsx';
import { AgingChart } from '../aging/AgingChart.tsx';
import { overdue } from '../aging/buckets.ts';
import { loadDashboard, type DashboardData } from './data.ts';
import { loadKpi } from './kpi.ts';
import { loadRisk } from './risk.ts';
import { RiskPanel } from './RiskPanel.tsx';
import { overdueCustomers } from './links.ts';
import { TopBalances } from './TopBalances.tsx';
import { KpiPanel } from './KpiPanel.tsx';
import { RollRatesPanel } from './RollRatesPanel.tsx';
import { OverdueTrend } from './OverdueTrend.tsx';
import { CollectedPanel } from './CollectedPanel.tsx';
import { RecoveryPanel } from './RecoveryPanel.tsx';
import { StrategyPanel } from './StrategyPanel.tsx';
import './dashboard.css';

export function Dashboard() {
  const { t, locale } = useT();
  const { data, error, loading } = useData(loadDashboard, 'dashboard');
  return (
    <>
      <PageHeader title={t('dashboard.title')}>
        {data ? <span className="muted small" data-testid="periods-zone" data-zone={data.figures.time_zone} data-today={data.figures.as_of}>
          {t('dash.zone', { zone: data.figures.time_zone, date: date(data.figures.as_of, locale) })}</span> : null}
      </PageHeader>
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
  const known = [...new Set([...totals.map((l) => l.currency), ...data.figures.overdue_trend.map((c) => c.currency)])].sort();
  const preferred = known.find((c) => c === me?.org.default_currency) ?? known[0] ?? '';
  const [currency, setCurrency] = useState(preferred);
  const { period } = data.figures;
  const kpi = useData(() => loadKpi(currency, period), `kpi-${currency}-${period.from}`);
  const risk = useData(() => loadRisk(currency), `risk-${currency}`);
  const line = totals.find((l) => l.currency === currency);
  const trend = data.figures.overdue_trend.find((c) => c.currency === currency);
  const to = data.figures.as_of;
  if (!currency) return <p className="muted">{t('dashboard.nothing')}</p>;
  return (
    <>
      <section aria-labelledby="overdue-title">
        <div className="card-head">
          <h2 id="overdue-title">{t('dashboard.overdue')} <span className="muted small">{t('dashboard.asOf', { date: date(data.aging.as_of, locale) })}</span></h2>
          <label className="inline">
            <span>{t('common.currency')}</span>
            <select value={currency} onChange={(e) => setCurrency(e.target.value)} data-testid="currency">
              {known.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
        </div>
        <ul className="cards" data-testid="overdue">
          {totals.map((l) => (
            <li key={l.currency} className="card figure">
              <Link to={overdueCustomers(l.currency)} data-currency={l.currency}>
                <span className="figure-label">{t('dashboard.overdueIn', { currency: l.currency })}</span>
                <strong className="figure-value">{money(overdue(l), l.currency, locale)}</strong>
                <span className="muted small">{t('dashboard.ofBalance', { total: money(l.total, l.currency, locale), n: integer(l.invoices, locale) })}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <div className="grid-2">
        {trend ? <OverdueTrend currency={currency} points={trend.points} /> : <section className="card"><p className="muted">{t('dash.noTrend', { currency })}</p></section>}
        <CollectedPanel collected={data.figures.collected} forecast={data.forecast} forecastError={data.forecastError}
          weekFrom={data.figures.week_from} monthFrom={data.figures.month_from} to={to} />
      </div>
      <div className="grid-2">
        <section className="card" aria-labelledby="aging-title">
          <h2 id="aging-title">{t('dashboard.aging')}</h2>
          {line ? <AgingChart line={line} /> : <p className="muted">{t('dashboard.nothing')}</p>}
          <p className="small"><Link to="/aging">{t('dashboard.fullAging')}</Link></p>
        </section>
        <section className="card"><TopBalances aging={data.aging} currency={currency} /></section>
      </div>
      <ErrorBox error={kpi.error} />
      <KpiPanel currency={currency} kpi={kpi.data} />
      <RollRatesPanel currency={currency} kpi={kpi.data} />
      <ErrorBox error={risk.error} />
      <RiskPanel currency={currency} risk={risk.data} />
      <div className="dash-tables">
        <RecoveryPanel kpi={kpi.data} currency={currency} />
        <StrategyPanel rows={data.figures.strategies} from={data.figures.period.from} to={data.figures.period.to} />
      </div>
    </>
  );
}
