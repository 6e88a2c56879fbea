// "Register webhooks" on a connected provider's card: cobro sets its own URLs at the provider through the provider's API
// (POST /v1/providers/{provider}/webhooks/register) and shows what each step did, or the provider's refusal.
import { useState } from 'react';
import { api } from '../app/api.ts';
import { ErrorBox } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';

/** The providers cobro registers its webhooks at (the server's REGISTERED_BY_COBRO). */
export const REGISTRABLE = ['twilio', 'stripe', 'paypal', 'adyen', 'mailgun', 'sendgrid'];

interface Step { what: string; outcome: 'registered' | 'updated' | 'unchanged' | 'failed'; id?: string; detail?: string }
interface Registration { provider: string; outcome: Step['outcome']; steps: Step[] }

export function RegisterWebhooks({ provider, onDone }: { provider: string; onDone: () => void }) {
  const { t } = useT();
  const [result, setResult] = useState<Registration | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = async () => {
    setBusy(true); setError(null); setResult(null);
    try {
      setResult(await api<Registration>('POST', `/v1/providers/${provider}/webhooks/register`));
      onDone();
    } catch (err) { setError(err as Error); } finally { setBusy(false); }
  };
  return (
    <div data-testid="register-webhooks">
      <p className="muted small">{t('regwh.intro', { provider })}</p>
      <p><button type="button" className="primary" disabled={busy} onClick={() => void run()}>{t('regwh.button')}</button></p>
      <ErrorBox error={error} />
      {result ? (
        <div role="status" aria-label={t('regwh.result', { provider })}>
          <p className={result.outcome === 'failed' ? 'notice' : 'success'}>{t(`regwh.outcome.${result.outcome}`, { provider })}</p>
          <ul className="plain">
            {result.steps.map((s) => (
              <li key={s.what} data-outcome={s.outcome}>
                <strong>{t(`regwh.step.${s.outcome}`)}</strong> <code>{s.what}</code>{s.id ? <span className="muted small"> ({s.id})</span> : null}
                {s.detail ? <><br /><span className={s.outcome === 'failed' ? 'notice small' : 'muted small'}>{s.detail}</span></> : null}
              </li>))}
          </ul>
        </div>) : null}
    </div>
  );
}
