// Pay now: the whole balance of a currency or a part of it, through the org's hosted payment page (cobro never sees a card).
import { useState, type FormEvent } from 'react';
import { call } from '../api.ts';
import type { Account } from '../types.ts';
import { useWords } from '../texts/index.tsx';
import { invalid, Outcome, readAmount, useSubmit } from '../ui.tsx';

export function PayForm({ account }: { account: Account }) {
  const w = useWords();
  const [currency, setCurrency] = useState(account.totals[0]?.currency ?? '');
  const [part, setPart] = useState(false);
  const [text, setText] = useState('');
  const s = useSubmit();
  if (!account.online_payment) return <p className="notice">{w.t('pay.none', { org: account.org.name })}</p>;
  const total = account.totals.find((x) => x.currency === currency);
  if (!total) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(async () => {
      const amount = part ? readAmount(text, currency, w.locale) : null;
      if (part && amount === null) throw invalid('amount');
      const link = await call<{ url: string }>('POST', '/portal/api/pay', { currency, ...(amount !== null ? { amount } : {}) });
      location.assign(link.url);
      return w.t('pay.going');
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      {account.totals.length > 1 ? (
        <p><label htmlFor="pay-currency">{w.t('pay.currency')}</label>
          <select id="pay-currency" value={currency} onChange={(e) => setCurrency(e.target.value)}>
            {account.totals.map((x) => <option key={x.currency} value={x.currency}>{x.currency}</option>)}
          </select></p>
      ) : null}
      <fieldset>
        <legend className="visually-hidden">{w.t('pay.title')}</legend>
        <label className="choice"><input type="radio" name="pay-how" checked={!part} onChange={() => setPart(false)} />
          {w.t('pay.whole', { amount: w.money(total.balance, currency) })}</label>
        <label className="choice"><input type="radio" name="pay-how" checked={part} onChange={() => setPart(true)} />{w.t('pay.part')}</label>
      </fieldset>
      {part ? (
        <p><label htmlFor="pay-amount">{w.t('pay.amount', { currency })}</label>
          <input id="pay-amount" inputMode="decimal" autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} required /></p>
      ) : null}
      <button type="submit" className="primary" disabled={s.busy}>{s.busy ? w.t('pay.going') : w.t('pay.submit')}</button>
      <Outcome s={s} />
    </form>
  );
}
