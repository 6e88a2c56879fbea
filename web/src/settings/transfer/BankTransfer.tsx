// The org's bank transfer details: its accounts per currency (fields by kind), the reference debtors quote; admins change them.
import { useEffect, useState, type FormEvent } from 'react';
import { api, get } from '../../app/api.ts';
import { useData } from '../../app/useData.ts';
import { ErrorBox, Loading } from '../../app/ui.tsx';
import { useT } from '../../i18n/index.tsx';
import { useCan } from '../../sessions/session.tsx';
import { TRANSFER_SETTINGS_TEXTS, type TransferTexts } from './texts.ts';

type Kind = 'sepa' | 'us_ach' | 'mx_clabe' | 'br_pix' | 'ar_cbu' | 'other';
type Account = Record<string, string> & { kind: Kind; currency: string; beneficiary_name: string };
interface Settings { accounts: Account[]; reference: 'invoice_numbers' | 'customer_reference' }

const KINDS: Kind[] = ['sepa', 'us_ach', 'mx_clabe', 'br_pix', 'ar_cbu', 'other'];
/** The fields each kind asks for, after currency and beneficiary; `?` marks an optional one. */
const FIELDS: Record<Kind, string[]> = {
  sepa: ['iban', 'bic?'], us_ach: ['routing_number', 'account_number', 'account_type?'], mx_clabe: ['clabe'],
  br_pix: ['pix_key_type', 'pix_key', 'city?'], ar_cbu: ['cbu', 'alias?'], other: ['bank_name', 'account_number', 'swift?', 'routing_code?'],
};
const CURRENCY: Record<Kind, string> = { sepa: 'EUR', us_ach: 'USD', mx_clabe: 'MXN', br_pix: 'BRL', ar_cbu: 'ARS', other: '' };
const CHOICES: Record<string, string[]> = { pix_key_type: ['cpf', 'cnpj', 'email', 'phone', 'random'], account_type: ['', 'checking', 'savings'] };
const MAIN = ['iban', 'account_number', 'clabe', 'pix_key', 'cbu'];

function Field({ name, optional, value, set, x }: { name: string; optional: boolean; value: string; set: (v: string) => void; x: TransferTexts }) {
  const id = `bt-${name}`;
  const label = x[name as keyof TransferTexts] ?? name;
  const choices = CHOICES[name];
  return (
    <div><label htmlFor={id}>{label}</label>
      {choices ? <select id={id} value={value} onChange={(e) => set(e.target.value)}>{choices.map((c) => <option key={c} value={c}>{c}</option>)}</select>
        : <input id={id} required={!optional} value={value} onChange={(e) => set(e.target.value)} />}
    </div>
  );
}

/** The account without empty optional fields, as the API takes it. */
const cleaned = (a: Account): Account => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== '')) as Account;

export function BankTransfer() {
  const { lang } = useT();
  const x = TRANSFER_SETTINGS_TEXTS[lang];
  const can = useCan();
  const data = useData(() => get<Settings>('/v1/bank-transfer'), 'bank-transfer');
  const [form, setForm] = useState<Settings | null>(null);
  const [draft, setDraft] = useState<Account>({ kind: 'sepa', currency: 'EUR', beneficiary_name: '' });
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => { if (data.data) setForm({ accounts: data.data.accounts, reference: data.data.reference }); }, [data.data]);
  if (!form) return <>{data.loading ? <Loading /> : null}<ErrorBox error={data.error} /></>;
  const put = async (next: Settings) => {
    setError(null);
    setSaved(false);
    try {
      const r = await api<Settings>('PUT', '/v1/bank-transfer', { accounts: next.accounts.map(cleaned), reference: next.reference });
      setForm({ accounts: r.accounts, reference: r.reference });
      setSaved(true);
      return true;
    } catch (err) { setError(err as Error); return false; }
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (await put({ ...form, accounts: [...form.accounts, draft] })) setDraft({ kind: draft.kind, currency: draft.currency, beneficiary_name: '' });
  };
  const setKind = (kind: Kind) => setDraft({ kind, currency: CURRENCY[kind] || draft.currency, beneficiary_name: draft.beneficiary_name,
    ...(kind === 'br_pix' ? { pix_key_type: 'cpf' } : {}) });
  return (
    <section className="card" aria-labelledby="bt-title">
      <h2 id="bt-title">{x.title}</h2>
      <p>{x.intro}</p>
      {!can.admin ? <p className="notice">{x.adminsOnly}</p> : null}
      {form.accounts.length === 0 ? <p>{x.none}</p> : (
        <table aria-label={x.title}>
          <thead><tr><th>{x.currency}</th><th>{x.kind}</th><th>{x.beneficiary_name}</th><th>{x.details}</th>{can.admin ? <th /> : null}</tr></thead>
          <tbody>{form.accounts.map((a, i) => (
            <tr key={a.id ?? i}><td>{a.currency}</td><td>{x[`kind.${a.kind}` as keyof TransferTexts]}</td><td>{a.beneficiary_name}</td>
              <td>{MAIN.filter((k) => a[k]).map((k) => `${x[k as keyof TransferTexts]}: ${a[k]}`).join(' · ')}</td>
              {can.admin ? <td><button type="button" onClick={() => void put({ ...form, accounts: form.accounts.filter((_, j) => j !== i) })}>{x.remove}</button></td> : null}
            </tr>))}
          </tbody>
        </table>)}
      <fieldset className="plain filters" disabled={!can.admin}>
        <div><label htmlFor="bt-reference">{x.reference}</label>
          <select id="bt-reference" value={form.reference} onChange={(e) => void put({ ...form, reference: e.target.value as Settings['reference'] })}>
            {(['invoice_numbers', 'customer_reference'] as const).map((r) => <option key={r} value={r}>{x[`reference.${r}`]}</option>)}
          </select></div>
      </fieldset>
      {can.admin ? (
        <form onSubmit={add} aria-label={x.add}>
          <fieldset className="plain filters">
            <div><label htmlFor="bt-kind">{x.kind}</label>
              <select id="bt-kind" value={draft.kind} onChange={(e) => setKind(e.target.value as Kind)}>
                {KINDS.map((k) => <option key={k} value={k}>{x[`kind.${k}`]}</option>)}
              </select></div>
            <div><label htmlFor="bt-currency">{x.currency}</label>
              <input id="bt-currency" required maxLength={3} size={5} pattern="[A-Za-z]{3}" value={draft.currency}
                onChange={(e) => setDraft({ ...draft, currency: e.target.value.toUpperCase() })} /></div>
            <Field name="beneficiary_name" optional={false} value={draft.beneficiary_name} set={(v) => setDraft({ ...draft, beneficiary_name: v })} x={x} />
            {FIELDS[draft.kind].map((f) => {
              const name = f.replace('?', '');
              return <Field key={name} name={name} optional={f.endsWith('?')} value={draft[name] ?? ''} set={(v) => setDraft({ ...draft, [name]: v })} x={x} />;
            })}
            <div className="end"><button type="submit" className="primary">{x.add}</button></div>
          </fieldset>
        </form>) : null}
      {saved ? <p className="success" role="status">{x.saved}</p> : null}
      <ErrorBox error={error} />
    </section>
  );
}
