// Ask for more time: a number of days within the org's limit, and why (optional).
import { useState, type FormEvent } from 'react';
import { call } from '../api.ts';
import type { Account } from '../types.ts';
import { useWords } from '../texts/index.tsx';
import { Outcome, useSubmit } from '../ui.tsx';

export function MoreTimeForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const w = useWords();
  const max = account.limits.extension_max_days;
  const [days, setDays] = useState(String(Math.min(7, max)));
  const [reason, setReason] = useState('');
  const s = useSubmit({ n: max, org: account.org.name });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(async () => {
      const r = await call<{ new_due_date: string }>('POST', '/portal/api/extensions', { days: Number(days), ...(reason.trim() ? { reason: reason.trim() } : {}) });
      onDone();
      return w.t('time.done', { date: w.day(r.new_due_date) });
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <p><label htmlFor="time-days">{w.t('time.days')}</label>
        <input id="time-days" type="number" inputMode="numeric" min={1} max={max} value={days} onChange={(e) => setDays(e.target.value)}
          aria-describedby="time-hint" required /></p>
      <p className="hint" id="time-hint">{w.t('time.hint', { n: max })}</p>
      <p><label htmlFor="time-reason">{w.t('time.reason')}</label>
        <textarea id="time-reason" rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} /></p>
      <button type="submit" className="primary" disabled={s.busy}>{w.t('time.submit')}</button>
      <Outcome s={s} />
    </form>
  );
}
