// Extending a request once within its law (the reason, the new date, the day the person was told) and refusing one with a reason.
import { useState, type FormEvent } from 'react';
import { api } from '../app/api.ts';
import { date, today } from '../app/format.ts';
import { ErrorBox } from '../app/ui.tsx';
import { useSubmit } from '../cases/submit.tsx';
import { useT } from '../i18n/index.tsx';
import { invalidIf } from './invalid.ts';
import type { DataRequest } from './types.ts';

/** `onDone` gets the request as it now stands and the sentence saying what was done. */
export interface AnswerProps { request: DataRequest; onDone: (r: DataRequest, said: string) => void }

/**
 * How far the request's law lets it run when told on `toldOn`: the latest date as the API counts it (`extension_limit`,
 * the holidays it keeps included), none at all, or unknown when told after the due date (the API says why).
 */
function extensionLimit(r: DataRequest, toldOn: string): { latest: string } | 'none' | null {
  if (r.extension_limit === null) return 'none';
  return toldOn > r.due_on ? null : { latest: r.extension_limit };
}

export function ExtendForm({ request: r, onDone }: AnswerProps) {
  const { t, locale } = useT();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [toldOn, setToldOn] = useState('');
  const s = useSubmit();
  // the limit is the API's own (extension_limit), so the form offers what the API would accept; the API checks again
  const limit = extensionLimit(r, toldOn || today());
  if (limit === 'none') {
    return (
      <section aria-labelledby="priv-extend-title">
        <h3 id="priv-extend-title">{t('priv.extend')}</h3>
        <p className="muted small" data-testid="no-extension">{t('priv.noExtension', { law: r.law, date: date(r.due_on, locale) })}</p>
      </section>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(async () => {
      const done = await api<DataRequest>('POST', `/v1/privacy/requests/${encodeURIComponent(r.id)}/extension`,
        { reason, ...(until ? { until } : {}), ...(toldOn ? { told_on: toldOn } : {}) });
      onDone(done, t('priv.extended', { date: date(done.answer_by, locale) }));
    }, '');
  };
  return (
    <form className="form" onSubmit={submit} aria-labelledby="priv-extend-title">
      <h3 id="priv-extend-title">{t('priv.extend')}</h3>
      <p className="muted small">{t('priv.extendIntro', { law: r.law, date: date(r.due_on, locale) })}</p>
      <label htmlFor="priv-extend-reason">{t('priv.extendReason')}</label>
      <input id="priv-extend-reason" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} {...invalidIf(s.error, 'reason')} />
      <div className="row">
        <div>
          <label htmlFor="priv-until">{t('priv.until')} <span className="muted small">({limit ? t('priv.untilHintBy', { date: date(limit.latest, locale) }) : t('priv.untilHint')})</span></label>
          <input id="priv-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} {...invalidIf(s.error, 'until')} />
        </div>
        <div>
          <label htmlFor="priv-told">{t('priv.toldOn')} <span className="muted small">({t('priv.toldOnHint')})</span></label>
          <input id="priv-told" type="date" value={toldOn} onChange={(e) => setToldOn(e.target.value)} {...invalidIf(s.error, 'told_on')} />
        </div>
      </div>
      <p><button type="submit" disabled={s.busy}>{t('priv.extendSubmit')}</button></p>
      <ErrorBox error={s.error} />
    </form>
  );
}

export function RefuseForm({ request: r, onDone }: AnswerProps) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const s = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(async () => {
      onDone(await api<DataRequest>('POST', `/v1/privacy/requests/${encodeURIComponent(r.id)}/refusal`, { reason }), t('priv.refused'));
    }, '');
  };
  return (
    <form className="form" onSubmit={submit} aria-labelledby="priv-refuse-title">
      <h3 id="priv-refuse-title">{t('priv.refuse')}</h3>
      <label htmlFor="priv-refuse-reason">{t('priv.refuseReason')}</label>
      <input id="priv-refuse-reason" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} {...invalidIf(s.error, 'reason')} />
      <p><button type="submit" disabled={s.busy}>{t('priv.refuseSubmit')}</button></p>
      <ErrorBox error={s.error} />
    </form>
  );
}
