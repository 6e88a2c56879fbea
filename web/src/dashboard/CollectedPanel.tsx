// Collected this week and this month per currency, each above what the forecast made as the period began expected for
// the same days: the one stored for that day when there is one, else one computed now, and the note says which.
import { Link } from '../app/router.tsx';
import { date, dateTime, money } from '../app/format.ts';
import { useT } from '../i18n/index.tsx';
import { ErrorBox } from '../app/ui.tsx';
import { expectedBetween, type Collected, type Forecast, type PeriodForecasts } from './data.ts';
import { paymentsBetween } from './links.ts';

interface Props { collected: Collected[]; forecast: PeriodForecasts | null; forecastError: Error | null; weekFrom: string; monthFrom: string; to: string }

/** Which forecast a period's figure is set beside: stored as of its day (with when it was made), or computed now. */
function ForecastSource({ period, f }: { period: 'week' | 'month'; f: Forecast }) {
  const { t, locale } = useT();
  const vars = { period: t(period === 'week' ? 'dashboard.thisWeek' : 'dashboard.thisMonth'), date: date(f.as_of, locale), method: t(`dash.method.${f.method}`) };
  return (
    <p className="small muted" data-forecast={period} data-stored={String(f.stored)} data-as-of={f.as_of}>
      {f.stored ? t('dash.forecastStored', { ...vars, made: dateTime(f.created_at, locale) }) : t('dash.forecastComputed', vars)}
    </p>
  );
}

export function CollectedPanel({ collected, forecast, forecastError, weekFrom, monthFrom, to }: Props) {
  const { t, locale } = useT();
  const both = forecast ? [forecast.week, forecast.month] : [];
  const currencies = [...new Set([...collected.map((c) => c.currency), ...both.flatMap((f) => f.currencies.map((c) => c.currency))])].sort();
  const expected = (currency: string, f: Forecast | undefined, from: string) => {
    const weeks = f?.currencies.find((c) => c.currency === currency)?.weeks;
    return weeks ? money(expectedBetween(weeks, from, to), currency, locale) : '–';
  };
  return (
    <section className="card" aria-labelledby="collected-title">
      <h2 id="collected-title">{t('dashboard.collected')}</h2>
      <ErrorBox error={forecastError} />
      <table className="compact" data-testid="collected">
        <thead><tr><th scope="col">{t('common.currency')}</th><th scope="col" className="num">{t('dashboard.thisWeek')}</th>
          <th scope="col" className="num">{t('dashboard.thisMonth')}</th></tr></thead>
        <tbody>
          {currencies.length === 0 ? <tr><td colSpan={3} className="empty">{t('dashboard.noPayments')}</td></tr> : null}
          {currencies.map((currency) => {
            const c = collected.find((x) => x.currency === currency) ?? { week: 0, month: 0 };
            return (
              <tr key={currency} data-currency={currency}>
                <th scope="row">{currency}</th>
                <td className="num"><Link to={paymentsBetween(weekFrom, to)} data-figure="week">{money(c.week, currency, locale)}</Link>
                  <br /><span className="small muted" data-figure="week-forecast">{t('dash.ofForecast', { amount: expected(currency, forecast?.week, weekFrom) })}</span></td>
                <td className="num"><Link to={paymentsBetween(monthFrom, to)} data-figure="month">{money(c.month, currency, locale)}</Link>
                  <br /><span className="small muted" data-figure="month-forecast">{t('dash.ofForecast', { amount: expected(currency, forecast?.month, monthFrom) })}</span></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {forecast ? <><ForecastSource period="week" f={forecast.week} /><ForecastSource period="month" f={forecast.month} /></> : null}
    </section>
  );
}
