// Pay in instalments: the plans the org's limits allow for what is owed, each told in a sentence; choosing one makes it.
import { useEffect, useState, type FormEvent } from 'react';
import { call, PortalError } from '../api.ts';
import type { PlanOption } from '../types.ts';
import { useWords } from '../texts/index.tsx';
import { invalid, Outcome, useSubmit } from '../ui.tsx';

const FREQUENCY = { weekly: 'plan.weekly', biweekly: 'plan.biweekly', monthly: 'plan.monthly' } as const;
const FREQUENCY_NAME = { weekly: 'plan.everyWeek', biweekly: 'plan.everyTwoWeeks', monthly: 'plan.everyMonth' } as const;
const ORDER = ['monthly', 'biweekly', 'weekly'];

type Options = { state: 'loading' } | { state: 'ready'; data: PlanOption[] } | { state: 'active' } | { state: 'failed' };

export function PlanForm({ onDone }: { onDone: () => void }) {
  const w = useWords();
  const [options, setOptions] = useState<Options>({ state: 'loading' });
  const [chosen, setChosen] = useState<PlanOption | null>(null);
  const [frequency, setFrequency] = useState<PlanOption['frequency'] | null>(null);
  const s = useSubmit();
  useEffect(() => {
    call<{ data: PlanOption[] }>('GET', '/portal/api/plans/options').then(
      (r) => setOptions({ state: 'ready', data: r.data }),
      (e: unknown) => setOptions(e instanceof PortalError && e.status === 409 ? { state: 'active' } : { state: 'failed' }));
  }, []);
  if (options.state === 'loading') return <p role="status">{w.t('plan.loading')}</p>;
  if (options.state === 'active') return <p>{w.t('plan.active')}</p>;
  if (options.state === 'failed') return <p role="alert" className="error">{w.t('page.error')}</p>;
  if (options.data.length === 0) return <p>{w.t('plan.none')}</p>;
  // one frequency at a time keeps the list short on a phone: monthly first when the org allows it
  const frequencies = [...new Set(options.data.map((o) => o.frequency))].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const shown = frequency ?? frequencies[0]!;
  const list = options.data.filter((o) => o.frequency === shown);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(async () => {
      const o = chosen;
      if (!o) throw invalid('instalments');
      await call('POST', '/portal/api/plans', { instalments: o.count, frequency: o.frequency, down_payment: o.down_payment });
      onDone();
      return w.t('plan.done', { amount: w.money(o.down_payment, o.currency) });
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      {s.done ? null : (
        <>
          {frequencies.length > 1 ? (
            <p><label htmlFor="plan-frequency">{w.t('plan.frequency')}</label>
              <select id="plan-frequency" value={shown} onChange={(e) => { setFrequency(e.target.value as PlanOption['frequency']); setChosen(null); }}>
                {frequencies.map((f) => <option key={f} value={f}>{w.t(FREQUENCY_NAME[f])}</option>)}
              </select></p>
          ) : null}
          <fieldset>
            <legend>{w.t('plan.choose')}</legend>
            {list.map((o) => {
              const regular = o.instalments.find((x) => x.seq === 1);
              return (
                <label className="choice" key={`${o.frequency}-${o.count}`}>
                  <input type="radio" name="plan" checked={chosen === o} onChange={() => setChosen(o)} />
                  <span>{w.t('plan.option', { first: w.money(o.down_payment, o.currency), count: o.count, frequency: w.t(FREQUENCY[o.frequency]),
                    amount: w.money(regular?.amount ?? 0, o.currency) })}
                    <span className="muted small block">{w.t('plan.last', { date: w.day(o.last_due_date), total: w.money(o.total, o.currency) })}</span></span>
                </label>
              );
            })}
          </fieldset>
          <button type="submit" className="primary" disabled={s.busy}>{w.t('plan.submit')}</button>
        </>
      )}
      <Outcome s={s} />
    </form>
  );
}
