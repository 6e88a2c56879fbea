// Promise a date: an amount (the whole balance unless changed) by a day within the org's limits.
import { useState, type FormEvent } from 'react';
import { call } from '../api.ts';
import type { Account } from '../types.ts';
import { useWords } from '../texts/index.tsx';
import { invalid, Outcome, readAmount, typedAmount, useSubmit } from '../ui.tsx';

export function PromiseForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const w = useWords();
  const main = account.totals[0];
  const [text, setText] = useState(main ? typedAmount(main.balance, main.currency, w.locale) : '');
  const [day, setDay] = useState('');
  const last = account.limits.promise_last_date;
  const s = useSubmit({ date: w.day(last) });
  if (!main) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(async () => {
      const amount = readAmount(text, main.currency, w.locale);
      if (amount === null) throw invalid('amount');
      if (!day) throw invalid('due_date');
      await call('POST', '/portal/api/promises', { amount, currency: main.currency, due_date: day });
      onDone();
      return w.t('promise.done', { amount: w.money(amount, main.currency), date: w.day(day) });
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <p className="hint" id="promise-hint">{w.t('promise.hint', { date: w.day(last), share: account.limits.promise_min_share_bp / 100 })}</p>
      <p><label htmlFor="promise-amount">{w.t('promise.amount', { currency: main.currency })}</label>
        <input id="promise-amount" inputMode="decimal" autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} required /></p>
      <p><label htmlFor="promise-date">{w.t('promise.date')}</label>
        <input id="promise-date" type="date" min={account.today} max={last} value={day} onChange={(e) => setDay(e.target.value)} required
          aria-describedby="promise-hint" /></p>
      <button type="submit" className="primary" disabled={s.busy}>{w.t('promise.submit')}</button>
      <Outcome s={s} />
    </form>
  );
}
