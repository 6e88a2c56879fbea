// The org's contact policy: hours per weekday and caps per channel, only ever tighter than cobro's defaults (the API checks),
// and the country readings of the contact law (CountryReadings.tsx).
import { useEffect, useState, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { dateTime } from '../app/format.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import type { Cap, PolicySettings, PolicyView } from './types.ts';
import { CountryReadings } from './CountryReadings.tsx';

export function CompliancePolicy() {
  const { t, locale } = useT();
  const can = useCan();
  const view = useData(() => get<PolicyView>('/v1/compliance/policy'), 'policy');
  const [form, setForm] = useState<PolicySettings | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => { if (view.data) setForm(view.data.policy); }, [view.data]);
  if (!form || !view.data) return <>{view.loading ? <Loading /> : null}<ErrorBox error={view.error} /></>;
  const defaults = view.data.defaults;
  const channels = Object.keys(defaults.caps);
  const change = (next: PolicySettings) => { setSaved(false); setForm(next); };
  const setDay = (i: number, h: [string, string] | null) => change({ ...form, hours: form.hours.map((d, j) => (j === i ? h : d)) });
  const setCap = (ch: string, k: keyof Cap, v: string) => change({ ...form, caps: { ...form.caps, [ch]: { ...form.caps[ch], [k]: v === '' ? undefined : Number(v) } } });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api<PolicyView>('PUT', '/v1/compliance/policy', form);
      setSaved(true);
      view.reload();
    } catch (err) { setError(err as Error); }
  };
  return (
    <section className="card" aria-labelledby="policy-title">
      <h2 id="policy-title">{t('set.pol.title')}</h2>
      <p className="muted">{t('set.pol.intro')}</p>
      {!can.manage ? <p className="notice">{t('set.readOnly')}</p> : null}
      {view.data.updated_at ? <p className="muted small">{t('set.pol.updated', { date: dateTime(view.data.updated_at, locale), by: view.data.updated_by ?? '' })}</p> : null}
      <form onSubmit={save}>
        <fieldset className="plain" disabled={!can.manage}>
          <h3>{t('set.pol.hours')}</h3>
          <table className="compact hours-grid">
            <caption className="visually-hidden">{t('set.pol.hours')}</caption>
            <thead><tr><th scope="col">{t('set.pol.day')}</th><th scope="col">{t('set.pol.open')}</th><th scope="col">{t('set.pol.from')}</th>
              <th scope="col">{t('set.pol.to')}</th><th scope="col">{t('set.pol.default')}</th></tr></thead>
            <tbody>
              {form.hours.map((h, i) => {
                const d = defaults.hours[i] ?? null;
                const day = t(`set.day.${i}`);
                return (
                  <tr key={i}>
                    <th scope="row">{day}</th>
                    <td><input type="checkbox" aria-label={t('set.pol.openOn', { day })} checked={h !== null} disabled={d === null}
                      onChange={(e) => setDay(i, e.target.checked && d ? [d[0], d[1]] : null)} /></td>
                    <td>{h ? <input type="time" aria-label={t('set.pol.fromOn', { day })} min={d?.[0]} max={d?.[1]} value={h[0]} onChange={(e) => setDay(i, [e.target.value, h[1]])} /> : '—'}</td>
                    <td>{h ? <input type="time" aria-label={t('set.pol.toOn', { day })} min={d?.[0]} max={d?.[1]} value={h[1]} onChange={(e) => setDay(i, [h[0], e.target.value])} /> : '—'}</td>
                    <td className="muted">{d ? `${d[0]}–${d[1]}` : t('set.pol.closed')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h3>{t('set.pol.caps')}</h3>
          <table className="compact">
            <caption className="visually-hidden">{t('set.pol.caps')}</caption>
            <thead><tr><th scope="col">{t('set.pol.channel')}</th><th scope="col">{t('set.pol.perDay')}</th><th scope="col">{t('set.pol.perWeek')}</th>
              <th scope="col">{t('set.pol.default')}</th></tr></thead>
            <tbody>
              {channels.map((ch) => {
                const d = defaults.caps[ch] ?? {};
                const c = form.caps[ch] ?? {};
                const name = t(`set.ch.kind.${ch}`);
                return (
                  <tr key={ch}>
                    <th scope="row">{name}</th>
                    <td><input type="number" min={0} max={d.per_day} required aria-label={t('set.pol.perDayOf', { channel: name })} value={c.per_day ?? ''}
                      onChange={(e) => setCap(ch, 'per_day', e.target.value)} /></td>
                    <td><input type="number" min={0} max={d.per_week} required aria-label={t('set.pol.perWeekOf', { channel: name })} value={c.per_week ?? ''}
                      onChange={(e) => setCap(ch, 'per_week', e.target.value)} /></td>
                    <td className="muted">{d.per_day ?? '—'} / {d.per_week ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p><label><input type="checkbox" checked={form.layer_on_packs} onChange={(e) => change({ ...form, layer_on_packs: e.target.checked })} />{' '}
            {t('set.pol.layer')}</label></p>
          <p className="muted small">{t(view.data.quiet_holidays ? 'set.pol.quietHolidays' : 'set.pol.noQuietHolidays')}</p>
          <CountryReadings value={form.countries} defaults={defaults.countries} admin={can.admin} onChange={(countries) => change({ ...form, countries })} />
          <p><button type="submit" className="primary">{t('set.pol.save')}</button></p>
        </fieldset>
      </form>
      {saved ? <p className="success" role="status">{t('set.saved')}</p> : null}
      <ErrorBox error={error} />
    </section>
  );
}
