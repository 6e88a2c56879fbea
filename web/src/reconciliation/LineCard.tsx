// One waiting credit: what the bank says (date, amount, payer, remittance), what cobro proposes (invoices, confidence, why)
// and what a person can do: accept, choose other invoices or split, mark as not ours. Keys on the focused card: a, c, n.
import { useState, type KeyboardEvent } from 'react';
import { api, ApiError } from '../app/api.ts';
import { date, money } from '../app/format.ts';
import { useT } from '../i18n/index.tsx';
import { AllocationEditor } from './AllocationEditor.tsx';
import type { WaitingLine } from './types.ts';

export function LineCard({ line, canWrite, onChanged }: { line: WaitingLine; canWrite: boolean; onChanged: (message: string) => void }) {
  const { t, locale } = useT();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = line.proposal;
  const payer = [line.counterparty_name, line.counterparty_account].filter(Boolean).join(' · ');

  const run = async (path: string, body: unknown, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', path, body);
      onChanged(message);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const accept = () => p && void run(`/v1/reconciliation/proposals/${p.id}/accept`, undefined, t('recon.accepted'));
  const notOurs = () => void run(`/v1/reconciliation/lines/${line.id}/not-ours`, {}, t('recon.dismissed'));
  const dismissed = line.match_state === 'not_receivable';
  const keys = (e: KeyboardEvent<HTMLElement>) => {
    if (!canWrite || busy || editing || dismissed || e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'a' && p) { e.preventDefault(); accept(); }
    if (e.key === 'c') { e.preventDefault(); setEditing(true); }
    if (e.key === 'n') { e.preventDefault(); notOurs(); }
  };

  return (
    <li className="card waiting-line" tabIndex={0} data-line-card="" data-line={line.id} data-state={line.match_state} onKeyDown={keys}
      aria-label={t('recon.lineLabel', { amount: money(line.amount, line.currency, locale), payer: payer || '—' })}>
      <div className="card-head">
        <h3>{money(line.amount, line.currency, locale)} <span className="muted small">{date(line.booking_date ?? line.value_date, locale)}</span></h3>
        <span className={`badge badge-${line.match_state}`}>{t(`recon.state.${line.match_state}`)}</span>
      </div>
      <dl className="details">
        {payer ? <div><dt>{t('recon.payer')}</dt><dd>{payer}</dd></div> : null}
        {line.remittance_text ? <div><dt>{t('recon.remittance')}</dt><dd>{line.remittance_text}</dd></div> : null}
        {line.structured_reference ? <div><dt>{t('recon.reference')}</dt><dd>{line.structured_reference}</dd></div> : null}
        <div><dt>{t('recon.statement')}</dt><dd className="small">{line.statement_filename ?? line.statement_id} · {t('recon.position', { n: line.position })}</dd></div>
      </dl>
      {p ? (
        <div className="proposal" data-testid="proposal">
          <p><strong>{t('recon.proposal', { customer: line.customer_name ?? '—' })}</strong>{' '}
            <span className="badge confidence" data-confidence={p.confidence}>{t('recon.confidence', { n: Math.round(p.confidence * 100) })}</span></p>
          <ul>
            {p.allocations.map((a) => {
              const inv = line.invoices.find((i) => i.id === a.invoice_id);
              return <li key={a.invoice_id}>{t('recon.pays', { amount: money(a.amount, p.currency, locale), number: inv?.number ?? a.invoice_id })}
                {inv ? <span className="muted small"> · {t('recon.balanceDue', { amount: money(inv.balance, inv.currency, locale), date: date(inv.due_date, locale) })}</span> : null}
                {a.fee ? <span className="muted small"> · {t('recon.fee', { amount: money(a.fee, p.currency, locale) })}</span> : null}</li>;
            })}
            {p.credit ? <li className="muted">{t('recon.credit', { amount: money(p.credit, p.currency, locale) })}</li> : null}
          </ul>
          <p className="muted small">{t('recon.why')}</p>
          <ul className="reasons small">{p.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
        </div>
      ) : dismissed ? null : <p className="muted">{t('recon.noProposal')}</p>}
      {error ? <p className="error" role="alert">{error}</p> : null}
      {canWrite && dismissed ? (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void run(`/v1/reconciliation/lines/${line.id}/restore`, {}, t('recon.restored'))}>{t('recon.putBack')}</button>
        </div>
      ) : null}
      {canWrite && !editing && !dismissed ? (
        <div className="actions">
          {p ? <button type="button" className="primary" disabled={busy} onClick={accept} aria-keyshortcuts="a">{t('recon.accept')}</button> : null}
          <button type="button" disabled={busy} onClick={() => setEditing(true)} aria-keyshortcuts="c">{p ? t('recon.chooseOther') : t('recon.choose')}</button>
          <button type="button" disabled={busy} onClick={notOurs} aria-keyshortcuts="n">{t('recon.notOurs')}</button>
        </div>
      ) : null}
      {editing ? <AllocationEditor line={line} onCancel={() => setEditing(false)}
        onDone={() => { setEditing(false); onChanged(t('recon.assigned')); }} /> : null}
    </li>
  );
}
