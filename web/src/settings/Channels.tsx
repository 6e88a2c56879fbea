// Channels and credentials: which providers are connected, their settings, and which secrets are set (never the secrets).
import { useState, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { dateTime } from '../app/format.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import { ListTable } from './ListTable.tsx';
import { PROVIDER_FIELDS, PROVIDER_NAMES, secretsBody, settingsBody } from './providers.ts';

/** The providers email can go out through: the form says which one is used. */
const EMAIL_PROVIDERS = new Set(['smtp', 'mailgun', 'sendgrid']);
import type { ProviderList, ProviderSummary } from './types.ts';
import { COUNTED, WebhookSecrets } from './WebhookSecrets.tsx';
import { WebhookUrls } from './WebhookUrls.tsx';

interface Row { provider: string; summary: ProviderSummary | undefined }

const settingsText = (s: ProviderSummary | undefined) => (s ? Object.entries(s.settings).map(([k, v]) => `${k}: ${String(v)}`).join(', ') : '');

export function Channels() {
  const { t } = useT();
  const can = useCan();
  if (!can.admin) return <section className="card"><h2>{t('set.nav.channels')}</h2><p className="notice">{t('set.adminsOnly')}</p></section>;
  return <ChannelsForAdmins />;
}

function ChannelsForAdmins() {
  const { t, locale } = useT();
  const list = useData(() => get<ProviderList>('/v1/providers'), 'providers');
  const [provider, setProvider] = useState(PROVIDER_NAMES[0]!);
  const [settings, setSettings] = useState<Record<string, string>>({});
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  // bumped by Register webhooks: a kept secret shows in the secrets panel at once
  const [registered, setRegistered] = useState(0);
  const rows: Row[] = PROVIDER_NAMES.map((p) => ({ provider: p, summary: list.data?.data.find((s) => s.provider === p) }));
  const choose = (p: string) => {
    const current = list.data?.data.find((s) => s.provider === p);
    setProvider(p);
    setSettings(current ? Object.fromEntries(Object.entries(current.settings ?? {}).map(([k, v]) => [k, String(v)])) : { ...PROVIDER_FIELDS[p]?.defaults });
    setSecrets({});
    setSaved(null);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('PUT', `/v1/providers/${provider}`, { settings: settingsBody(provider, settings), secrets: secretsBody(provider, secrets) });
      setSecrets({});
      setSaved(provider);
      list.reload();
    } catch (err) { setError(err as Error); }
  };
  const disconnect = async (p: string) => {
    if (!window.confirm(t('set.ch.disconnectConfirm', { provider: p }))) return;
    try { await api('DELETE', `/v1/providers/${p}`); list.reload(); } catch (err) { setError(err as Error); }
  };
  const secretState = (r: Row) => (PROVIDER_FIELDS[r.provider]?.secrets ?? []).map(([name]) => {
    const hint = r.summary?.hints[name];
    return { name, hint };
  });
  const fields = PROVIDER_FIELDS[provider]!;
  return (
    <>
      <section className="card" aria-labelledby="ch-title">
        <h2 id="ch-title">{t('set.ch.title')}</h2>
        <p className="muted">{t('set.ch.intro')}</p>
        <ErrorBox error={list.error} />
        {list.loading && !list.data ? <Loading /> : null}
        <ListTable id="channels" caption={t('set.ch.title')} rows={rows} rowKey={(r) => r.provider} text={(r) => `${r.provider} ${settingsText(r.summary)}`}
          columns={[
            { key: 'provider', label: t('set.ch.provider'), sort: (r) => r.provider, render: (r) => <code>{r.provider}</code> },
            { key: 'state', label: t('set.ch.state'), sort: (r) => (r.summary ? 0 : 1), render: (r) => (r.summary ? t('set.ch.connected') : t('set.ch.notConnected')) },
            { key: 'settings', label: t('set.ch.settings'), render: (r) => settingsText(r.summary) },
            { key: 'secrets', label: t('set.ch.secrets'), render: (r) => (
              <ul className="plain" data-testid={`secrets-${r.provider}`}>
                {secretState(r).map((s) => <li key={s.name}><code>{s.name}</code>{' '}
                  <span className={`set-badge ${s.hint ? 'yes' : 'no'}`}>{s.hint ? t('set.ch.isSet', { hint: s.hint }) : t('set.ch.notSet')}</span></li>)}
              </ul>) },
            { key: 'updated', label: t('set.updated'), sort: (r) => r.summary?.updated_at ?? '', render: (r) => (r.summary ? dateTime(r.summary.updated_at, locale) : '') },
            { key: 'actions', label: t('set.actions'), render: (r) => (
              <span className="actions">
                <button type="button" onClick={() => choose(r.provider)}>{t('set.ch.edit', { provider: r.provider })}</button>
                {r.summary ? <button type="button" onClick={() => void disconnect(r.provider)}>{t('set.ch.disconnect')}</button> : null}
              </span>) },
          ]}
          csv={[{ header: 'provider', value: (r) => r.provider }, { header: 'connected', value: (r) => (r.summary ? 'yes' : 'no') },
            { header: 'settings', value: (r) => settingsText(r.summary) },
            { header: 'secrets_set', value: (r) => secretState(r).filter((s) => s.hint).map((s) => s.name).join(' ') },
            { header: 'updated_at', value: (r) => r.summary?.updated_at ?? '' }]} />
      </section>
      <section className="card" aria-labelledby="ch-form-title">
        <h2 id="ch-form-title">{t('set.ch.formTitle', { provider })}</h2>
        <form onSubmit={save} autoComplete="off">
          <div className="filters">
            <div><label htmlFor="ch-provider">{t('set.ch.provider')}</label>
              <select id="ch-provider" value={provider} onChange={(e) => choose(e.target.value)}>
                {PROVIDER_NAMES.map((p) => <option key={p} value={p}>{p}</option>)}
              </select></div>
          </div>
          {EMAIL_PROVIDERS.has(provider) ? <p className="muted small">{t('set.ch.emailHint')}</p> : null}
          {provider === 'sendgrid' ? <p className="muted small">{t('set.ch.sendgridHint')}</p> : null}
          <fieldset className="filters"><legend>{t('set.ch.settings')}</legend>
            {fields.settings.map(([name, kind, required]) => (
              <div key={name}><label htmlFor={`ch-s-${name}`}>{name}</label>
                {kind === 'boolean'
                  ? <input id={`ch-s-${name}`} type="checkbox" checked={settings[name] === 'true'} onChange={(e) => setSettings({ ...settings, [name]: String(e.target.checked) })} />
                  : <input id={`ch-s-${name}`} type={kind === 'number' ? 'number' : kind === 'url' ? 'url' : 'text'} required={required ?? false}
                    value={settings[name] ?? ''} onChange={(e) => setSettings({ ...settings, [name]: e.target.value })} />}
              </div>))}
          </fieldset>
          <fieldset className="filters"><legend>{t('set.ch.secrets')}</legend>
            <p className="muted small">{t('set.ch.secretsHint')}</p>
            {fields.secrets.map(([name, required]) => (
              <div key={name}><label htmlFor={`ch-x-${name}`}>{name}</label>
                <input id={`ch-x-${name}`} type="password" autoComplete="new-password" required={required ?? false}
                  value={secrets[name] ?? ''} onChange={(e) => setSecrets({ ...secrets, [name]: e.target.value })} /></div>))}
          </fieldset>
          <p><button type="submit" className="primary">{t('set.ch.save')}</button></p>
        </form>
        {saved ? <p className="success" role="status">{t('set.ch.saved', { provider: saved })}</p> : null}
        <ErrorBox error={error} />
      </section>
      {list.data ? <WebhookUrls provider={provider} urls={list.data.webhook_urls ? list.data.webhook_urls[provider] ?? [] : null}
        connected={list.data.data.some((s) => s.provider === provider)} onRegistered={() => { setRegistered((n) => n + 1); list.reload(); }} /> : null}
      {COUNTED.includes(provider) && list.data?.data.some((s) => s.provider === provider)
        ? <WebhookSecrets key={`${provider}-${list.data.data.find((s) => s.provider === provider)?.updated_at ?? ''}-${registered}`} provider={provider} /> : null}
    </>
  );
}
