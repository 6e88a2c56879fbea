// Fulfilling a rectification: the customer's fields as they stand, corrected in place; only what changed is sent, validated as
// PATCH /v1/customers/{id} validates it.
import { useEffect, useState, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import type { Customer } from '../app/types.ts';
import { useData } from '../app/useData.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useSubmit } from '../cases/submit.tsx';
import { useT } from '../i18n/index.tsx';
import type { AnswerProps } from './AnswerForms.tsx';
import { invalidIf } from './invalid.ts';
import { fieldLabel } from './outcomeText.ts';
import type { Fulfilment } from './types.ts';

const FIELDS = ['name', 'email', 'phone', 'whatsapp', 'country', 'region', 'timezone', 'language'] as const;
type Field = (typeof FIELDS)[number];
type Draft = Record<Field, string>;

const draftOf = (c: Customer): Draft => Object.fromEntries(FIELDS.map((f) => [f, c[f] ?? ''])) as Draft;

/** The fields the person corrected: a cleared field becomes null (the name cannot be cleared; the API says so). */
function changesOf(before: Draft, after: Draft): Record<string, string | null> {
  return Object.fromEntries(FIELDS.filter((f) => after[f].trim() !== before[f]).map((f) => [f, after[f].trim() === '' && f !== 'name' ? null : after[f].trim()]));
}

export function RectifyForm({ request: r, onDone }: AnswerProps) {
  const { t } = useT();
  const customer = useData(() => get<Customer>(`/v1/customers/${encodeURIComponent(r.customer_id)}`), r.customer_id);
  const [draft, setDraft] = useState<Draft | null>(null);
  const s = useSubmit();
  useEffect(() => { if (customer.data) setDraft(draftOf(customer.data)); }, [customer.data]);
  if (!customer.data || !draft) return <>{customer.loading ? <Loading /> : null}<ErrorBox error={customer.error} /></>;
  const before = draftOf(customer.data);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const changes = changesOf(before, draft);
    void s.run(async () => {
      if (Object.keys(changes).length === 0) throw new Error(t('priv.noChanges'));
      const done = await api<Fulfilment>('POST', `/v1/privacy/requests/${encodeURIComponent(r.id)}/fulfilment`, { changes });
      onDone(done.request, t('priv.rectified', { fields: Object.keys(changes).map((f) => fieldLabel(f, t)).join(', ') }));
    }, '');
  };
  return (
    <form className="form" onSubmit={submit} aria-labelledby="priv-fulfil-title">
      <h3 id="priv-fulfil-title">{t('priv.fulfilRectification')}</h3>
      <p className="muted small">{t('priv.rectifyHint')}</p>
      <div className="rectify-fields">
        {FIELDS.map((f) => (
          <div key={f}>
            <label htmlFor={`priv-fix-${f}`}>{fieldLabel(f, t)}</label>
            <input id={`priv-fix-${f}`} value={draft[f]} onChange={(e) => setDraft({ ...draft, [f]: e.target.value })} {...invalidIf(s.error, `changes.${f}`, f, 'changes')} />
          </div>
        ))}
      </div>
      <p><button type="submit" className="primary" disabled={s.busy}>{t('priv.rectifySubmit')}</button></p>
      <ErrorBox error={s.error} />
    </form>
  );
}
