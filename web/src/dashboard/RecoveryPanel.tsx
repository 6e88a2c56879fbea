// Recovery and cost by channel over the last 30 days: payments credited whole to their last touch (the channel's messages,
// calls logged by people, portal visits), and what the messages cost. The shared credit is in the API and the CLI only.
import { Link } from '../app/router.tsx';
import { integer, money } from '../app/format.ts';
import { useT } from '../i18n/index.tsx';
import type { Kpi } from './kpi.ts';
import { messagedCustomers } from './links.ts';

/** Touches that are not messages: they have no messages to count or cost, and no list of customers messaged on them. */
const NOT_MESSAGES: Record<string, string> = { call: 'dash.channel.call', portal: 'dash.channel.portal' };

export function RecoveryPanel({ kpi, currency }: { kpi: Kpi | undefined; currency: string }) {
  const { t, locale } = useT();
  const rows = kpi?.recovery.by_channel ?? [];
  const sum = (xs: { currency: string; amount?: number; minor?: number }[]) =>
    xs.map((x) => money(x.amount ?? x.minor ?? 0, x.currency, locale)).join(' + ') || money(0, currency, locale);
  return (
    <section className="card" aria-labelledby="recovery-title">
      <h2 id="recovery-title">{t('dash.recovery')}</h2>
      <table className="compact" data-testid="recovery">
        <thead><tr><th scope="col">{t('dash.channel')}</th><th scope="col" className="num">{t('dash.messages')}</th>
          <th scope="col" className="num">{t('dash.recovered')}</th><th scope="col" className="num">{t('dash.cost')}</th></tr></thead>
        <tbody>
          {rows.length === 0 ? <tr><td colSpan={4} className="empty">{t('dash.noMessages')}</td></tr> : null}
          {rows.map((r) => (
            <tr key={r.channel ?? 'none'} data-channel={r.channel ?? ''}>
              <th scope="row">{!r.channel ? t('dash.noChannel') : NOT_MESSAGES[r.channel] ? t(NOT_MESSAGES[r.channel]!)
                : <Link to={messagedCustomers(kpi!.from, kpi!.to, r.channel)}>{t(`channel.${r.channel}`)}</Link>}</th>
              <td className="num">{r.channel && NOT_MESSAGES[r.channel] ? '–' : integer(r.messages, locale)}</td>
              <td className="num">{sum(r.recovered)}</td>
              <td className="num">{sum(r.cost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {kpi ? <p className="small muted">{t('dash.attribution', { days: kpi.recovery.attribution_days })}</p> : null}
    </section>
  );
}
