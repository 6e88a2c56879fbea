// Setting a callback: a call task at a date and time (the user's own clock), on the user's worklist.
import { useState, type FormEvent } from 'react';
import { api } from '../app/api.ts';
import { useT } from '../i18n/index.tsx';
import { Outcome, useSubmit } from './submit.tsx';

/** A local date and time for a datetime-local field, an hour or so from now on the quarter. */
function inAnHour(): string {
  const d = new Date(Date.now() + 60 * 60_000);
  d.setMinutes(Math.ceil(d.getMinutes() / 15) * 15, 0, 0);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function Callback({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useT();
  const [at, setAt] = useState(inAnHour);
  const [note, setNote] = useState('');
  const s = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // the field holds the user's local time: the browser turns it into the instant the API keeps
    void s.run(() => api('POST', '/v1/tasks', { case_id: caseId, kind: 'call', due_at: new Date(at).toISOString(), ...(note.trim() ? { note: note.trim() } : {}) }),
      t('callback.set'), () => { setNote(''); onDone(); });
  };
  return (
    <form className="form" onSubmit={submit}>
      <div className="row">
        <div>
          <label htmlFor="callback-at">{t('callback.at')}</label>
          <input id="callback-at" type="datetime-local" required value={at} onChange={(e) => setAt(e.target.value)} />
        </div>
        <div className="grow">
          <label htmlFor="callback-note">{t('callback.note')}</label>
          <input id="callback-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </div>
      </div>
      <p><button type="submit" disabled={s.busy}>{t('callback.submit')}</button></p>
      <Outcome error={s.error} done={s.done} />
    </form>
  );
}
