// Working a task: what it is and why, whether the gate allows a call now, logging the call (with a promise), offering a
// plan, setting a callback, completing it. Other open tasks of the case are listed to pick from.
import { useState, type FormEvent } from 'react';
import { api } from '../app/api.ts';
import { date, dateTime } from '../app/format.ts';
import { Link, navigate } from '../app/router.tsx';
import type { Balance } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import type { Task } from '../worklist/types.ts';
import { Callback } from './Callback.tsx';
import { LogCall } from './LogCall.tsx';
import { PlanOffer } from './PlanOffer.tsx';
import { Outcome, useSubmit } from './submit.tsx';
import type { GateAnswer } from './types.ts';

interface Props {
  caseId: string; customerId: string; phone: string | null; balances: Balance[]; tasks: Task[]; taskId: string | null;
  canWrite: boolean; onDone: () => void;
}

function GateCheck({ customerId }: { customerId: string }) {
  const { t, locale } = useT();
  const [answer, setAnswer] = useState<GateAnswer | null>(null);
  const s = useSubmit();
  const ask = () => void s.run(async () => setAnswer(await api<GateAnswer>('POST', '/v1/contact-checks',
    { customer_id: customerId, channel: 'voice', purpose: { kind: 'collection', tags: [] } })), '');
  return (
    <div className="gate-check">
      <button type="button" onClick={ask} disabled={s.busy}>{t('gate.check')}</button>
      {answer ? (
        <p role="status" className={answer.kind === 'allow' ? 'success' : 'warn'} data-testid="gate-answer">
          {answer.kind === 'allow' ? t('gate.allow') : answer.kind === 'defer' ? t('gate.defer', { date: dateTime(answer.until, locale) }) : t('gate.block')}
          {answer.reason ? <span className="muted small"> — {answer.reason.message}</span> : null}
        </p>
      ) : null}
      <Outcome error={s.error} done={null} />
    </div>
  );
}

/** Completing a task with what came of it; from the case view it returns to the worklist, where the next one is at the top
 *  (an org-level task's dialog on the worklist completes it too, with its own input id and what follows). */
export function CompleteTask({ taskId, inputId = 'task-outcome', onDone = () => navigate('/worklist?done=1') }: { taskId: string; inputId?: string; onDone?: () => void }) {
  const { t } = useT();
  const [outcome, setOutcome] = useState('');
  const s = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(() => api('POST', `/v1/tasks/${taskId}/complete`, outcome.trim() ? { outcome: outcome.trim() } : {}), t('task.done'), onDone);
  };
  return (
    <form className="form" onSubmit={submit}>
      <label htmlFor={inputId}>{t('task.outcome')}</label>
      <input id={inputId} value={outcome} maxLength={1000} onChange={(e) => setOutcome(e.target.value)} />
      <p><button type="submit" className="primary" disabled={s.busy}>{t('task.complete')}</button></p>
      <Outcome error={s.error} done={s.done} />
    </form>
  );
}

export function TaskPanel({ caseId, customerId, phone, balances, tasks, taskId, canWrite, onDone }: Props) {
  const { t, locale } = useT();
  const task = tasks.find((x) => x.id === taskId) ?? null;
  const others = tasks.filter((x) => x.id !== taskId);
  return (
    <section className="card task-panel" aria-labelledby="task-title">
      <h2 id="task-title">{t('task.title')}</h2>
      {taskId && !task ? <p className="notice">{t('task.notOpen')}</p> : null}
      {task ? (
        <>
          <p data-testid="current-task">
            <span className={`badge badge-priority-${task.priority}`}>{t(`task.priority.${task.priority}`)}</span> <strong>{t(`task.kind.${task.kind}`)}</strong>
            {' · '}{task.due_at ? dateTime(task.due_at, locale) : t('task.due', { date: date(task.due_date, locale) })}
            {task.worked_at ? <span className="muted small"> · {t('task.worked', { date: dateTime(task.worked_at, locale) })}</span> : null}
          </p>
          {task.note ? <p className="muted">{task.note}</p> : null}
          {canWrite ? (
            <>
              {task.kind === 'call' ? <GateCheck customerId={customerId} /> : null}
              <LogCall caseId={caseId} taskId={task.id} phone={phone} balances={balances} onDone={onDone} />
              <details>
                <summary>{t('plan.title')}</summary>
                <PlanOffer customerId={customerId} onDone={onDone} />
              </details>
              <details>
                <summary>{t('callback.title')}</summary>
                <Callback caseId={caseId} onDone={onDone} />
              </details>
              <CompleteTask taskId={task.id} />
            </>
          ) : null}
        </>
      ) : null}
      {!task && tasks.length === 0 ? <p className="muted">{t('task.none')}</p> : null}
      {others.length ? (
        <>
          <h3>{t('task.open')}</h3>
          <ul className="plain">
            {others.map((o) => (
              <li key={o.id}>
                <Link to={`/cases/${caseId}?task=${o.id}`}>{t(`task.kind.${o.kind}`)}</Link>
                {' · '}{t(`task.priority.${o.priority}`)} · {o.due_at ? dateTime(o.due_at, locale) : date(o.due_date, locale)}
                {o.note ? <span className="muted small"> — {o.note}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
