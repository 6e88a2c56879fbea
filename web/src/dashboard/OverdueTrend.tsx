// Total overdue at the end of each of the last weeks in one currency, as bars; each leads to the customers overdue at the end
// of that day, with what they owed then.
import { money, date } from '../app/format.ts';
import { Link } from '../app/router.tsx';
import { useT } from '../i18n/index.tsx';
import type { TrendPoint } from './data.ts';
import { overdueCustomersOn } from './links.ts';

export function OverdueTrend({ currency, points }: { currency: string; points: TrendPoint[] }) {
  const { t, locale } = useT();
  const max = Math.max(1, ...points.map((p) => p.overdue));
  const first = points[0];
  const last = points[points.length - 1];
  const change = first && last ? last.overdue - first.overdue : 0;
  return (
    <section className="card" aria-labelledby="trend-title">
      <div className="card-head">
        <h2 id="trend-title">{t('dash.trend', { currency, weeks: points.length })}</h2>
        {first && last ? <span className={`small ${change > 0 ? 'trend-up' : 'trend-down'}`} data-testid="trend-change">
          {t(change > 0 ? 'dash.trendUp' : 'dash.trendDown', { amount: money(Math.abs(change), currency, locale), date: date(first.date, locale) })}</span> : null}
      </div>
      <ol className="trend" data-testid="overdue-trend" aria-label={t('dash.trend', { currency, weeks: points.length })}>
        {points.map((p) => (
          <li key={p.date} style={{ ['--h' as string]: `${Math.round((p.overdue / max) * 100)}%` }}>
            <Link to={overdueCustomersOn(p.date, currency)} title={`${date(p.date, locale)}: ${money(p.overdue, currency, locale)}`} data-date={p.date} data-overdue={p.overdue}>
              <span className="trend-bar" aria-hidden="true" />
              <span className="visually-hidden">{t('dash.trendPoint', { date: date(p.date, locale), amount: money(p.overdue, currency, locale), n: p.invoices })}</span>
            </Link>
          </li>
        ))}
      </ol>
      <div className="trend-axis small muted" aria-hidden="true">
        <span>{first ? date(first.date, locale) : ''}</span><span>{last ? date(last.date, locale) : ''}</span>
      </div>
    </section>
  );
}
