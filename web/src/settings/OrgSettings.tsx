// The org: name, country, default currency, language and time zone; managers and admins change them, others read.
import { useEffect, useState, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { LANGUAGES, useT } from '../i18n/index.tsx';
import { useCan, useSession } from '../sessions/session.tsx';
import type { Org } from './types.ts';

const zones = (): string[] => {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
};

export function OrgSettings() {
  const { t } = useT();
  const can = useCan();
  const { refresh } = useSession();
  const org = useData(() => get<Org>('/v1/org'), 'org');
  const [form, setForm] = useState<Org | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => { if (org.data) setForm(org.data); }, [org.data]);
  if (!form) return <>{org.loading ? <Loading /> : null}<ErrorBox error={org.error} /></>;
  const set = (k: keyof Org, v: string) => { setSaved(false); setForm({ ...form, [k]: v }); };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api<Org>('PATCH', '/v1/org', { name: form.name, country: form.country ? form.country.toUpperCase() : null,
        default_currency: form.default_currency.toUpperCase(), default_language: form.default_language, default_timezone: form.default_timezone });
      setSaved(true);
      org.reload();
      await refresh();
    } catch (err) { setError(err as Error); }
  };
  return (
    <section className="card" aria-labelledby="org-title">
      <h2 id="org-title">{t('set.org.title')}</h2>
      {!can.manage ? <p className="notice">{t('set.readOnly')}</p> : null}
      <form onSubmit={save}>
        <fieldset className="plain filters" disabled={!can.manage}>
          <div><label htmlFor="org-name">{t('set.org.name')}</label><input id="org-name" required maxLength={200} value={form.name} onChange={(e) => set('name', e.target.value)} /></div>
          <div><label htmlFor="org-country">{t('set.org.country')}</label>
            <input id="org-country" maxLength={2} size={4} pattern="[A-Za-z]{2}" value={form.country ?? ''} onChange={(e) => set('country', e.target.value)} /></div>
          <div><label htmlFor="org-currency">{t('common.currency')}</label>
            <input id="org-currency" required maxLength={3} size={5} pattern="[A-Za-z]{3}" value={form.default_currency} onChange={(e) => set('default_currency', e.target.value)} /></div>
          <div><label htmlFor="org-language">{t('set.org.language')}</label>
            <select id="org-language" value={form.default_language} onChange={(e) => set('default_language', e.target.value)}>
              {Object.entries(LANGUAGES).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
            </select></div>
          <div><label htmlFor="org-zone">{t('set.org.timezone')}</label>
            <input id="org-zone" required list="org-zones" value={form.default_timezone} onChange={(e) => set('default_timezone', e.target.value)} />
            <datalist id="org-zones">{zones().map((z) => <option key={z} value={z} />)}</datalist></div>
          <div className="end"><button type="submit" className="primary">{t('set.save')}</button></div>
        </fieldset>
      </form>
      {saved ? <p className="success" role="status">{t('set.saved')}</p> : null}
      <ErrorBox error={error} />
    </section>
  );
}
