// Where the customer can be reached, channel by channel: the address, the consents recorded for it, and any opt-out.
import { get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import type { Consent, Customer, Suppression } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { addressOn } from './OneOffMessage.tsx';
import { CHANNELS, type Channel } from './types.ts';

async function load(id: string) {
  const [consents, suppressions] = await Promise.all([
    get<{ data: Consent[] }>(`/v1/customers/${id}/consents`), get<{ data: Suppression[] }>(`/v1/customers/${id}/suppressions`)]);
  return { consents: consents.data.filter((c) => !c.revoked_at), suppressions: suppressions.data.filter((s) => !s.lifted_at) };
}

export function ContactChannels({ customer, version }: { customer: Customer; version: number }) {
  const { t } = useT();
  const { data } = useData(() => load(customer.id), `${customer.id}|${version}`);
  const rows = CHANNELS.map((ch: Channel) => {
    const address = addressOn(customer, ch);
    const consents = (data?.consents ?? []).filter((c) => c.channel === ch || (c.channel === null && c.kind === 'channel'));
    const out = (data?.suppressions ?? []).some((s) => s.scope === 'all' || (s.channel === ch && (s.scope === 'channel' || s.address === address)));
    return { ch, address, consents, out };
  });
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
                <td>{r.consents.length ? r.consents.map((c) => t(`consent.${c.kind}`)).join(', ') : <span className="muted">{t('contact.noConsent')}</span>}</td>
                <td>{r.out ? <span className="badge badge-block">{t('contact.yes')}</span> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
