// The sign-in page: email and password, or the org's single sign-on button; the API sets the HttpOnly session cookie.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../app/api.ts';
import { useT } from '../i18n/index.tsx';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { useSession } from './session.tsx';
import { SsoButtons } from './SsoButtons.tsx';

export function SignIn() {
  const { t } = useT();
  const { refresh } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/v1/sessions', { email, password });
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('signIn.wrong') : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in" id="main">
      <form onSubmit={submit} aria-labelledby="sign-in-title" className="card">
        <p className="brand" aria-hidden="true">cobro</p>
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <SsoButtons email={email} />
        <label htmlFor="email">{t('signIn.email')}</label>
        <input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        <label htmlFor="password">{t('signIn.password')}</label>
        <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {error ? <p className="error" role="alert">{error}</p> : null}
        <button type="submit" className="primary" disabled={busy}>{busy ? t('common.loading') : t('signIn.submit')}</button>
        <p className="muted small">{t('signIn.hint')}</p>
        <LanguageSwitch />
      </form>
    </main>
  );
}
