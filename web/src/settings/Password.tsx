// Change your own password (required after signing in with a one-time password).
import { useState, type FormEvent } from 'react';
import { api } from '../app/api.ts';
import { ErrorBox } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useSession } from '../sessions/session.tsx';

export function Password({ mustChange }: { mustChange: boolean }) {
  const { t } = useT();
  const { refresh } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', '/v1/me/password', { current_password: current, new_password: next });
      setDone(true);
      setCurrent('');
      setNext('');
      await refresh();
    } catch (err) { setError(err as Error); }
  };
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t('settings.password')}</h2>
      {mustChange ? <p className="notice">{t('settings.mustChange')}</p> : null}
      <form className="filters" onSubmit={submit}>
        <div><label htmlFor="pw-current">{t('settings.currentPassword')}</label>
          <input id="pw-current" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} /></div>
        <div><label htmlFor="pw-new">{t('settings.newPassword')}</label>
          <input id="pw-new" type="password" autoComplete="new-password" minLength={10} required value={next} onChange={(e) => setNext(e.target.value)} /></div>
        <div className="end"><button type="submit">{t('settings.changePassword')}</button></div>
      </form>
      {done ? <p className="success" role="status">{t('settings.passwordChanged')}</p> : null}
      <ErrorBox error={error} />
    </section>
  );
}
