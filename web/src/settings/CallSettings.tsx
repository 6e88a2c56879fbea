// The org's call settings (GET/PUT /v1/calls/settings): wrong one-time codes that void a call's code, the code's minutes,
// the seconds the person's phone rings when a caller is put through and the seconds they have to press 1, Twilio's
// answering machine detection on that leg, and the speech confidence under which words said on a call are asked again.
// Everyone reads them; managers change them, and the API judges each value: a refused one is shown at its field.
import { useEffect, useState, type FormEvent } from 'react';
import { get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import { changedNumbers, useSettingsSave } from './settingsSave.ts';

/** The numbers with the API's ranges (src/orgs/call-settings.ts); the speech confidence is not a whole number. */
const FIELDS = { code_attempts: [1, 10], code_minutes: [2, 60], ring_seconds: [5, 120], screen_seconds: [3, 20], speech_threshold: [0, 1] } as const;
type Field = keyof typeof FIELDS;
type Values = Record<Field, number> & { machine_detection: boolean };
interface View extends Values { defaults: Values }
/** The numbers as typed, so a bad one reaches the API and comes back named. */
type Form = Record<Field, string> & { machine_detection: boolean };

const NAMES = Object.keys(FIELDS) as Field[];

export function CallSettings() {
  const { t, locale } = useT();
  const can = useCan();
  const view = useData(() => get<View>('/v1/calls/settings'), 'call-settings');
  const [form, setForm] = useState<Form | null>(null);
  const { saved, setSaved, error, bad, put } = useSettingsSave('/v1/calls/settings', NAMES, view.reload);
  useEffect(() => {
    if (view.data) setForm({ ...Object.fromEntries(NAMES.map((k) => [k, String(view.data![k])])) as Record<Field, string>, machine_detection: view.data.machine_detection });
  }, [view.data]);
  if (!form || !view.data) return <>{view.loading ? <Loading /> : null}<ErrorBox error={view.error} /></>;
  const current = view.data;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, number | boolean | null> = changedNumbers(NAMES, form, current);
    if (form.machine_detection !== current.machine_detection) body['machine_detection'] = form.machine_detection;
    await put(body);
  };
  return (
    <section className="card" aria-labelledby="cs-title">
      <h2 id="cs-title">{t('cs.title')}</h2>
      <p className="muted">{t('cs.intro')}</p>
      {/* noValidate: the API checks each value and names the field it refuses (the ranges are shown beside each field) */}
      <form onSubmit={save} noValidate>
        <fieldset className="plain" disabled={!can.manage}>
          <div className="filters">
            {NAMES.map((k) => (
              <div key={k}><label htmlFor={`cs-${k}`}>{t(`cs.${k}`)}</label>
                <input id={`cs-${k}`} type="number" inputMode={k === 'speech_threshold' ? 'decimal' : 'numeric'} min={FIELDS[k][0]} max={FIELDS[k][1]}
                  step={k === 'speech_threshold' ? 0.05 : 1} value={form[k]}
                  aria-invalid={bad === k ? true : undefined} aria-describedby={bad === k ? `cs-${k}-hint cs-error` : `cs-${k}-hint`}
                  onChange={(e) => { setSaved(false); setForm({ ...form, [k]: e.target.value }); }} />
                <div id={`cs-${k}-hint`} className="muted small">{t('cs.range', { min: FIELDS[k][0].toLocaleString(locale), max: FIELDS[k][1].toLocaleString(locale),
                  default: current.defaults[k].toLocaleString(locale) })}</div></div>
            ))}
          </div>
          <p className="muted small">{t('cs.screen')}</p>
          <p><label><input type="checkbox" checked={form.machine_detection}
            onChange={(e) => { setSaved(false); setForm({ ...form, machine_detection: e.target.checked }); }} /> {t('cs.machine_detection')}</label></p>
          <p className="muted small">{t('cs.machine_detection_hint')}</p>
          <p><button type="submit" className="primary">{t('cs.save')}</button></p>
        </fieldset>
      </form>
      {saved ? <p className="success" role="status">{t('set.saved')}</p> : null}
      {error ? <p className="error" role="alert" id="cs-error">
        {bad ? t('cs.refused', { field: t(`cs.${bad}`), message: error.message }) : `${t('common.error')}: ${error.message}`}</p> : null}
    </section>
  );
}
