// A one-off message from a shipped template or one of the org's own (org-..., on the channels it wrote): preview it for this customer, then hand it to the dispatcher, which sends it
// only when the compliance gate allows (hours, caps, consent, opt-outs, paid, dispute, promise).
import { useState, type FormEvent } from 'react';
import { api } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { stepTemplates } from '../strategies/own-templates.ts';
import type { Customer } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { messageText } from './messageText.ts';
import { Outcome, useSubmit } from './submit.tsx';
import { CHANNELS, TONES, type Channel } from './types.ts';

interface Preview { message: Record<string, unknown>; problems: { rule: string; message: string }[]; address: string | null }

export function addressOn(c: Customer, ch: Channel): string | null {
  return ch === 'email' ? c.email : ch === 'whatsapp' ? c.whatsapp ?? c.phone : c.phone;
}

export function OneOffMessage({ caseId, customer, onDone }: { caseId: string; customer: Customer; onDone: () => void }) {
  const { t } = useT();
  const channels = CHANNELS.filter((c) => addressOn(customer, c));
  const [channel, setChannel] = useState<Channel>(channels[0] ?? 'email');
  const [template, setTemplate] = useState('');
  const [tone, setTone] = useState<(typeof TONES)[number]>('neutral');
  const [preview, setPreview] = useState<Preview | null>(null);
  const templates = useData(stepTemplates, 'templates');
  const usable = (templates.data?.data ?? []).filter((x) => x.channels.includes(channel));
  const chosen = usable.some((x) => x.id === template) ? template : usable[0]?.id ?? '';
  const look = useSubmit();
  const s = useSubmit();
  const showPreview = () => void look.run(async () => setPreview(await api<Preview>('POST', '/v1/templates/preview',
    { step: chosen, customer_id: customer.id, channel, tone })), '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(() => api('POST', `/v1/cases/${encodeURIComponent(caseId)}/messages`, { channel, template: chosen, tone }), t('msg.queued'), onDone);
  };
  if (channels.length === 0) return <p className="muted">{t('msg.noAddress')}</p>;
  const text = preview ? messageText(preview.message) : null;
  return (
    <form className="form" onSubmit={submit}>
      <div className="row">
        <div>
          <label htmlFor="msg-channel">{t('msg.channel')}</label>
          <select id="msg-channel" value={channel} onChange={(e) => { setChannel(e.target.value as Channel); setPreview(null); }}>
            {channels.map((c) => <option key={c} value={c}>{t(`channel.${c}`)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="msg-template">{t('msg.template')}</label>
          <select id="msg-template" value={chosen} onChange={(e) => { setTemplate(e.target.value); setPreview(null); }}>
            {usable.map((x) => <option key={x.id} value={x.id}>{x.id}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="msg-tone">{t('msg.tone')}</label>
          <select id="msg-tone" value={tone} onChange={(e) => { setTone(e.target.value as typeof tone); setPreview(null); }}>
            {TONES.map((x) => <option key={x} value={x}>{t(`tone.${x}`)}</option>)}
          </select>
        </div>
      </div>
      <p className="actions">
        <button type="button" onClick={showPreview} disabled={look.busy || !chosen}>{t('msg.preview')}</button>
        <button type="submit" className="primary" disabled={s.busy || !chosen}>{t('msg.send')}</button>
      </p>
      <Outcome error={look.error} done={null} />
      {text ? (
        <div className="message-preview" data-testid="message-preview">
          {preview?.address ? <p className="muted small">{preview.address}</p> : null}
          {text.subject ? <p><strong>{text.subject}</strong></p> : null}
          <pre>{text.body}</pre>
          {preview && preview.problems.length ? (
            <p className="warn small">{t('msg.problems')} {preview.problems.map((p) => `${p.rule}: ${p.message}`).join('; ')}</p>
          ) : null}
        </div>
      ) : null}
      <Outcome error={s.error} done={s.done} />
    </form>
  );
}
