// Recording a data-subject request for a customer: what was asked, who asked, how their identity was checked, when it came in.
import { useState, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import { useDebounced } from '../app/useDebounced.ts';
import type { Customer, Page } from '../app/types.ts';
import { useData } from '../app/useData.ts';
import { ErrorBox } from '../app/ui.tsx';
import { useSubmit } from '../cases/submit.tsx';
import { useT } from '../i18n/index.tsx';
import { invalidIf } from './invalid.ts';
import { REQUEST_KINDS, type DataRequest, type RequestKind } from './types.ts';

interface Props { customer: string; onRecorded: (r: DataRequest) => void }

export function RecordRequest({ customer: initial, onRecorded }: Props) {
  const { t } = useT();
  const [customer, setCustomer] = useState(initial);
  const [kind, setKind] = useState<RequestKind>('access');
  const [requester, setRequester] = useState('');
  const [identity, setIdentity] = useState('');
  const [receivedAt, setReceivedAt] = useState('');
  const s = useSubmit();
  // names matching what is typed, offered by external id (the API takes an id or an external id)
  const typed = useDebounced(customer.trim(), 300, customer.trim());
  const matches = useData(() => (typed.length < 2 ? Promise.resolve([])
    : get<Page<Customer>>('/v1/customers', { search: typed, limit: 8 }).then((p) => p.data)), typed);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(async () => {
      onRecorded(await api<DataRequest>('POST', '/v1/privacy/requests', {
        customer_id: customer.trim(), kind, requester, identity_check: identity,
        ...(receivedAt ? { received_at: new Date(receivedAt).toISOString() } : {}),
      }));
      setRequester('');
      setIdentity('');
      setReceivedAt('');
    }, '');
  };

  return (
    <form className="form card" onSubmit={submit} aria-labelledby="priv-record-title">
      <h2 id="priv-record-title">{t('priv.record')}</h2>
      <div className="row">
        <div className="grow">
          <label htmlFor="priv-customer">{t('priv.recordCustomer')}</label>
          <input id="priv-customer" value={customer} onChange={(e) => setCustomer(e.target.value)} list="priv-customers" autoComplete="off"
            {...invalidIf(s.error, 'customer_id')} />
          <datalist id="priv-customers">
            {(matches.data ?? []).map((c) => <option key={c.id} value={c.external_id}>{c.name}</option>)}
          </datalist>
        </div>
        <div>
          <label htmlFor="priv-kind">{t('priv.kind')}</label>
          <select id="priv-kind" value={kind} onChange={(e) => setKind(e.target.value as RequestKind)} {...invalidIf(s.error, 'kind')}>
            {REQUEST_KINDS.map((k) => <option key={k} value={k}>{t(`priv.kind.${k}`)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="priv-received">{t('priv.receivedAt')} <span className="muted small">({t('priv.receivedAtHint')})</span></label>
          <input id="priv-received" type="datetime-local" value={receivedAt} onChange={(e) => setReceivedAt(e.target.value)}
            {...invalidIf(s.error, 'received_at')} />
        </div>
      </div>
      <label htmlFor="priv-requester">{t('priv.requester')} <span className="muted small">({t('priv.requesterHint')})</span></label>
      <input id="priv-requester" value={requester} maxLength={500} onChange={(e) => setRequester(e.target.value)} {...invalidIf(s.error, 'requester')} />
      <label htmlFor="priv-identity">{t('priv.identity')}</label>
      <input id="priv-identity" value={identity} maxLength={2000} onChange={(e) => setIdentity(e.target.value)} {...invalidIf(s.error, 'identity_check')} />
      <p><button type="submit" className="primary" disabled={s.busy}>{t('priv.recordSubmit')}</button></p>
      <ErrorBox error={s.error} />
    </form>
  );
}
