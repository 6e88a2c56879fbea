// The debtor portal's settings (GET/PUT /v1/portal/settings): the second factor, how long links and sessions last (idle and at most), the
// wrong answers that lock it, whether the debtor may cancel a plan there, and the written confirmations. Everyone reads
// them; admins change them, and the API is the one judge of each value: a refused one is shown at its field.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { dateTime } from '../app/format.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';

const FACTORS = ['none', 'tax_id_last4', 'postcode'] as const;
/** The whole numbers, with the API's ranges (src/portal/settings.ts). */
const NUMBERS = { link_days: [1, 365], session_minutes: [5, 1440], session_max_hours: [1, 168], factor_max_failures: [1, 50], factor_lock_minutes: [1, 10_080] } as const;
type NumberField = keyof typeof NUMBERS;
const SWITCHES = ['debtor_cancels_plan', 'confirmations'] as const;
type Switch = (typeof SWITCHES)[number];
const FIELDS: readonly string[] = ['second_factor', ...Object.keys(NUMBERS), ...SWITCHES];

interface Settings extends Record<NumberField, number>, Record<Switch, boolean> { second_factor: (typeof FACTORS)[number] }
interface View extends Settings { updated_at: string | null; updated_by: string | null }
/** The form: the numbers as typed, so a bad one reaches the API and comes back named. */
type Form = Omit<Settings, NumberField> & Record<NumberField, string>;

const toForm = (v: View): Form => ({ second_factor: v.second_factor, debtor_cancels_plan: v.debtor_cancels_plan, confirmations: v.confirmations,
  link_days: String(v.link_days), session_minutes: String(v.session_minutes), session_max_hours: String(v.session_max_hours), factor_max_failures: String(v.factor_max_failures),
  factor_lock_minutes: String(v.factor_lock_minutes) });

/** What changed from the saved settings, as the API takes it (a number left empty goes as null, which the API refuses). */
function changes(form: Form, saved: View): Partial<Record<keyof Settings, unknown>> {
  const out: Partial<Record<keyof Settings, unknown>> = {};
  if (form.second_factor !== saved.second_factor) out.second_factor = form.second_factor;
  for (const k of Object.keys(NUMBERS) as NumberField[]) if (form[k] !== String(saved[k])) out[k] = form[k].trim() === '' ? null : Number(form[k]);
  for (const k of SWITCHES) if (form[k] !== saved[k]) out[k] = form[k];
  return out;
}

export function PortalSettings() {
  const { t, locale } = useT();
  const can = useCan();
  const view = useData(() => get<View>('/v1/portal/settings'), 'portal-settings');
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => { if (view.data) setForm(toForm(view.data)); }, [view.data]);
  if (!form || !view.data) return <>{view.loading ? <Loading /> : null}<ErrorBox error={view.error} /></>;
  const current = view.data;
  const bad = error instanceof ApiError && error.field && FIELDS.includes(error.field) ? error.field : undefined;
  const change = (next: Form) => { setSaved(false); setForm(next); };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api<View>('PUT', '/v1/portal/settings', changes(form, current));
      setSaved(true);
      view.reload();
    } catch (err) { setError(err as Error); }
  };
  const invalid = (field: string) => (bad === field ? { 'aria-invalid': true, 'aria-describedby': `ps-${field}-hint ps-error` } : { 'aria-describedby': `ps-${field}-hint` });
  const numberInput = (k: NumberField) => (
    <div key={k}><label htmlFor={`ps-${k}`}>{t(`ps.${k}`)}</label>
      <input id={`ps-${k}`} type="number" inputMode="numeric" min={NUMBERS[k][0]} max={NUMBERS[k][1]} step={1} value={form[k]} {...invalid(k)}
        onChange={(e) => change({ ...form, [k]: e.target.value })} />
      <div id={`ps-${k}-hint`} className="muted small">{t('ps.range', { min: NUMBERS[k][0].toLocaleString(locale), max: NUMBERS[k][1].toLocaleString(locale) })}
        {/* the idle window slides with each request, never past the cap in force (src/portal/sessions.ts sessionEnd) */}
        {k === 'session_minutes' ? <><br />{t('ps.session_minutes.hint', { hours: current.session_max_hours.toLocaleString(locale) })}</> : null}</div></div>
  );
  const switchInput = (k: Switch) => (
    <p key={k}><label><input type="checkbox" checked={form[k]} {...invalid(k)} onChange={(e) => change({ ...form, [k]: e.target.checked })} />{' '}{t(`ps.${k}`)}</label>
      <span id={`ps-${k}-hint`} className="muted small">{t(`ps.${k}.hint`)}</span></p>
  );
  return (
    <section className="card" aria-labelledby="ps-title">
      <h2 id="ps-title">{t('ps.title')}</h2>
      <p className="muted">{t('ps.intro')}</p>
      {!can.admin ? <p className="notice">{t('ps.adminsOnly')}</p> : null}
      <p className="muted small" data-testid="portal-settings-updated">
        {current.updated_at ? t('ps.updated', { date: dateTime(current.updated_at, locale), by: current.updated_by ?? '' }) : t('ps.defaults')}</p>
      {/* noValidate: the API checks each value and names the field it refuses (the ranges are shown beside each field) */}
      <form onSubmit={save} noValidate>
        <fieldset className="plain" disabled={!can.admin}>
          <h3>{t('ps.access')}</h3>
          <div className="filters">
            <div><label htmlFor="ps-second_factor">{t('ps.second_factor')}</label>
              <select id="ps-second_factor" value={form.second_factor} {...invalid('second_factor')}
                onChange={(e) => change({ ...form, second_factor: e.target.value as Form['second_factor'] })}>
                {FACTORS.map((f) => <option key={f} value={f}>{t(`ps.factor.${f}`)}</option>)}
              </select>
              <div id="ps-second_factor-hint" className="muted small">{t('ps.second_factor.hint')}</div></div>
            {(Object.keys(NUMBERS) as NumberField[]).map(numberInput)}
          </div>
          <h3>{t('ps.debtor')}</h3>
          <p className="muted small">{t('ps.debtor.intro')}</p>
          {switchInput('debtor_cancels_plan')}
          <h3>{t('ps.confirmationsTitle')}</h3>
          {switchInput('confirmations')}
          <p><button type="submit" className="primary">{t('ps.save')}</button></p>
        </fieldset>
      </form>
      {saved ? <p className="success" role="status">{t('set.saved')}</p> : null}
      {error ? <p className="error" role="alert" id="ps-error">
        {bad ? t('ps.refused', { field: t(`ps.${bad}`), message: error.message }) : `${t('common.error')}: ${error.message}`}</p> : null}
    </section>
  );
}
