// Cancelling the customer's pending promise (or extension) or active plan as staff: what is paid stays paid and the case
// returns to its strategy; the customer is told in writing unless the box is cleared (checked as the org's setting says).
// A plan is cancelled by managers only (the API refuses others); a collector sees it with a note saying so.
import { useState } from 'react';
import { api, get } from '../app/api.ts';
import { date, money } from '../app/format.ts';
import { useData } from '../app/useData.ts';
import { useT } from '../i18n/index.tsx';
import { SendConfirmation, useConfirmChoice } from './SendConfirmation.tsx';
import { Outcome, useSubmit } from './submit.tsx';

interface PendingPromise { id: string; kind: 'promise' | 'extension'; amount: number; currency: string; due_date: string }
interface ActivePlan { id: string; currency: string; total: number; paid: number; instalments: { paid: boolean }[] }

async function load(customerId: string) {
  const [promises, plans] = await Promise.all([
    get<{ data: PendingPromise[] }>('/v1/promises', { customer_id: customerId, status: 'pending' }),
    get<{ data: ActivePlan[] }>('/v1/plans', { customer_id: customerId, status: 'active' }),
  ]);
  return { promises: promises.data, plans: plans.data };
}

export function CancelArrangement({ customerId, manage, onDone }: { customerId: string; manage: boolean; onDone: () => void }) {
  const { t, locale } = useT();
  const [version, setVersion] = useState(0);
  const list = useData(() => load(customerId), `${customerId}|${version}`);
  const [reason, setReason] = useState('');
  const confirm = useConfirmChoice();
  const s = useSubmit();
  const cancel = (url: string, done: string) => void s.run(() => api('POST', url, { ...(reason.trim() ? { reason: reason.trim() } : {}), ...confirm.body }),
    done, () => { setReason(''); setVersion((v) => v + 1); onDone(); });
  const promises = list.data?.promises ?? [];
  const plans = list.data?.plans ?? [];
  if (list.data && promises.length === 0 && plans.length === 0) {
    return <><p className="muted">{t('cancelArr.none')}</p><Outcome error={s.error} done={s.done} /></>;
  }
  return (
    <div className="form">
      <ul className="plain">
        {promises.map((p) => (
          <li key={p.id}>
            {t(p.kind === 'extension' ? 'cancelArr.extension' : 'cancelArr.promise', { amount: money(p.amount, p.currency, locale), date: date(p.due_date, locale) })}{' '}
            <button type="button" disabled={s.busy} onClick={() => cancel(`/v1/promises/${p.id}/cancel`, t('cancelArr.promiseDone'))}>{t('cancelArr.cancelPromise')}</button>
          </li>
        ))}
        {plans.map((p) => (
          <li key={p.id}>
            {t('cancelArr.plan', { count: p.instalments.length, total: money(p.total, p.currency, locale), paid: money(p.paid, p.currency, locale) })}{' '}
            {manage ? <button type="button" disabled={s.busy} onClick={() => cancel(`/v1/plans/${p.id}/cancel`, t('cancelArr.planDone'))}>{t('cancelArr.cancelPlan')}</button>
              : <span className="muted small">{t('cancelArr.planManagers')}</span>}
          </li>
        ))}
      </ul>
      <label htmlFor="cancel-why">{t('cancelArr.why')}</label>
      <textarea id="cancel-why" rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      <SendConfirmation id="cancel" choice={confirm} />
      <Outcome error={s.error ?? list.error} done={s.done} />
    </div>
  );
}
