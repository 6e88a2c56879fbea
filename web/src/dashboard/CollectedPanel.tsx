// Collected this week and this month per currency, each above what the forecast expected for the same days.
import { Link } from '../app/router.tsx';
import { money } from '../app/format.ts';
import { useT } from '../i18n/index.tsx';
import { ErrorBox } from '../app/ui.tsx';
import { expectedBetween, type Collected, type Forecast } from './data.ts';
import { paymentsBetween } from './links.ts';

interface Props { collected: Collected[]; forecast: Forecast | null; forecastError: Error | null; weekFrom: string; monthFrom: string; to: string }

export function CollectedPanel({ collected, forecast, forecastError, weekFrom, monthFrom, to }: Props) {
  const { t, locale } = useT();
  const currencies = [...new Set([...collected.map((c) => c.currency), ...(forecast?.currencies.map((c) => c.currency) ?? [])])].sort();
  const expected = (currency: string, from: string) => {
    const weeks = forecast?.currencies.find((c) => c.currency === currency)?.weeks;
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
                  <br /><span className="small muted" data-figure="week-forecast">{t('dash.ofForecast', { amount: expected(currency, weekFrom) })}</span></td>
                <td className="num"><Link to={paymentsBetween(monthFrom, to)} data-figure="month">{money(c.month, currency, locale)}</Link>
                  <br /><span className="small muted" data-figure="month-forecast">{t('dash.ofForecast', { amount: expected(currency, monthFrom) })}</span></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {forecast ? <p className="small muted">{t('dash.forecastNote', { method: t(`dash.method.${forecast.method}`) })}</p> : null}
    </section>
  );
}
