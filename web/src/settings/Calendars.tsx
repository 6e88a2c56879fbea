// Business calendars: a country's public holidays in a year, and the org's own quiet days (managers add and remove them).
import { useState, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { countryName, date } from '../app/format.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import { ListTable } from './ListTable.tsx';
import type { Calendars as CalendarData, Holiday, OrgHoliday } from './types.ts';

export function Calendars() {
  const { t, locale } = useT();
  const can = useCan();
  const [country, setCountry] = useState('');
  const [region, setRegion] = useState('');
  const [year, setYear] = useState(new Date().getFullYear());
  const cal = useData(() => get<CalendarData>('/v1/calendars', { country: country || undefined, region: (country && region) || undefined, year }),
    `cal-${country}-${region}-${year}`);
  const [day, setDay] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try { await api('POST', '/v1/calendars/org-holidays', { date: day, name: name.trim() }); setDay(''); setName(''); cal.reload(); } catch (err) { setError(err as Error); }
  };
  const remove = async (h: OrgHoliday) => {
    if (!window.confirm(t('set.cal.removeConfirm', { date: date(h.date, locale), name: h.name }))) return;
    try { await api('DELETE', `/v1/calendars/org-holidays/${h.id}`); cal.reload(); } catch (err) { setError(err as Error); }
  };
  const shown = cal.data?.country ?? country;
  return (
    <>
      <section className="card" aria-labelledby="cal-title">
        <h2 id="cal-title">{t('set.cal.title')}</h2>
        <div className="filters">
          <div><label htmlFor="cal-country">{t('set.org.country')}</label>
            <select id="cal-country" value={shown} onChange={(e) => { setCountry(e.target.value); setRegion(''); }}>
              {!shown ? <option value="">—</option> : null}
              {(cal.data?.countries ?? []).map((c) => <option key={c} value={c}>{countryName(c, locale)} ({c})</option>)}
            </select></div>
          {cal.data?.regions.length ? (
            <div><label htmlFor="cal-region">{t('set.cal.region')}</label>
              <select id="cal-region" value={cal.data.region ?? ''} onChange={(e) => setRegion(e.target.value)}>
                <option value="">{t('set.cal.national')}</option>
                {cal.data.regions.map((r) => <option key={r} value={r}>{shown}-{r}</option>)}
              </select></div>) : null}
          <div><label htmlFor="cal-year">{t('set.cal.year')}</label>
            <input id="cal-year" type="number" min={1970} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value) || year)} /></div>
        </div>
        <ErrorBox error={cal.error} />
        {cal.loading && !cal.data ? <Loading /> : null}
        <ListTable<Holiday> id={`holidays-${shown}-${cal.data?.region ?? ''}-${year}`} caption={t('set.cal.public')} rows={cal.data?.holidays ?? []} rowKey={(h) => `${h.date}${h.name}`}
          text={(h) => `${h.date} ${h.name}`}
          columns={[
            { key: 'date', label: t('set.cal.date'), sort: (h) => h.date, render: (h) => date(h.date, locale) },
            { key: 'name', label: t('set.org.name'), sort: (h) => h.name,
              render: (h) => (h.regional ? <>{h.name} <span className="muted">({t('set.cal.regional', { region: `${shown}-${cal.data?.region ?? ''}` })})</span></> : h.name) },
          ]}
          csv={[{ header: 'date', value: (h) => h.date }, { header: 'name', value: (h) => h.name },
            { header: 'region', value: (h) => (h.regional ? `${shown}-${cal.data?.region ?? ''}` : '') }]} />
      </section>
      <section className="card" aria-labelledby="cal-org-title">
        <h2 id="cal-org-title">{t('set.cal.org')}</h2>
        <p className="muted">{t('set.cal.orgIntro')}</p>
        {!can.manage ? <p className="notice">{t('set.readOnly')}</p> : null}
        <form onSubmit={add}>
          <fieldset className="plain filters" disabled={!can.manage}>
            <div><label htmlFor="cal-date">{t('set.cal.date')}</label><input id="cal-date" type="date" required value={day} onChange={(e) => setDay(e.target.value)} /></div>
            <div><label htmlFor="cal-name">{t('set.org.name')}</label><input id="cal-name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} /></div>
            <div className="end"><button type="submit" className="primary">{t('set.cal.add')}</button></div>
          </fieldset>
        </form>
        <ErrorBox error={error} />
        <ListTable<OrgHoliday> id={`org-holidays-${year}`} caption={t('set.cal.org')} rows={cal.data?.org_holidays ?? []} rowKey={(h) => h.id}
          text={(h) => `${h.date} ${h.name} ${h.created_by}`}
          columns={[
            { key: 'date', label: t('set.cal.date'), sort: (h) => h.date, render: (h) => date(h.date, locale) },
            { key: 'name', label: t('set.org.name'), sort: (h) => h.name, render: (h) => h.name },
            { key: 'by', label: t('set.by'), sort: (h) => h.created_by, render: (h) => h.created_by },
            { key: 'actions', label: t('set.actions'), render: (h) => (
              <button type="button" disabled={!can.manage} onClick={() => void remove(h)}>{t('set.cal.remove')}</button>) },
          ]}
          csv={[{ header: 'date', value: (h) => h.date }, { header: 'name', value: (h) => h.name }, { header: 'created_by', value: (h) => h.created_by }]} />
      </section>
    </>
  );
}
