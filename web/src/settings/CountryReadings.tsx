// The readings of each country's contact law left to the org (strict by default), inside the contact policy's form. The
// API refuses a looser reading from anyone but an admin, naming its field; the page says so beforehand.
import { useT } from '../i18n/index.tsx';
import type { CountryChoices } from './types.ts';

interface Props { value: CountryChoices; defaults: CountryChoices; admin: boolean; onChange: (next: CountryChoices) => void }

export function CountryReadings({ value, defaults, admin, onChange }: Props) {
  const { t } = useT();
  const yesNo = (b: boolean) => t(b ? 'set.cr.yes' : 'set.cr.no');
  const check = (label: string, checked: boolean, byDefault: boolean, set: (b: boolean) => CountryChoices) => (
    <><td><label><input type="checkbox" checked={checked} onChange={(e) => onChange(set(e.target.checked))} /> {label}</label></td>
      <td className="muted">{yesNo(byDefault)}</td></>
  );
  const choose = <K extends string>(label: string, current: K, options: readonly K[], byDefault: K, text: (k: K) => string, set: (k: K) => CountryChoices) => (
    <><td><label>{label}{' '}
      <select value={current} onChange={(e) => onChange(set(e.target.value as K))}>
        {options.map((o) => <option key={o} value={o}>{text(o)}</option>)}
      </select></label></td>
      <td className="muted">{text(byDefault)}</td></>
  );
  const v = value;
  const d = defaults;
  return (
    <>
      <h3>{t('set.cr.title')}</h3>
      <p className="muted small">{t('set.cr.intro')}</p>
      {admin ? null : <p className="muted small">{t('set.cr.adminsOnly')}</p>}
      <table className="compact country-readings">
        <caption className="visually-hidden">{t('set.cr.title')}</caption>
        <thead><tr><th scope="col">{t('set.cr.country')}</th><th scope="col">{t('set.cr.reading')}</th><th scope="col">{t('set.cr.default')}</th></tr></thead>
        <tbody>
          <tr><th scope="row">{t('set.cr.us')}</th>
            {choose(t('set.cr.us.perDay'), String(v.us.messages_per_channel_per_day), ['1', '2', '3'] as const, String(d.us.messages_per_channel_per_day), (k) => k,
              (k) => ({ ...v, us: { messages_per_channel_per_day: Number(k) } }))}</tr>
          <tr><th scope="row">{t('set.cr.co')}</th>
            {choose(t('set.cr.co.weekly'), v.co.weekly_reading, ['strict', 'lenient'] as const, d.co.weekly_reading, (k) => t(`set.cr.co.${k}`),
              (k) => ({ ...v, co: { weekly_reading: k } }))}</tr>
          <tr><th scope="row">{t('set.cr.br')}</th>
            {choose(t('set.cr.br.unlisted'), v.br.unlisted_states, ['strictest', 'block'] as const, d.br.unlisted_states, (k) => t(`set.cr.br.${k}`),
              (k) => ({ ...v, br: { unlisted_states: k } }))}</tr>
          <tr><th scope="row" rowSpan={2}>{t('set.cr.mx')}</th>
            {check(t('set.cr.mx.weekends'), v.mx.contact_on_weekends, d.mx.contact_on_weekends, (b) => ({ ...v, mx: { ...v.mx, contact_on_weekends: b } }))}</tr>
          <tr>{check(t('set.cr.mx.holidays'), v.mx.contact_on_holidays, d.mx.contact_on_holidays, (b) => ({ ...v, mx: { ...v.mx, contact_on_holidays: b } }))}</tr>
          <tr><th scope="row">{t('set.cr.cl')}</th>
            {check(t('set.cr.cl.quiet'), v.cl.quiet_holidays, d.cl.quiet_holidays, (b) => ({ ...v, cl: { quiet_holidays: b } }))}</tr>
          <tr><th scope="row">{t('set.cr.ar')}</th>
            {check(t('set.cr.ar.quiet'), v.ar.quiet_holidays, d.ar.quiet_holidays, (b) => ({ ...v, ar: { quiet_holidays: b } }))}</tr>
          <tr><th scope="row">{t('set.cr.consumer')}</th>
            {check(t('set.cr.consumer.business'), v.consumer_packs_for_business_debts, d.consumer_packs_for_business_debts,
              (b) => ({ ...v, consumer_packs_for_business_debts: b }))}</tr>
        </tbody>
      </table>
    </>
  );
}
