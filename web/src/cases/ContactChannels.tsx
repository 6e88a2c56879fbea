// Where the customer can be reached, channel by channel: the address, the consents recorded for it, and any opt-out.
// A writer records a consent on a channel (a kind that fits it, where it came from, the address prefilled) and revokes a
// live one, as POST /v1/customers/{id}/consents and /v1/consents/{id}/revoke do; a viewer only reads. A consent naming no
// channel holds on every channel: it has a row of its own, where a writer records one (any kind the API takes, a number or
// address optional) and revokes it, and it shows on each channel row whose kinds include it.
import { useState, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import type { Consent, Customer, Suppression } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import { addressOn } from './OneOffMessage.tsx';
import { Outcome, useSubmit } from './submit.tsx';
import { CHANNELS, type Channel } from './types.ts';

/** The consent kinds that are about a channel: contact on it at all, and what the US and WhatsApp ask besides. */
const KINDS: Record<Channel, string[]> = {
  email: ['channel', 'employer_email'], sms: ['channel'], whatsapp: ['channel', 'whatsapp_opt_in'], voice: ['automated_calls', 'channel'],
};
/** A consent naming no channel may be of any kind the API takes (POST /v1/customers/{id}/consents). */
const EVERY_KINDS = ['channel', 'automated_calls', 'whatsapp_opt_in', 'employer_email'];
/** The row a consent is recorded on: a channel, or 'any' for one naming none. */
type Target = Channel | 'any';

async function load(id: string) {
  const [consents, suppressions] = await Promise.all([
    get<{ data: Consent[] }>(`/v1/customers/${id}/consents`), get<{ data: Suppression[] }>(`/v1/customers/${id}/suppressions`)]);
  return { consents: consents.data.filter((c) => !c.revoked_at), suppressions: suppressions.data.filter((s) => !s.lifted_at) };
}

/** onChanged: a consent was recorded or revoked here (the page reads the case and this panel again). */
export function ContactChannels({ customer, version, onChanged }: { customer: Customer; version: number; onChanged: () => void }) {
  const { t } = useT();
  const can = useCan();
  const [recording, setRecording] = useState<Target | null>(null);
  const s = useSubmit();
  const { data } = useData(() => load(customer.id), `${customer.id}|${version}`);
  const live = data?.consents ?? [];
  const outEverywhere = (data?.suppressions ?? []).some((s) => s.scope === 'all');
  const rows = CHANNELS.map((ch: Channel) => {
    const address = addressOn(customer, ch);
    const consents = live.filter((c) => c.channel === ch);
    const everywhere = live.filter((c) => c.channel === null && KINDS[ch].includes(c.kind));
    const out = outEverywhere || (data?.suppressions ?? []).some((s) => s.channel === ch && (s.scope === 'channel' || s.address === address));
    return { ch, address, consents, everywhere, out };
  });
  const anyChannel = live.filter((c) => c.channel === null);
  const revoke = (c: Consent) => void s.run(() => api('POST', `/v1/consents/${encodeURIComponent(c.id)}/revoke`, {}),
    t('contact.revoked', { kind: t(`consent.${c.kind}`) }), onChanged);
  const held = (c: Consent, on: string) => <HeldConsent key={c.id} consent={c} on={on} busy={s.busy} onRevoke={can.write ? revoke : undefined} />;
  const recordButton = (target: Target, on: string) => (can.write && recording !== target ? (
    <p><button type="button" className="chip" onClick={() => setRecording(target)} aria-label={t('contact.recordNamed', { channel: on })}>{t('contact.record')}</button></p>
  ) : null);
  return (
    <section className="card" aria-labelledby="contact-title">
      <h2 id="contact-title">{t('contact.title')}</h2>
      <div className="scroll-x">
        <table className="compact" data-testid="contact-channels">
          <thead><tr><th scope="col">{t('contact.channel')}</th><th scope="col">{t('contact.address')}</th><th scope="col">{t('contact.consent')}</th><th scope="col">{t('contact.optOut')}</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.ch} data-channel={r.ch}>
                <th scope="row">{t(`channel.${r.ch}`)}</th>
                <td>{r.address ?? t('contact.none')}</td>
                <td>
                  {r.consents.length || r.everywhere.length ? null : <span className="muted">{t('contact.noConsent')}</span>}
                  {r.consents.map((c) => held(c, t(`channel.${r.ch}`)))}
                  {r.everywhere.map((c) => (
                    <span key={c.id} className="actions muted" data-consent={c.kind} data-every-channel="" title={c.source}>
                      {t('consent.kindEveryChannel', { kind: t(`consent.${c.kind}`) })}
                    </span>
                  ))}
                  {recordButton(r.ch, t(`channel.${r.ch}`))}
                </td>
                <td>{r.out ? <span className="badge badge-block">{t('contact.yes')}</span> : ''}</td>
              </tr>
            ))}
            {anyChannel.length || can.write ? (
              <tr data-channel="any">
                <th scope="row">{t('consent.everyChannel')}</th>
                <td>{t('contact.none')}</td>
                <td>
                  {anyChannel.length ? anyChannel.map((c) => held(c, t('consent.onEveryChannel'))) : <span className="muted">{t('contact.noConsent')}</span>}
                  {recordButton('any', t('consent.onEveryChannel'))}
                </td>
                <td>{outEverywhere ? <span className="badge badge-block">{t('contact.yes')}</span> : ''}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {recording ? (
        <RecordConsent key={recording} customerId={customer.id} channel={recording === 'any' ? null : recording}
          address={recording === 'any' ? '' : addressOn(customer, recording) ?? ''} busy={s.busy}
          onCancel={() => setRecording(null)} onSubmit={(send) => void s.run(send, t('contact.recorded'), () => { setRecording(null); onChanged(); })} />
      ) : null}
      <Outcome error={s.error} done={s.done} />
    </section>
  );
}

/** A live consent on a row: its kind (and the number or address it names, on the every-channel row), and a writer's Revoke. */
function HeldConsent({ consent: c, on, busy, onRevoke }: { consent: Consent; on: string; busy: boolean; onRevoke: ((c: Consent) => void) | undefined }) {
  const { t } = useT();
  return (
    <span className="actions" data-consent={c.kind} title={c.source}>
      {t(`consent.${c.kind}`)}{c.channel === null && c.address ? ` · ${c.address}` : ''}
      {onRevoke ? <button type="button" className="chip" disabled={busy} onClick={() => onRevoke(c)}
        aria-label={t('contact.revokeNamed', { kind: t(`consent.${c.kind}`), channel: on })}>{t('contact.revoke')}</button> : null}
    </span>
  );
}

/**
 * The form on one channel, or on none (`channel` null: every channel, its number or address optional, limiting it to that
 * one); the panel sends it, so that the line saying it is done outlives the form.
 */
function RecordConsent({ customerId, channel, address, busy, onCancel, onSubmit }: { customerId: string; channel: Channel | null; address: string; busy: boolean;
  onCancel: () => void; onSubmit: (send: () => Promise<unknown>) => void }) {
  const { t } = useT();
  const kinds = channel ? KINDS[channel] : EVERY_KINDS;
  const [kind, setKind] = useState(kinds[0]!);
  const [to, setTo] = useState(address);
  const [source, setSource] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(() => api('POST', `/v1/customers/${encodeURIComponent(customerId)}/consents`,
      { kind, channel, ...(to.trim() ? { address: to.trim() } : {}), source: source.trim() }));
  };
  return (
    <form className="form" onSubmit={submit} aria-labelledby="consent-title" data-testid="record-consent">
      <h3 id="consent-title">{t('contact.recordOn', { channel: channel ? t(`channel.${channel}`) : t('consent.onEveryChannel') })}</h3>
      <div className="row">
        <div>
          <label htmlFor="consent-kind">{t('contact.kind')}</label>
          <select id="consent-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {kinds.map((k) => <option key={k} value={k}>{t(`consent.${k}`)}</option>)}
          </select>
        </div>
        <div className="grow">
          <label htmlFor="consent-address">{t('contact.address')}</label>
          <input id="consent-address" value={to} maxLength={320} onChange={(e) => setTo(e.target.value)} {...(channel ? {} : { 'aria-describedby': 'consent-address-hint' })} />
          {channel ? null : <div id="consent-address-hint" className="muted small">{t('contact.addressEvery')}</div>}
        </div>
      </div>
      <label htmlFor="consent-source">{t('contact.source')}</label>
      <input id="consent-source" value={source} required maxLength={200} placeholder={t('contact.sourceHint')} onChange={(e) => setSource(e.target.value)} />
      <p className="actions">
        <button type="submit" className="primary" disabled={busy || !source.trim()}>{t('contact.recordSubmit')}</button>
        <button type="button" onClick={onCancel}>{t('contact.cancel')}</button>
      </p>
    </form>
  );
}
