// What a person may do to the case: a note, a promise, cancelling a promise or plan, pause or resume, escalate, another
// strategy (managers), a one-off message through the gate. A viewer sees none of it; the API refuses them anyway.
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, get } from '../app/api.ts';
import { today } from '../app/format.ts';
import { useData } from '../app/useData.ts';
import type { Balance, Customer } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { CancelArrangement } from './CancelArrangement.tsx';
import { OneOffMessage } from './OneOffMessage.tsx';
import { RecordPromise } from './RecordPromise.tsx';
import { Outcome, useSubmit } from './submit.tsx';
import type { CaseDetail, StrategyRow } from './types.ts';

interface Props { kase: CaseDetail; customer: Customer; balances: Balance[]; manage: boolean; onDone: () => void }

function TextAction({ id, label, submitLabel, success, required, send, onDone, children }: {
  id: string; label: string; submitLabel: string; success: string; required: boolean; send: (text: string) => Promise<unknown>; onDone: () => void;
  children?: ReactNode;
}) {
  const [text, setText] = useState('');
  const s = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(() => send(text.trim()), success, () => { setText(''); onDone(); });
  };
  return (
    <form className="form" onSubmit={submit}>
      {children}
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={2} required={required} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
      <p><button type="submit" disabled={s.busy}>{submitLabel}</button></p>
      <Outcome error={s.error} done={s.done} />
    </form>
  );
}

function Pause({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useT();
  const [until, setUntil] = useState(today(7));
  return (
    <TextAction id="pause-why" label={t('actions.why')} submitLabel={t('actions.pauseSubmit')} success={t('actions.paused')} required={false} onDone={onDone}
      // the day the user picks starts at their own midnight
      send={(note) => api('POST', `/v1/cases/${caseId}/pause`, { until: new Date(`${until}T00:00:00`).toISOString(), ...(note ? { note } : {}) })}>
      <label htmlFor="pause-until">{t('actions.pauseUntil')}</label>
      <input id="pause-until" type="date" required min={today(1)} max={today(90)} value={until} onChange={(e) => setUntil(e.target.value)} />
    </TextAction>
  );
}

function Strategy({ kase, onDone }: { kase: CaseDetail; onDone: () => void }) {
  const { t } = useT();
  const list = useData(() => get<{ data: StrategyRow[] }>('/v1/strategies', { active: 'true' }), 'strategies');
  const options = (list.data?.data ?? []).filter((x) => x.id !== kase.strategy_id);
  const [pick, setPick] = useState('');
  const chosen = pick || options[0]?.id || '';
  const s = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(() => api('POST', `/v1/cases/${kase.id}/strategy`, { strategy_id: chosen }), t('actions.strategyChanged'), onDone);
  };
  return (
    <form className="form" onSubmit={submit}>
      <label htmlFor="strategy-pick">{t('actions.strategyPick')}</label>
      <select id="strategy-pick" value={chosen} onChange={(e) => setPick(e.target.value)}>
        {options.map((x) => <option key={x.id} value={x.id}>{x.name} ({x.id} v{x.version})</option>)}
      </select>
      <p><button type="submit" disabled={s.busy || !chosen}>{t('actions.strategySubmit')}</button></p>
      <Outcome error={s.error ?? list.error} done={s.done} />
    </form>
  );
}

export function CaseActions({ kase, customer, balances, manage, onDone }: Props) {
  const { t } = useT();
  const resume = useSubmit();
  const paused = kase.paused_until !== null && Date.parse(kase.paused_until) > Date.now();
  const open = kase.status === 'open';
  return (
    <section className="card case-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('actions.title')}</h2>
      <details>
        <summary>{t('actions.note')}</summary>
        <TextAction id="note-text" label={t('actions.noteText')} submitLabel={t('actions.saveNote')} success={t('actions.noted')} required onDone={onDone}
          send={(note) => api('POST', `/v1/cases/${kase.id}/notes`, { note })} />
      </details>
      {open ? (
        <>
          <details>
            <summary>{t('promise.title')}</summary>
            <RecordPromise customerId={customer.id} balances={balances} onDone={onDone} />
          </details>
          <details>
            <summary>{t('cancelArr.title')}</summary>
            <CancelArrangement customerId={customer.id} manage={manage} onDone={onDone} />
          </details>
          <details>
            <summary>{t('msg.title')}</summary>
            <OneOffMessage caseId={kase.id} customer={customer} onDone={onDone} />
          </details>
          {paused || kase.escalated ? (
            <p>
              <button type="button" disabled={resume.busy}
                onClick={() => void resume.run(() => api('POST', `/v1/cases/${kase.id}/resume`, {}), t('actions.resumed'), onDone)}>{t('actions.resume')}</button>
            </p>
          ) : (
            <details>
              <summary>{t('actions.pause')}</summary>
              <Pause caseId={kase.id} onDone={onDone} />
            </details>
          )}
          <Outcome error={resume.error} done={resume.done} />
          {kase.escalated ? null : (
            <details>
              <summary>{t('actions.escalate')}</summary>
              <TextAction id="escalate-why" label={t('actions.why')} submitLabel={t('actions.escalateSubmit')} success={t('actions.escalated')} required={false}
                onDone={onDone} send={(note) => api('POST', `/v1/cases/${kase.id}/escalate`, note ? { note } : {})} />
            </details>
          )}
          {manage ? (
            <details>
              <summary>{t('actions.strategy')}</summary>
              <Strategy kase={kase} onDone={onDone} />
            </details>
          ) : <p className="muted small">{t('actions.managersOnly')}</p>}
        </>
      ) : null}
    </section>
  );
}
