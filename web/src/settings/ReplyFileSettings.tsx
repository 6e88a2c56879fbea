// The org's limits on files debtors send with replies (GET/PUT /v1/replies/file-settings): the largest file kept, and the
// seconds one fetch from WhatsApp or Twilio may take. Everyone reads them; managers change them, and the API judges each
// value: a refused one is shown at its field.
import { useEffect, useState, type FormEvent } from 'react';
import { get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import { changedNumbers, useSettingsSave } from './settingsSave.ts';

/** The numbers with the API's ranges (src/orgs/reply-file-settings.ts). */
const FIELDS = { max_file_mb: [1, 25], fetch_timeout_seconds: [5, 60] } as const;
type Field = keyof typeof FIELDS;
type Values = Record<Field, number>;
interface View extends Values { defaults: Values }
const NAMES = Object.keys(FIELDS) as Field[];

export function ReplyFileSettings() {
  const { t, locale } = useT();
  const can = useCan();
  const view = useData(() => get<View>('/v1/replies/file-settings'), 'reply-file-settings');
  // the numbers as typed, so a bad one reaches the API and comes back named
  const [form, setForm] = useState<Record<Field, string> | null>(null);
  const { saved, setSaved, error, bad, put } = useSettingsSave('/v1/replies/file-settings', NAMES, view.reload);
  useEffect(() => { if (view.data) setForm(Object.fromEntries(NAMES.map((k) => [k, String(view.data![k])])) as Record<Field, string>); }, [view.data]);
  if (!form || !view.data) return <>{view.loading ? <Loading /> : null}<ErrorBox error={view.error} /></>;
  const current = view.data;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    await put(changedNumbers(NAMES, form, current));
  };
  return (
    <section className="card" aria-labelledby="rf-title">
      <h2 id="rf-title">{t('rf.title')}</h2>
      <p className="muted">{t('rf.intro')}</p>
      <form onSubmit={save} noValidate>
        <fieldset className="plain" disabled={!can.manage}>
          <div className="filters">
            {NAMES.map((k) => (
              <div key={k}><label htmlFor={`rf-${k}`}>{t(`rf.${k}`)}</label>
                <input id={`rf-${k}`} type="number" inputMode="numeric" min={FIELDS[k][0]} max={FIELDS[k][1]} step={1} value={form[k]}
                  aria-invalid={bad === k ? true : undefined} aria-describedby={bad === k ? `rf-${k}-hint rf-error` : `rf-${k}-hint`}
                  onChange={(e) => { setSaved(false); setForm({ ...form, [k]: e.target.value }); }} />
                <div id={`rf-${k}-hint`} className="muted small">{t('cs.range', { min: FIELDS[k][0].toLocaleString(locale), max: FIELDS[k][1].toLocaleString(locale),
                  default: current.defaults[k].toLocaleString(locale) })}</div></div>
            ))}
          </div>
          <p><button type="submit" className="primary">{t('rf.save')}</button></p>
        </fieldset>
      </form>
      {saved ? <p className="success" role="status">{t('set.saved')}</p> : null}
      {error ? <p className="error" role="alert" id="rf-error">
        {bad ? t('cs.refused', { field: t(`rf.${bad}`), message: error.message }) : `${t('common.error')}: ${error.message}`}</p> : null}
    </section>
  );
}
