// One payout's check: its result, gross, fees, net and what is unaccounted for, each issue with its code, and who settled
// it by hand; an admin or manager settles a payout for review here with a note (POST .../settle).
import { useState, type FormEvent } from 'react';
import { api, ApiError, get } from '../app/api.ts';
import { dateTime, money } from '../app/format.ts';
import { useData } from '../app/useData.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useSession } from '../sessions/session.tsx';
import type { PayoutBreakdown } from './payout-types.ts';

const path = (id: string) => `/v1/reconciliation/reported-payouts/${encodeURIComponent(id)}`;

export function PayoutCheckPanel({ id, canSettle }: { id: string; canSettle: boolean }) {
  const { t, locale } = useT();
  const me = useSession().me?.user ?? null;
  const [settled, setSettled] = useState<PayoutBreakdown | null>(null);
  const loaded = useData(() => get<PayoutBreakdown>(path(id)), id);
  const p = settled ?? loaded.data;
  if (!p) return loaded.error ? <ErrorBox error={loaded.error} /> : <Loading />;
  const c = p.breakdown.check;
  const m = (n: number) => money(n, c.currency, locale);
  // the settler as kept (user:usr_…); the signed-in person's own settlement also by their email
  const by = (actor: string) => (me && actor === `user:${me.id}` ? `${me.email} (${actor})` : actor);
  return (
    <div className="payout-check" data-testid="payout-check" data-result={c.result} role="region" aria-label={t('payouts.checkOf', { id: p.id })}>
      <h3>{t('payouts.checkOf', { id: p.id })} <span className={`badge badge-${c.result}`} data-testid="check-result">{t(`payouts.result.${c.result}`)}</span></h3>
      <dl className="details">
        <div data-figure="amount"><dt>{t('payouts.amount')}</dt><dd>{money(p.amount, p.currency, locale)}</dd></div>
        <div data-figure="gross"><dt>{t('payouts.gross')}</dt><dd>{m(c.gross)}</dd></div>
        <div data-figure="fees"><dt>{t('payouts.fees')}</dt><dd>{m(c.fees)}</dd></div>
        <div data-figure="net"><dt>{t('payouts.net')}</dt><dd>{m(c.net)}</dd></div>
        <div data-figure="difference"><dt>{t('payouts.difference')}</dt><dd>{m(c.difference)}</dd></div>
        <div data-figure="transactions"><dt>{t('payouts.transactions')}</dt><dd>{p.breakdown.fetch.transactions}</dd></div>
      </dl>
      {p.breakdown.fetch.error ? <p className="muted small">{t('payouts.fetchFailed', { error: p.breakdown.fetch.error })}</p> : null}
      {c.issues.length ? (
        <ul className="payout-issues" aria-label={t('payouts.issues')}>
          {c.issues.map((i, n) => <li key={n} data-issue={i.code}><code>{i.code}</code> <span className="muted small">({i.field})</span> {i.message}</li>)}
        </ul>
      ) : null}
      {c.settlement ? (
        <p className="settlement" data-testid="settlement">
          {t('payouts.settledBy', { by: by(c.settlement.by), at: dateTime(c.settlement.at, locale) })} <q>{c.settlement.note}</q>
        </p>
      ) : null}
      {c.result === 'review' && canSettle ? <SettleForm id={p.id} onSettled={setSettled} /> : null}
      {c.result === 'review' && !canSettle ? <p className="muted small">{t('payouts.settleNeedsManager')}</p> : null}
    </div>
  );
}

function SettleForm({ id, onSettled }: { id: string; onSettled: (p: PayoutBreakdown) => void }) {
  const { t } = useT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSettled(await api<PayoutBreakdown>('POST', `${path(id)}/settle`, { note: note.trim() }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="settle-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor="settle-note">{t('payouts.settleNote')}</label>
      <p className="muted small" id="settle-hint">{t('payouts.settleHint')}</p>
      <textarea id="settle-note" aria-describedby="settle-hint" maxLength={1000} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      {error ? <p className="error" role="alert">{error}</p> : null}
      <div className="actions"><button type="submit" className="primary" disabled={busy || !note.trim()}>{t('payouts.settle')}</button></div>
    </form>
  );
}
