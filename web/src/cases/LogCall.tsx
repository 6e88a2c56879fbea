// Logging a call with a standard outcome; a promise outcome carries the promise, recorded with the call or not at all.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../app/api.ts';
import type { Balance } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { parseAmount } from './amount.ts';
import { PromiseFields, draftFor, type PromiseDraft } from './PromiseFields.tsx';
import { Outcome, useSubmit } from './submit.tsx';
import { SendConfirmation, useConfirmChoice } from './SendConfirmation.tsx';
import { CALL_OUTCOMES, type CallOutcome } from './types.ts';

interface Props { caseId: string; taskId: string | null; phone: string | null; balances: Balance[]; onDone: () => void }

export function LogCall({ caseId, taskId, phone, balances, onDone }: Props) {
  const { t, locale } = useT();
  const [outcome, setOutcome] = useState<CallOutcome>('right_party');
  const [note, setNote] = useState('');
  const [dialled, setDialled] = useState(phone ?? '');
  const [promise, setPromise] = useState<PromiseDraft>(() => draftFor(balances, locale));
  const s = useSubmit();
  const confirm = useConfirmChoice();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(async () => {
      let body: Record<string, unknown> = { outcome, ...(taskId ? { task_id: taskId } : {}), ...(note.trim() ? { note: note.trim() } : {}),
        ...(dialled.trim() ? { phone: dialled.trim() } : {}) };
      if (outcome === 'promise') {
        const amount = parseAmount(promise.amount, promise.currency);
        if (amount === null) throw new ApiError(400, 'VALIDATION_FAILED', t('promise.badAmount'), 'promise.amount');
        body = { ...body, promise: { amount, currency: promise.currency, due_date: promise.date }, ...confirm.body };
      }
      await api('POST', `/v1/cases/${encodeURIComponent(caseId)}/calls`, body);
      setNote('');
    }, t('call.logged'), onDone);
  };

  return (
    <form className="form" onSubmit={submit} aria-labelledby="call-title">
      <h3 id="call-title">{t('call.title')}</h3>
      <fieldset className="choices">
        <legend>{t('call.outcome')}</legend>
        {CALL_OUTCOMES.map((o) => (
          <label key={o} className="check">
            <input type="radio" name="call-outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />{t(`call.outcome.${o}`)}
          </label>
        ))}
      </fieldset>
      {outcome === 'promise' ? <><PromiseFields id="call-promise" draft={promise} balances={balances} onChange={setPromise} /><SendConfirmation id="call-promise" choice={confirm} /></> : null}
      {outcome === 'wrong_number' ? <p className="muted small">{t('call.wrongNumberHint')}</p> : null}
      <div className="row">
        <div>
          <label htmlFor="call-phone">{t('call.phone')}</label>
          <input id="call-phone" type="tel" value={dialled} onChange={(e) => setDialled(e.target.value)} />
        </div>
        <div className="grow">
          <label htmlFor="call-note">{t('call.note')}</label>
          <input id="call-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </div>
      </div>
      <p><button type="submit" className="primary" disabled={s.busy}>{t('call.submit')}</button></p>
      <Outcome error={s.error} done={s.done} />
    </form>
  );
}
