// The customers who owe the most in one currency, each a link to the customer.
import type { Aging } from '../app/types.ts';
import { Link } from '../app/router.tsx';
import { money } from '../app/format.ts';
import { useT } from '../i18n/index.tsx';
import { overdue } from '../aging/buckets.ts';

export function TopBalances({ aging, currency, limit = 6 }: { aging: Aging; currency: string; limit?: number }) {
  const { t, locale } = useT();
  const top = aging.customers.filter((c) => c.currency === currency).sort((a, b) => b.total - a.total).slice(0, limit);
  return (
    <>
      <h2 id="top-title">{t('dashboard.topBalances', { currency })}</h2>
      <table className="compact" aria-labelledby="top-title" data-testid="top-balances">
        <thead><tr><th scope="col">{t('common.customer')}</th><th scope="col" className="num">{t('common.balance')}</th>
          <th scope="col" className="num">{t('dashboard.overdueShort')}</th></tr></thead>
        <tbody>
          {top.map((c) => (
            <tr key={`${c.customer_id}-${c.currency}`}>
              <td><Link to={`/customers/${c.customer_id}`}>{c.name}</Link></td>
              <td className="num">{money(c.total, c.currency, locale)}</td>
              <td className="num">{money(overdue(c), c.currency, locale)}</td>
            </tr>
          ))}
          {top.length === 0 ? <tr><td colSpan={3} className="empty">{t('table.empty')}</td></tr> : null}
        </tbody>
      </table>
    </>
  );
}
