// Open balance by risk band in the chosen currency: customers, balance and share, what the scores expect to come in and
// who moved band since the run before; each band a link to its customers. No score run yet is said, not shown as zeros.
import { Link } from '../app/router.tsx';
import { date, integer, money } from '../app/format.ts';
import { useT } from '../i18n/index.tsx';
import type { Risk, RiskBand } from './risk.ts';
import { riskCustomers } from './links.ts';

export function RiskPanel({ currency, risk }: { currency: string; risk: Risk | undefined }) {
  const { t, locale } = useT();
  const pct = (n: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n);
  return (
    <section className="card dash-wide" aria-labelledby="risk-title">
      <h2 id="risk-title">{t('dash.risk', { currency })}{risk?.run ? <> <span className="muted small">{t('dash.riskRun', { date: date(risk.run.as_of, locale) })}</span></> : null}</h2>
      {!risk ? null : !risk.run ? <p className="muted" data-testid="risk-none">{t('dash.riskNone')}</p> : (
        <>
          <table className="compact" data-testid="risk-bands">
            <thead><tr><th scope="col">{t('dash.band')}</th><th scope="col" className="num">{t('dash.customers')}</th>
              <th scope="col" className="num">{t('common.balance')}</th><th scope="col" className="num">{t('dash.share')}</th>
              <th scope="col" className="num">{t('dash.expectedRecovery')}</th>
              <th scope="col">{risk.previous_run ? t('dash.moved', { date: date(risk.previous_run.as_of, locale) }) : t('dash.movedNone')}</th></tr></thead>
            <tbody>
              {risk.bands.map((b) => <BandRow key={b.band} band={b} currency={currency} pct={pct} />)}
            </tbody>
          </table>
          <p className="muted small">{t('dash.riskNote', { high: pct(risk.thresholds.high_from), medium: pct(risk.thresholds.medium_from) })}</p>
        </>
      )}
    </section>
  );
}

function BandRow({ band: b, currency, pct }: { band: RiskBand; currency: string; pct: (n: number) => string }) {
  const { t, locale } = useT();
  const x = b.balances.find((y) => y.currency === currency);
  const m = b.movement;
  return (
    <tr data-band={b.band} data-amount={x?.amount ?? 0} data-customers={x?.customers ?? 0}>
      <th scope="row"><Link to={riskCustomers(b.band, currency)}>{t(`dash.band.${b.band}`)}</Link></th>
      <td className="num">{integer(x?.customers ?? 0, locale)}</td>
      <td className="num">{money(x?.amount ?? 0, currency, locale)}</td>
      <td className="num">{pct(x?.share ?? 0)}</td>
      <td className="num">{x?.expected_recovery === null || x?.expected_recovery === undefined ? '–'
        : <>{money(x.expected_recovery, currency, locale)}{x.amount > 0 ? <span className="muted small"> ({pct(x.expected_recovery / x.amount)})</span> : null}</>}</td>
      <td>{m ? t('dash.movedOf', { up: integer(m.up, locale), down: integer(m.down, locale), n: integer(m.new, locale) }) : '–'}</td>
    </tr>
  );
}
