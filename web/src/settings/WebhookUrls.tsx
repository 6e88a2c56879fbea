// The webhook URLs to register at a provider (as GET /v1/providers gives them for this org), each with a copy button;
// or why there are none: the provider sends nothing back, or the server's public URL is not set.
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import type { ProviderWebhookUrl } from './types.ts';
import { REGISTRABLE, RegisterWebhooks } from './RegisterWebhooks.tsx';

/** `connected`: the provider's credentials are stored, so cobro can register the URLs itself (onRegistered reloads the list). */
export function WebhookUrls({ provider, urls, connected = false, onRegistered = () => {} }:
  { provider: string; urls: ProviderWebhookUrl[] | null; connected?: boolean; onRegistered?: () => void }) {
  const { t } = useT();
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (url: string) => {
    try { await navigator.clipboard.writeText(url); setCopied(url); } catch { setCopied(null); }
  };
  const purpose = (u: ProviderWebhookUrl) => { const k = `whu.${u.purpose}`; const s = t(k); return s === k ? u.for : s; };
  return (
    <section className="card" aria-labelledby="whu-title" data-testid="webhook-urls">
      <h2 id="whu-title">{t('whu.title', { provider })}</h2>
      {urls === null ? <p className="notice">{t('whu.noPublicUrl')}</p>
        : urls.length === 0 ? <p className="muted">{t('whu.none', { provider })}</p>
          : <>
            <p className="muted">{t('whu.intro', { provider })}</p>
            <ul className="plain">
              {urls.map((u) => (
                <li key={u.url} data-purpose={u.purpose}>
                  <code>{u.url}</code>{' '}
                  <button type="button" aria-label={t('whu.copyUrl', { purpose: u.purpose })} onClick={() => void copy(u.url)}>
                    {copied === u.url ? t('settings.copied') : t('settings.copy')}</button>
                  <br /><span>{u.methods.join(', ')} · {purpose(u)}</span>{' '}
                  <span className="muted small">({t('whu.setBy')}: {u.set_by === 'you' ? t('whu.you', { provider }) : t('whu.cobro')})</span>
                </li>))}
            </ul>
            {connected && REGISTRABLE.includes(provider) ? <RegisterWebhooks key={provider} provider={provider} onDone={onRegistered} /> : null}
          </>}
    </section>
  );
}
