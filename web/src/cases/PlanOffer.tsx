// Offering an instalment plan: the options the org's negotiation limits allow (from the arrangements API), one chosen, created.
import { useState, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import { date, money } from '../app/format.ts';
import { useT } from '../i18n/index.tsx';
import { Outcome, useSubmit } from './submit.tsx';
import { SendConfirmation, useConfirmChoice } from './SendConfirmation.tsx';
import type { PlanOption } from './types.ts';

const key = (o: PlanOption) => `${o.frequency}-${o.count}`;

export function PlanOffer({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const { t, locale } = useT();
  const [options, setOptions] = useState<PlanOption[] | null>(null);
  const [chosen, setChosen] = useState('');
  const load = useSubmit();
  const s = useSubmit();
  const confirm = useConfirmChoice();
  const show = () => void load.run(async () => {
    const r = await get<{ data: PlanOption[] }>('/v1/plans/options', { customer_id: customerId });
    setOptions(r.data);
    setChosen(r.data[0] ? key(r.data[0]) : '');
  }, '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const o = options?.find((x) => key(x) === chosen);
    if (!o) return;
    void s.run(() => api('POST', '/v1/plans', { customer_id: customerId, instalments: o.count, frequency: o.frequency, currency: o.currency,
      down_payment: o.down_payment, source: 'collector', ...confirm.body }), t('plan.created'), onDone);
  };
  if (!options) {
    return <><p><button type="button" onClick={show} disabled={load.busy}>{t('plan.load')}</button></p><Outcome error={load.error} done={null} /></>;
  }
  if (options.length === 0) return <p className="muted">{t('plan.none')}</p>;
  return (
    <form className="form" onSubmit={submit}>
      <fieldset className="choices column">
        <legend>{t('plan.title')}</legend>
        {options.map((o) => {
          const each = o.instalments.find((i) => i.seq > 0)?.amount ?? 0;
          return (
            <label key={key(o)} className="check">
              <input type="radio" name="plan-option" value={key(o)} checked={chosen === key(o)} onChange={() => setChosen(key(o))} />
              <span>
                {t('plan.option', { count: o.count, amount: money(each, o.currency, locale), frequency: t(`plan.frequency.${o.frequency}`) })}
                <span className="muted small"> · {o.down_payment > 0 ? `${t('plan.down', { amount: money(o.down_payment, o.currency, locale) })} · ` : ''}
                  {t('plan.total', { amount: money(o.total, o.currency, locale), date: date(o.first_due_date, locale) })}</span>
              </span>
            </label>
          );
        })}
      </fieldset>
      <SendConfirmation id="plan" choice={confirm} />
      <p><button type="submit" className="primary" disabled={s.busy || !chosen}>{t('plan.submit')}</button></p>
      <Outcome error={s.error} done={s.done} />
    </form>
  );
}
