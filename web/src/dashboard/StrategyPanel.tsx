// Strategy performance per version: cases, what was collected in the period while cases were on it (each payment on the
// version its case was on when it was allocated) and the contacts made, each row a link to its customers.
import { Link } from '../app/router.tsx';
import { integer, money, date } from '../app/format.ts';
import { useT } from '../i18n/index.tsx';
import type { StrategyRow } from './data.ts';
import { strategyCustomers } from './links.ts';

export function StrategyPanel({ rows, from, to }: { rows: StrategyRow[]; from: string; to: string }) {
  const { t, locale } = useT();
  return (
    <section className="card" aria-labelledby="strategies-title">
      <h2 id="strategies-title">{t('dash.strategies')} <span className="muted small">{t('dash.between', { from: date(from, locale), to: date(to, locale) })}</span></h2>
      <table className="compact" data-testid="strategies">
        <thead><tr><th scope="col">{t('dash.strategy')}</th><th scope="col" className="num">{t('dash.cases')}</th>
          <th scope="col" className="num">{t('dash.openCases')}</th><th scope="col" className="num">{t('dashboard.collected')}</th>
          <th scope="col" className="num">{t('dash.contacts')}</th></tr></thead>
        <tbody>
          {rows.length === 0 ? <tr><td colSpan={5} className="empty">{t('dash.noStrategies')}</td></tr> : null}
          {rows.map((r) => {
            const href = strategyCustomers(r.strategy_id, r.version);
            return (
              <tr key={`${r.strategy_id}-${r.version}`} data-strategy={`${r.strategy_id}-${r.version}`}>
                <th scope="row"><Link to={href}>{t('dash.version', { name: r.name, version: r.version })}</Link>
                  {r.active ? <span className="badge">{t('dash.active')}</span> : null}</th>
                <td className="num"><Link to={href}>{integer(r.cases, locale)}</Link></td>
                <td className="num">{integer(r.open_cases, locale)}</td>
                <td className="num">{r.collected.length ? r.collected.map((c) => money(c.amount, c.currency, locale)).join(' + ') : '–'}</td>
                <td className="num">{t('dash.contactsOf', { n: integer(r.contacts, locale), customers: integer(r.customers_contacted, locale) })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
