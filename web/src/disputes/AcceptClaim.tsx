// Accepting a PayPal claim instead of answering it with evidence (POST /v1/disputes/{id}/accept-claim): managers and admins,
// while the dispute is open and nothing was sent, write the note PayPal keeps and accept after a second click that says
// PayPal refunds the customer and it cannot be undone.
import { useState } from 'react';
import { api, ApiError } from '../app/api.ts';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import type { EvidenceView } from './types.ts';

export function AcceptClaim({ v, onDone }: { v: EvidenceView; onDone: (v: EvidenceView) => void }) {
  const { t } = useT();
  const can = useCan();
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (v.dispute.provider !== 'paypal' || v.status !== 'draft' || v.dispute.status !== 'open' || !can.manage) return null;
  const accept = async () => {
    setBusy(true); setError(null);
    try { onDone(await api<EvidenceView>('POST', `/v1/disputes/${encodeURIComponent(v.dispute.dispute_id)}/accept-claim`, { note })); }
    catch (e) { setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', String(e))); } finally { setBusy(false); setConfirming(false); }
  };
  return (
    <section className="card" aria-labelledby="ev-accept">
      <h2 id="ev-accept">{t('ev.acceptTitle')}</h2>
      <p className="muted">{t('ev.acceptHelp')}</p>
      <p>
        <label htmlFor="ev-accept-note">{t('ev.acceptNote')}</label><br />
        <textarea id="ev-accept-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} disabled={busy} />
      </p>
      {error ? <p className="error" role="alert" data-testid="ev-accept-error">{error.field ? `${error.field}: ` : ''}{error.message}</p> : null}
      <p>
        {confirming
          ? <button type="button" className="danger" onClick={() => void accept()} disabled={busy}>{t('ev.acceptConfirm')}</button>
          : <button type="button" onClick={() => setConfirming(true)} disabled={busy || !note.trim()}>{t('ev.accept')}</button>}
      </p>
    </section>
  );
}
