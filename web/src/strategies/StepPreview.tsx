// The selected step's message rendered for a real customer in a chosen language and channel, through the preview API
// (by its template and tone, so a step not saved yet previews too). Nothing is sent.
import { useState } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import type { Customer, Page } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { TEMPLATE_LANGUAGES, type Channel, type SendAction } from './types.ts';

interface Rendered { channel: Channel; language: string; subject?: string; text?: string; preview?: string; script?: string }
interface Preview { message: Rendered; address: string | null; problems: { rule: string; message?: string }[] }

export function StepPreview({ action }: { action: SendAction }) {
  const { t } = useT();
  const channels = [...action.channels, ...(action.fallback ?? [])];
  const customers = useData(() => get<Page<Customer>>('/v1/customers', { limit: 100 }), 'customers');
  const [customer, setCustomer] = useState('');
  const [language, setLanguage] = useState<string>('en');
  const [picked, setChannel] = useState<Channel>(channels[0]!);
  const channel = channels.includes(picked) ? picked : channels[0]!;
  const who = customer || customers.data?.data[0]?.id || '';
  const preview = useData(
    () => (who ? api<Preview>('POST', '/v1/templates/preview', { step: action.template, tone: action.tone, customer_id: who, channel, language }) : Promise.resolve(null)),
    `${action.template}|${action.tone}|${who}|${channel}|${language}`);
  const m = preview.data?.message;
  return (
    <section aria-label={t('strat.preview')} data-testid="step-preview">
      <h2>{t('strat.preview')}</h2>
      <div className="filters">
        <div>
          <label htmlFor="preview-customer">{t('strat.previewCustomer')}</label>
          <select id="preview-customer" value={who} onChange={(e) => setCustomer(e.target.value)}>
            {(customers.data?.data ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="preview-language">{t('strat.previewLanguage')}</label>
          <select id="preview-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
            {TEMPLATE_LANGUAGES.map((l) => <option key={l} value={l}>{t(`strat.lang.${l}`)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="preview-channel">{t('strat.previewChannel')}</label>
          <select id="preview-channel" value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {channels.map((c) => <option key={c} value={c}>{t(`strat.channel.${c}`)}</option>)}
          </select>
        </div>
      </div>
      {customers.data && customers.data.data.length === 0 ? <p className="muted">{t('strat.noCustomers')}</p> : null}
      <ErrorBox error={preview.error} />
      {preview.loading ? <Loading /> : null}
      {m ? (
        <div className="preview-message" data-testid="preview-message" data-language={m.language} data-channel={m.channel} lang={m.language}>
          {m.subject ? <p><strong>{t('strat.subject')}:</strong> {m.subject}</p> : null}
          {m.text ?? m.preview ?? m.script}
        </div>
      ) : null}
      {preview.data?.problems.length ? <p className="error">{t('strat.problems', { list: preview.data.problems.map((p) => p.rule).join(', ') })}</p> : null}
    </section>
  );
}
