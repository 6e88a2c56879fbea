// The second factor: the last 4 characters of the tax id or the postcode, before anything about the debtor is shown.
import { useState, type FormEvent } from 'react';
import { call, PortalError } from './api.ts';
import type { LinkInfo } from './types.ts';
import { useWords } from './texts/index.tsx';
import { useSubmit } from './ui.tsx';

export function Verify({ info, onVerified }: { info: LinkInfo; onVerified: () => void }) {
  const w = useWords();
  const [answer, setAnswer] = useState('');
  const s = useSubmit({}, (e) => {
    if (!(e instanceof PortalError)) return w.t('page.error');
    if (e.status === 429) return w.t('verify.locked');
    if (e.field === 'second_factor') return w.t('verify.unavailable', { org: info.org.name });
    return w.t('verify.wrong', { n: /(\d+) tries left/.exec(e.message)?.[1] ?? 0 });
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(async () => {
      await call('POST', '/portal/api/verify', { answer });
      onVerified();
      return '';
    });
  };
  const postcode = info.second_factor === 'postcode';
  return (
    <form className="card verify" onSubmit={submit}>
      <h2>{w.t('verify.title')}</h2>
      <p><label htmlFor="answer">{postcode ? w.t('verify.postcode') : w.t('verify.tax_id_last4')}</label>
        <input id="answer" value={answer} onChange={(e) => setAnswer(e.target.value)} required autoComplete={postcode ? 'postal-code' : 'off'}
          maxLength={postcode ? 12 : 4} aria-invalid={s.error ? true : undefined} aria-describedby={s.error ? 'answer-error' : undefined} /></p>
      {s.error ? <p role="alert" className="error" id="answer-error">{s.error}</p> : null}
      <button type="submit" className="primary" disabled={s.busy}>{w.t('verify.submit')}</button>
    </form>
  );
}
