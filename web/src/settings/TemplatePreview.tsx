// The text being edited, previewed beside the editor as the user types (debounced): rendered for a chosen customer or the
// sample debtor on its channel (an email's HTML in a sandboxed frame that runs no script, an SMS with its segments and
// encoding, WhatsApp's approved template and parameters), with what the lints would refuse shown inline. Nothing is saved.
import { useState } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { useDebounced } from '../app/useDebounced.ts';
import { ErrorBox } from '../app/ui.tsx';
import type { Customer, Page } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';

export interface DraftKey { template: string; channel: string; tone: string; language: string }

type Rendered =
  | { channel: 'email'; language: string; subject: string; html: string }
  | { channel: 'sms'; language: string; text: string; segments: { encoding: string; units: number; segments: number } }
  | { channel: 'whatsapp'; language: string; mode: 'template'; template: { name: string; language: string; parameters: string[] }; preview: string }
  | { channel: 'whatsapp'; language: string; mode: 'text'; text: string; preview: string }
  | { channel: 'voice'; language: string; script: string };
interface Finding { rule: string; message: string; place: string; tone: string }
interface DraftPreview {
  check: { ok: true; warnings: string[] } | { ok: false; field: string; message: string; findings: Finding[] };
  message: Rendered | null;
  problems: { rule: string; message?: string }[];
}

/** How long typing must pause before the preview is asked for again. */
const DEBOUNCE_MS = 350;

function Message({ m }: { m: Rendered }) {
  const { t } = useT();
  if (m.channel === 'email') {
    return (<>
      <p><strong>{t('set.tpl.subject')}:</strong> <span data-testid="preview-subject">{m.subject}</span></p>
      {/* sandbox with no allowances: no script runs, no form posts, no same-origin access */}
      <iframe className="tpl-email" title={t('set.tpl.pv.emailFrame')} sandbox="" srcDoc={m.html} />
    </>);
  }
  if (m.channel === 'sms') {
    return (<>
      <p className="preview-message" data-testid="preview-text" lang={m.language}>{m.text}</p>
      <p className="muted" data-testid="preview-sms-meta">{t('set.tpl.pv.segments', { segments: m.segments.segments, encoding: m.segments.encoding, units: m.segments.units })}</p>
    </>);
  }
  if (m.channel === 'whatsapp' && m.mode === 'template') {
    return (<>
      <p>{t('set.tpl.pv.waTemplate', { name: m.template.name, language: m.template.language })}</p>
      <ol className="tpl-params" data-testid="preview-wa-params">{m.template.parameters.map((p, i) => <li key={i}><code>{`{{${i + 1}}}`}</code> {p}</li>)}</ol>
      <p className="preview-message" data-testid="preview-text" lang={m.language}>{m.preview}</p>
    </>);
  }
  return <p className="preview-message" data-testid="preview-text" lang={m.language}>{m.channel === 'voice' ? m.script : m.text}</p>;
}

export function TemplatePreview({ draftKey, subject, body, whatsappName }: { draftKey: DraftKey; subject: string; body: string; whatsappName: string }) {
  const { t } = useT();
  const customers = useData(() => get<Page<Customer>>('/v1/customers', { limit: 100 }), 'customers');
  const [customer, setCustomer] = useState('');
  const input = {
    step: draftKey.template, channel: draftKey.channel, language: draftKey.language, ...(customer ? { customer_id: customer } : {}),
    draft: { tone: draftKey.tone, body, ...(draftKey.channel === 'email' ? { subject } : {}), ...(draftKey.channel === 'whatsapp' ? { whatsapp_name: whatsappName } : {}) },
  };
  const typed = JSON.stringify(input);
  const settled = useDebounced(typed, DEBOUNCE_MS, typed);
  const preview = useData(() => (body.trim() ? api<DraftPreview>('POST', '/v1/templates/preview', JSON.parse(settled) as unknown) : Promise.resolve(null)), settled);
  const p = preview.data;
  return (
    <section className="tpl-preview" aria-labelledby="tpl-preview-title" data-testid="template-preview" aria-busy={preview.loading || typed !== settled}>
      <h3 id="tpl-preview-title">{t('set.tpl.pv.title')}</h3>
      <div><label htmlFor="tpl-preview-customer">{t('set.tpl.pv.for')}</label>
        <select id="tpl-preview-customer" value={customer} onChange={(e) => setCustomer(e.target.value)}>
          <option value="">{t('set.tpl.pv.sample')}</option>
          {(customers.data?.data ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select></div>
      {!body.trim() ? <p className="muted">{t('set.tpl.pv.empty')}</p> : null}
      <ErrorBox error={preview.error} />
      {p && !p.check.ok ? (
        <div className="error" data-testid="preview-lint" aria-live="polite">
          <strong>{t('set.tpl.pv.refused', { field: p.check.field })}</strong>
          {p.check.findings.length ? <ul>{p.check.findings.map((f, i) => <li key={i}>{f.rule}: {f.message} ({f.place}, {f.tone})</li>)}</ul> : <p>{p.check.message}</p>}
        </div>) : null}
      {p?.check.ok && p.check.warnings.length ? <ul className="notice" data-testid="preview-warnings">{p.check.warnings.map((w) => <li key={w}>{w}</li>)}</ul> : null}
      {p?.problems.length ? <p className="error" data-testid="preview-problems">{t('set.tpl.pv.problems', { list: p.problems.map((x) => x.rule).join(', ') })}</p> : null}
      {p && !p.message ? <p className="muted">{t('set.tpl.pv.cannot')}</p> : null}
      {p?.message ? <div data-testid="preview-message" data-channel={p.message.channel}><Message m={p.message} /></div> : null}
    </section>
  );
}
