// Cancelling the debtor's own pending promise or payment plan: a button, then a plain question with what follows (the
// reminders start again; a plan's payments stay paid), answered yes or no. A plan only when the org lets the debtor.
import { useEffect, useState } from 'react';
import { call, PortalError } from './api.ts';
import type { Account } from './types.ts';
import type { History } from './history-types.ts';
import { failureText, useWords, type Words } from './texts/index.tsx';
import { Section, useSubmit } from './ui.tsx';

type Kind = 'promise' | 'plan';

/** A refusal in the debtor's words: it has ended already (409), the org does not allow it (403), or as any failure. */
const refusal = (w: Words) => (e: unknown) => (e instanceof PortalError && e.status === 409 ? w.t('cancel.ended')
  : e instanceof PortalError && e.status === 403 ? w.t('cancel.planLocked', { org: w.org }) : failureText(w, e));

function Confirm({ kind, id, question, done, onDone }: { kind: Kind; id: string; question: string; done: string; onDone: (message: string) => void }) {
  const w = useWords();
  const [asking, setAsking] = useState(false);
  const s = useSubmit({}, refusal(w));
  const yes = () => void s.run(async () => {
    await call('POST', `/portal/api/${kind === 'promise' ? 'promises' : 'plans'}/${encodeURIComponent(id)}/cancel`, { confirm: true });
    onDone(done);
    return '';
  });
  const label = w.t(kind === 'promise' ? 'cancel.promise' : 'cancel.plan');
  if (!asking) return <p><button type="button" onClick={() => setAsking(true)}>{label}</button></p>;
  return (
    <div className="confirm" role="group" aria-labelledby={`cancel-${kind}-question`}>
      <p id={`cancel-${kind}-question`}>{question}</p>
      <p className="choices">
        <button type="button" className="danger" disabled={s.busy} onClick={yes}>{w.t('cancel.yes')}</button>
        <button type="button" disabled={s.busy} onClick={() => setAsking(false)}>{w.t('cancel.no')}</button>
      </p>
      {s.error ? <p role="alert" className="error">{s.error}</p> : null}
    </div>
  );
}

/** Whether the org lets the debtor cancel a plan, read from the history only when there is a plan to cancel. */
function usePlanCancellable(planId: string | null): boolean | null {
  const [allowed, setAllowed] = useState<boolean | null>(null);
  useEffect(() => {
    if (!planId) return;
    call<History>('GET', '/portal/api/history').then((h) => setAllowed(h.plan_cancellable), () => setAllowed(true));
  }, [planId]);
  return allowed;
}

export function CancelArrangement({ account, onDone }: { account: Account; onDone: () => void }) {
  const w = useWords();
  const [done, setDone] = useState<string | null>(null);
  const { promise, plan } = account;
  const planAllowed = usePlanCancellable(plan?.id ?? null);
  const finished = (message: string) => { setDone(message); onDone(); };
  return (
    <>
      {promise || plan ? (
        <Section id="cancel" title={w.t('cancel.title')}>
          {promise ? (
            <Confirm kind="promise" id={promise.id} onDone={finished} done={w.t('cancel.promiseDone', { org: w.org })}
              question={w.t('cancel.confirmPromise', { amount: w.money(promise.amount, promise.currency), date: w.day(promise.due_date), org: w.org })} />
          ) : null}
          {plan && planAllowed === false ? <p>{w.t('cancel.planLocked', { org: w.org })}</p> : null}
          {plan && planAllowed ? (
            <Confirm kind="plan" id={plan.id} onDone={finished}
              done={w.t('cancel.planDone', { left: w.money(Math.max(0, plan.total - plan.paid), plan.currency), org: w.org })} question={w.t('cancel.confirmPlan', {
              paid: w.money(plan.paid, plan.currency), left: w.money(Math.max(0, plan.total - plan.paid), plan.currency), org: w.org })} />
          ) : null}
        </Section>
      ) : null}
      <p role="status" className="success">{done ?? ''}</p>
    </>
  );
}
