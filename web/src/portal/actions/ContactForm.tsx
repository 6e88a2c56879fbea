// How we contact you: a box per channel the org holds an address for (unticked: stop it), and the channel preferred
// (among those the API says may be: calls only when the org makes them).
import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../api.ts';
import type { Channel, Contact } from '../types.ts';
import { useWords } from '../texts/index.tsx';
import { Outcome, useSubmit } from '../ui.tsx';

const CHANNEL_TEXT = { email: 'channel.email', sms: 'channel.sms', whatsapp: 'channel.whatsapp', voice: 'channel.voice' } as const;

export function ContactForm() {
  const w = useWords();
  const [contact, setContact] = useState<Contact | null>(null);
  const [allowed, setAllowed] = useState<Partial<Record<Channel, boolean>>>({});
  const [preferred, setPreferred] = useState<Channel | ''>('');
  const [failed, setFailed] = useState(false);
  const s = useSubmit();
  const show = (c: Contact) => {
    setContact(c);
    setAllowed(Object.fromEntries(c.channels.map((x) => [x.channel, !x.stopped])));
    setPreferred(c.preferred_channel ?? '');
  };
  useEffect(() => { call<Contact>('GET', '/portal/api/contact').then(show, () => setFailed(true)); }, []);
  if (failed) return <p role="alert" className="error">{w.t('page.error')}</p>;
  if (!contact) return <p role="status">{w.t('page.loading')}</p>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(async () => {
      // only what changed: a channel stopped elsewhere stays as it is unless the debtor ticks it again
      const channels = Object.fromEntries(contact.channels.filter((x) => allowed[x.channel] !== !x.stopped).map((x) => [x.channel, allowed[x.channel]]));
      show(await call<Contact>('PUT', '/portal/api/contact', { channels, preferred_channel: preferred || null }));
      return w.t('contact.done');
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <fieldset>
        <legend>{w.t('contact.allowed')}</legend>
        {contact.channels.map((x) => (
          <div key={x.channel}>
            <label className="choice">
              <input type="checkbox" checked={allowed[x.channel] ?? false} disabled={x.stopped && !x.can_resume}
                onChange={(e) => setAllowed((a) => ({ ...a, [x.channel]: e.target.checked }))}
                aria-describedby={x.stopped && !x.can_resume ? `locked-${x.channel}` : undefined} />
              {w.t(CHANNEL_TEXT[x.channel])} <span className="muted">({x.address})</span>
            </label>
            {x.stopped && !x.can_resume ? <p className="hint" id={`locked-${x.channel}`}>{w.t('contact.locked')}</p> : null}
          </div>
        ))}
      </fieldset>
      <p><label htmlFor="contact-preferred">{w.t('contact.preferred')}</label>
        <select id="contact-preferred" value={preferred} onChange={(e) => setPreferred(e.target.value as Channel | '')}>
          <option value="">{w.t('contact.noPreference')}</option>
          {contact.preferable.map((ch) => <option key={ch} value={ch}>{w.t(CHANNEL_TEXT[ch])}</option>)}
        </select></p>
      <button type="submit" className="primary" disabled={s.busy}>{w.t('contact.submit')}</button>
      <Outcome s={s} />
    </form>
  );
}
