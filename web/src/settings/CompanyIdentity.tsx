// The creditor as the debtor's statement names it: the company address and tax id (the compliance settings, which email
// footers show too) and the logo at the statement's heading, uploaded here with a preview and removable. Admins change
// them; managers read them; other roles see the logo only.
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { ErrorBox } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';

interface Company { company_address: string | null; company_tax_id: string | null }
interface Logo { content_type: string; width: number; height: number; size: number; sha256: string }

const base64 = (file: File) => new Promise<string>((resolve, reject) => {
  const r = new FileReader();
  r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
  r.onerror = () => reject(r.error ?? new Error('the file could not be read'));
  r.readAsDataURL(file);
});

export function CompanyIdentity() {
  const { t } = useT();
  const can = useCan();
  const company = useData(() => (can.manage ? get<Company>('/v1/compliance/settings') : Promise.resolve(null)), `company-${can.manage}`);
  const logo = useData(() => get<Logo>('/v1/org/logo').catch(() => null), 'org-logo');
  const [form, setForm] = useState<Company>({ company_address: '', company_tax_id: '' });
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => { if (company.data) setForm({ company_address: company.data.company_address ?? '', company_tax_id: company.data.company_tax_id ?? '' }); }, [company.data]);
  const run = async (what: () => Promise<unknown>, done: string) => {
    setError(null); setStatus(null);
    try { await what(); setStatus(done); } catch (err) { setError(err as Error); }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api('PUT', '/v1/compliance/settings', { company_address: form.company_address?.trim() || null, company_tax_id: form.company_tax_id?.trim() || null })
      .then(() => company.reload()), t('co.saved'));
  };
  const upload = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void run(async () => { await api('PUT', '/v1/org/logo', { logo: await base64(file) }); logo.reload(); }, t('co.logoSet'));
  };
  const remove = () => void run(async () => { await api('DELETE', '/v1/org/logo'); logo.reload(); }, t('co.logoRemoved'));
  const current = logo.data;
  return (
    <section className="card" aria-labelledby="company-title">
      <h2 id="company-title">{t('co.title')}</h2>
      <p className="muted">{t('co.intro')}</p>
      {can.manage ? (
        <form onSubmit={save}>
          <fieldset className="plain filters" disabled={!can.admin}>
            <div><label htmlFor="co-address">{t('co.address')}</label>
              <input id="co-address" maxLength={300} size={40} value={form.company_address ?? ''} onChange={(e) => setForm({ ...form, company_address: e.target.value })} /></div>
            <div><label htmlFor="co-tax">{t('co.taxId')}</label>
              <input id="co-tax" maxLength={40} value={form.company_tax_id ?? ''} onChange={(e) => setForm({ ...form, company_tax_id: e.target.value })} /></div>
            <div className="end"><button type="submit" className="primary">{t('set.save')}</button></div>
          </fieldset>
        </form>
      ) : null}
      <h3>{t('co.logo')}</h3>
      {current ? (
        <figure className="logo-preview">
          <img src={`/v1/org/logo/image?v=${current.sha256.slice(0, 12)}`} alt={t('co.logoAlt')} style={{ maxWidth: '14rem', maxHeight: '6rem', objectFit: 'contain' }} />
          <figcaption>{t('co.logoIs', { type: current.content_type === 'image/png' ? 'PNG' : 'JPEG', width: current.width, height: current.height, kb: Math.ceil(current.size / 1024) })}</figcaption>
        </figure>
      ) : logo.loading ? null : <p>{t('co.noLogo')}</p>}
      {can.admin ? (
        <div className="filters">
          <div><label htmlFor="co-logo">{current ? t('co.replace') : t('co.upload')}</label>
            <input id="co-logo" type="file" accept="image/png,image/jpeg" onChange={upload} /></div>
          {current ? <div className="end"><button type="button" onClick={remove}>{t('co.remove')}</button></div> : null}
        </div>
      ) : null}
      {status ? <p className="success" role="status">{status}</p> : null}
      <ErrorBox error={error ?? company.error} />
    </section>
  );
}
