// The evidence answering a Stripe, Adyen, PayPal or Mercado Pago dispute (/disputes/{id}/evidence): the dispute and the gateway's deadline with
// the reminder task, what cobro fills in from its records, and the draft form (text, where cobro's documents go, Adyen's
// defence reason among those Adyen offers, files); writers save it, managers and admins submit it once, after a second
// click that says it cannot be undone; at PayPal they may accept the claim instead (AcceptClaim.tsx).
import { useEffect, useState } from 'react';
import { api, ApiError, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { date, dateTime, money } from '../app/format.ts';
import { ErrorBox, Loading, PageHeader } from '../app/ui.tsx';
import { Link } from '../app/router.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import { DOCUMENT_NAMES, FORM_FIELDS, type DocumentName, type EvidenceView } from './types.ts';
import { EvidenceFiles, type NewFile } from './EvidenceFiles.tsx';
import { AcceptClaim } from './AcceptClaim.tsx';

const GATEWAY = { stripe: 'Stripe', adyen: 'Adyen', paypal: 'PayPal', mercadopago: 'Mercado Pago' } as const;

function Facts({ v }: { v: EvidenceView }) {
  const { t, locale } = useT();
  const d = v.dispute;
  const a = v.auto;
  return (
    <section className="card" aria-labelledby="ev-facts">
      <h2 id="ev-facts">{t('ev.dispute')}</h2>
      <p data-testid="ev-amount">{money(d.amount, d.currency, locale)} · {t('ev.payment', { ref: d.payment_ref })}{d.reason ? ` · ${t('ev.reason', { reason: d.reason })}` : ''}
        {d.case_id ? ` · ${t('ev.chargebackId', { id: d.case_id })}` : ''}</p>
      <p data-testid="ev-due"><strong>{v.due_by ? t('ev.dueBy', { date: dateTime(v.due_by, locale) }) : t('ev.noDeadline')}</strong>
        {v.reminder ? <span className="muted small"> · {t('ev.reminder', { date: date(v.reminder.due_date, locale) })}</span> : null}</p>
      <h3>{t('ev.auto')}</h3>
      <ul data-testid="ev-auto">
        <li>{t('ev.customer')}: {a.customer.name}{a.customer.email ? ` <${a.customer.email}>` : ''}</li>
        <li>{t('ev.invoices')}: {a.invoices.map((i) => `${i.number} (${money(i.amount, i.currency, locale)})`).join(', ') || '—'}</li>
        <li>{t('ev.history', { sent: a.communications.filter((m) => m.direction === 'sent').length, received: a.communications.filter((m) => m.direction === 'received').length })}</li>
        <li>{t('ev.arrangements', { n: a.arrangements.length })}</li>
        {a.service_date ? <li>{t('ev.serviceDate', { date: date(a.service_date, locale) })}</li> : null}
      </ul>
      <p><Link to={`/cases/${d.customer_id}`}>{t('ev.openCase')}</Link></p>
    </section>
  );
}

function Form({ v, onSaved }: { v: EvidenceView; onSaved: (v: EvidenceView) => void }) {
  const { t, locale } = useT();
  const can = useCan();
  const provider = v.dispute.provider;
  const [text, setText] = useState<Record<string, string>>(v.text);
  const [documents, setDocuments] = useState(v.documents);
  const [reason, setReason] = useState(v.defense_reason ?? '');
  const [added, setAdded] = useState<NewFile[]>([]);
  const [removed, setRemoved] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => { setText(v.text); setDocuments(v.documents); setReason(v.defense_reason ?? ''); setAdded([]); setRemoved([]); }, [v]);
  const locked = v.status !== 'draft' || !can.write;
  const chosen = v.defense_reasons?.find((r) => r.code === reason);
  const slots = provider === 'adyen' ? chosen?.documentTypes.map((d) => d.code) ?? [] : v.file_slots ?? [];
  const run = async (call: () => Promise<EvidenceView>) => {
    setBusy(true); setError(null);
    try { onSaved(await call()); } catch (e) { setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', String(e))); } finally { setBusy(false); setConfirming(false); }
  };
  const save = () => run(() => api<EvidenceView>('PUT', `/v1/disputes/${encodeURIComponent(v.dispute.dispute_id)}/evidence?provider=${provider}`, {
    revision: v.revision, text, documents, ...(provider === 'adyen' ? { defense_reason: reason || null } : {}),
    add_files: added.map((f) => ({ slot: f.slot, filename: f.filename, content_type: f.content_type, data_base64: f.data_base64 })), remove_files: removed }));
  const submit = () => run(() => api<EvidenceView>('POST', `/v1/disputes/${encodeURIComponent(v.dispute.dispute_id)}/evidence/submit?provider=${provider}`, {}));
  return (
    <section className="card" aria-labelledby="ev-form">
      <h2 id="ev-form">{t('ev.draft')} <span className={`badge badge-${v.status}`} data-testid="ev-status">{t(`ev.status.${v.status}`)}</span></h2>
      {v.submitted_at ? <p data-testid="ev-submitted">{t(v.answer === 'accept_claim' ? 'ev.claimAcceptedAt' : 'ev.submittedAt', { gateway: GATEWAY[provider], date: dateTime(v.submitted_at, locale), who: v.submitted_by ?? '' })}</p> : null}
      {v.gateway_note ? <p className="muted">{v.gateway_note}</p> : null}
      {v.last_error ? <p className="error" data-testid="ev-last-error">{t('ev.lastError', { error: v.last_error })}</p> : null}
      <fieldset disabled={locked || busy}>
        {provider === 'adyen' ? (
          <p>
            <label htmlFor="ev-reason">{t('ev.defenseReason')}</label>{' '}
            <select id="ev-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
              <option value="">{t('ev.chooseReason')}</option>
              {(v.defense_reasons ?? []).map((r) => <option key={r.code} value={r.code}>{r.code}</option>)}
            </select>
            {chosen ? <span className="muted small"> {chosen.documentTypes.map((d) => `${d.code} (${t(`ev.req.${d.requirement}`)})`).join(', ')}</span> : null}
          </p>
        ) : null}
        {FORM_FIELDS[provider].map((f) => (
          <p key={f}>
            <label htmlFor={`ev-text-${f}`}>{t(`ev.field.${f}`)}</label><br />
            {f === 'explanation' || f.endsWith('_explanation')
              ? <textarea id={`ev-text-${f}`} rows={4} value={text[f] ?? ''} onChange={(e) => setText({ ...text, [f]: e.target.value })} />
              : <input id={`ev-text-${f}`} type={f.endsWith('_date') ? 'date' : 'text'} value={text[f] ?? ''} onChange={(e) => setText({ ...text, [f]: e.target.value })} />}
          </p>
        ))}
        <h3>{t('ev.documents')}</h3>
        {DOCUMENT_NAMES.map((n: DocumentName) => (
          <p key={n}>
            <label htmlFor={`ev-doc-${n}`}>{t(`ev.doc.${n}`)}</label>{' '}
            <select id={`ev-doc-${n}`} value={documents[n] ?? ''} onChange={(e) => setDocuments({ ...documents, [n]: e.target.value || null })}>
              <option value="">{t('ev.leftOut')}</option>
              {[...new Set([...slots, ...(documents[n] ? [documents[n]!] : [])])].map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </p>
        ))}
        <EvidenceFiles files={v.files.filter((f) => !removed.includes(f.id))} added={added} slots={slots}
          onRemove={(id) => setRemoved([...removed, id])} onAdd={(f) => setAdded([...added, f])} onDrop={(i) => setAdded(added.filter((_, j) => j !== i))} />
      </fieldset>
      {error ? <p className="error" role="alert" data-testid="ev-error">{error.field ? `${error.field}: ` : ''}{error.message}</p> : null}
      {!locked ? (
        <p>
          <button type="button" onClick={() => void save()} disabled={busy}>{t('ev.save')}</button>{' '}
          {can.manage ? (confirming
            ? <button type="button" className="danger" onClick={() => void submit()} disabled={busy}>{t('ev.confirmSubmit', { gateway: GATEWAY[provider] })}</button>
            : <button type="button" onClick={() => setConfirming(true)} disabled={busy || added.length > 0 || removed.length > 0}>{t('ev.submit', { gateway: GATEWAY[provider] })}</button>)
            : <span className="muted small">{t('ev.managersSubmit')}</span>}
        </p>
      ) : null}
    </section>
  );
}

export function EvidencePage({ id, provider }: { id: string; provider: string | null }) {
  const { t } = useT();
  const [saved, setSaved] = useState<EvidenceView | null>(null);
  const data = useData(() => get<EvidenceView>(`/v1/disputes/${encodeURIComponent(id)}/evidence`, { provider }), `${id}|${provider ?? ''}`);
  const v = saved ?? data.data;
  if (data.error) return <ErrorBox error={data.error} />;
  if (!v) return <Loading />;
  return (
    <>
      <PageHeader title={t('ev.title', { gateway: GATEWAY[v.dispute.provider], id: v.dispute.dispute_id })} />
      <Facts v={v} />
      <Form v={v} onSaved={setSaved} />
      <AcceptClaim v={v} onDone={setSaved} />
    </>
  );
}
