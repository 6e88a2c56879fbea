// Whether what staff record for a debtor (a promise, more time, a plan: after a call, in the web app, through the API or
// the CLI) is confirmed to the debtor in writing by default (GET/PUT /v1/confirmations/settings); each request may still
// say otherwise. Everyone reads it; admins change it.
import { useEffect, useState, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';

interface View { staff_arrangements: boolean }

export function StaffConfirmations() {
  const { t } = useT();
  const can = useCan();
  const view = useData(() => get<View>('/v1/confirmations/settings'), 'confirmation-settings');
  const [on, setOn] = useState<boolean | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => { if (view.data) setOn(view.data.staff_arrangements); }, [view.data]);
  if (on === null || !view.data) return <>{view.loading ? <Loading /> : null}<ErrorBox error={view.error} /></>;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api<View>('PUT', '/v1/confirmations/settings', { staff_arrangements: on });
      setSaved(true);
      view.reload();
    } catch (err) { setError(err as Error); }
  };
  return (
    <section className="card" aria-labelledby="sc-title">
      <h2 id="sc-title">{t('sc.title')}</h2>
      <form onSubmit={save}>
        <fieldset className="plain" disabled={!can.admin}>
          <p><label><input type="checkbox" checked={on} aria-describedby="sc-hint" onChange={(e) => { setSaved(false); setOn(e.target.checked); }} />{' '}{t('sc.staff')}</label>
            <span id="sc-hint" className="muted small">{t('sc.hint')}</span></p>
          <p><button type="submit" className="primary">{t('sc.save')}</button></p>
        </fieldset>
      </form>
      {saved ? <p className="success" role="status">{t('set.saved')}</p> : null}
      {error ? <p className="error" role="alert">{`${t('common.error')}: ${error.message}`}</p> : null}
    </section>
  );
}
