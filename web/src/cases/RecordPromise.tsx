// A promise to pay made outside a call (by email, WhatsApp, in person), through the arrangements API as a collector's.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../app/api.ts';
import type { Balance } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { parseAmount } from './amount.ts';
import { PromiseFields, draftFor, type PromiseDraft } from './PromiseFields.tsx';
import { Outcome, useSubmit } from './submit.tsx';
import { SendConfirmation, useConfirmChoice } from './SendConfirmation.tsx';

export function RecordPromise({ customerId, balances, onDone }: { customerId: string; balances: Balance[]; onDone: () => void }) {
  const { t, locale } = useT();
  const [draft, setDraft] = useState<PromiseDraft>(() => draftFor(balances, locale));
  const s = useSubmit();
  const confirm = useConfirmChoice();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(async () => {
      const amount = parseAmount(draft.amount, draft.currency);
      if (amount === null) throw new ApiError(400, 'VALIDATION_FAILED', t('promise.badAmount'), 'amount');
      await api('POST', '/v1/promises', { customer_id: customerId, amount, currency: draft.currency, due_date: draft.date, source: 'collector', ...confirm.body });
    }, t('promise.recorded'), onDone);
  };
  return (
    <form className="form" onSubmit={submit}>
      <PromiseFields id="promise" draft={draft} balances={balances} onChange={setDraft} />
      <SendConfirmation id="promise" choice={confirm} />
      <p><button type="submit" disabled={s.busy}>{t('promise.submit')}</button></p>
      <Outcome error={s.error} done={s.done} />
    </form>
  );
}
