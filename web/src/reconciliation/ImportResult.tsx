// What one statement upload did: lines read, new, skipped as imported before, applied, sent to review, left unmatched.
import { integer } from '../app/format.ts';
import { Link } from '../app/router.tsx';
import { useT } from '../i18n/index.tsx';
import type { StatementImport } from './types.ts';

export function ImportResult({ result }: { result: StatementImport }) {
  const { t, locale } = useT();
  const r = result.reconciliation;
  const figures: [string, number, string][] = [
    ['recon.lines', result.lines, 'lines'], ['recon.newLines', result.new_lines, 'new'], ['recon.duplicates', result.duplicates, 'duplicates'],
    ['recon.applied', r.matched, 'applied'], ['recon.toReview', r.review, 'review'], ['recon.unmatched', r.unmatched, 'unmatched'],
    ['recon.notReceivable', r.not_receivable, 'not-receivable'], ['recon.reversed', r.reversed, 'reversed'],
    // a gateway's payout credits no invoice and waits for no one
    ...(r.payout ? [['recon.payouts', r.payout, 'payouts'] as [string, number, string]] : []),
  ];
  return (
    <section className="card" aria-labelledby="recon-result-title" data-testid="statement-result">
      <h2 id="recon-result-title">{t('recon.result', { file: result.filename ?? '' })}</h2>
      <p className="success" role="status">{t('recon.imported', { format: result.format, n: integer(result.new_lines, locale) })}</p>
      <dl className="details inline-details">
        {figures.map(([k, v, id]) => <div key={k} data-figure={id}><dt>{t(k)}</dt><dd>{integer(v, locale)}</dd></div>)}
      </dl>
      {result.cross_format_duplicates.length ? <p className="notice">{t('recon.heldBack', { n: result.cross_format_duplicates.length })}</p> : null}
      <p className="small">{result.statements.map((s) => (
        <Link key={s.id} to={`/reconciliation?statement=${s.id}`}>{t('recon.showStatement', { account: s.account ?? s.id })}</Link>))}</p>
    </section>
  );
}
