// Rotating the secret a connected provider signs its webhooks with (WH-5): the secrets accepted now, when each last
// verified a delivery, a new one added while the old stays accepted, and the old retired. Secrets are never shown.
import { useState, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { dateTime } from '../app/format.ts';
import { ErrorBox } from '../app/ui.tsx';
import { Table } from '../app/Table.tsx';
import { useT } from '../i18n/index.tsx';

/** The providers whose webhooks cobro verifies with a shared secret (as the API's webhook-secrets routes take them). */
export const ROTATING = ['stripe', 'mercadopago', 'adyen', 'twilio', 'meta_whatsapp', 'mailgun', 'smtp'];
/** The providers whose webhook keys are counted: the rotating ones and SendGrid (its keys are settings, changed in the form, listed here). */
export const COUNTED = [...ROTATING, 'sendgrid'];

interface SecretRow {
  id: string | null; role: 'current' | 'previous'; field: string | null; hint: string; state: 'active' | 'expired' | 'retired';
  expires_at: string | null; last_verified_at: string | null; verified_count: number;
}

export function WebhookSecrets({ provider }: { provider: string }) {
  const { t, locale } = useT();
  const list = useData(() => get<{ secrets: SecretRow[] }>(`/v1/providers/${provider}/webhook-secrets`), `whs-${provider}`);
  const [secret, setSecret] = useState('');
  const [keep, setKeep] = useState('168');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null); setDone(null);
    try {
      await api('POST', `/v1/providers/${provider}/webhook-secrets`, { secret, keep_hours: Number(keep) });
      setSecret(''); setDone(t('whs.added')); list.reload();
    } catch (err) { setError(err as Error); }
  };
  const retire = async (r: SecretRow) => {
    if (!window.confirm(t('whs.retireConfirm', { hint: r.hint }))) return;
    setError(null); setDone(null);
    try { await api('POST', `/v1/providers/${provider}/webhook-secrets/retire`, { id: r.id }); setDone(t('whs.retiredNow')); list.reload(); } catch (err) { setError(err as Error); }
  };
  const when = (v: string | null) => (v ? dateTime(v, locale) : '');
  const rotating = ROTATING.includes(provider);
  return (
    <section className="card" aria-labelledby="whs-title">
      <h2 id="whs-title">{t('whs.title', { provider })}</h2>
      <p className="muted">{rotating ? t('whs.intro', { provider }) : t('whs.keysIntro')}</p>
      <ErrorBox error={list.error} />
      <div data-testid="webhook-secrets">
        <Table caption={t('whs.title', { provider })} rows={list.data?.secrets ?? []} rowKey={(r) => `${r.role}-${r.id ?? r.field}-${r.hint}`}
          columns={[
            { key: 'role', label: t('whs.role'), render: (r) => (r.role === 'current' ? t('whs.current') : t('whs.previous')) },
            { key: 'hint', label: t('whs.ends'), render: (r) => <code>{r.hint}</code> },
            { key: 'state', label: t('whs.state'), render: (r) => t(`whs.${r.state}`) },
            { key: 'until', label: t('whs.until'), render: (r) => (r.role === 'previous' && r.state === 'active' ? when(r.expires_at) : '') },
            { key: 'last', label: t('whs.lastUsed'), render: (r) => (r.id === null && r.role === 'previous' ? t('whs.notCounted') : r.last_verified_at ? when(r.last_verified_at) : t('whs.never')) },
            { key: 'count', label: t('whs.count'), render: (r) => String(r.verified_count) },
            { key: 'actions', label: t('set.actions'), render: (r) => (rotating && r.role === 'previous' && r.id && r.state !== 'retired'
              ? <button type="button" onClick={() => void retire(r)}>{t('whs.retire')}</button> : null) },
          ]} />
      </div>
      {rotating ? <form onSubmit={add} autoComplete="off" className="filters">
        <div><label htmlFor="whs-secret">{t('whs.new')}</label>
          <input id="whs-secret" type="password" autoComplete="new-password" required value={secret} onChange={(e) => setSecret(e.target.value)} /></div>
        <div><label htmlFor="whs-keep">{t('whs.keep')}</label>
          <input id="whs-keep" type="number" min={1} max={720} required value={keep} onChange={(e) => setKeep(e.target.value)} /></div>
        <div><button type="submit" className="primary">{t('whs.add')}</button></div>
      </form> : null}
      {done ? <p className="success" role="status">{done}</p> : null}
      <ErrorBox error={error} />
    </section>
  );
}
