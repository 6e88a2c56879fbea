// Single sign-on settings for admins: the org's OpenID Connect provider (the client secret is write-only), who may sign
// in and with which role, and the redirect URI to register at the provider.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useSession } from '../sessions/session.tsx';

const ROLES = ['admin', 'manager', 'collector', 'viewer'] as const;

interface SsoSettings {
  label: string; issuer: string; client_id: string; client_secret_hint: string; allowed_domains: string[]; default_role: string | null;
  role_claim: string | null; role_map: Record<string, string>; create_users: boolean; enabled: boolean; redirect_uri: string;
}

const EMPTY = { label: 'SSO', issuer: '', client_id: '', secret: '', domains: '', default_role: '', role_claim: '', role_map: '', create_users: false, enabled: true };

/** Null when the org has none (the API answers 404). */
async function load(): Promise<SsoSettings | null> {
  try { return await get<SsoSettings>('/v1/sso/settings'); } catch (e) { if (e instanceof ApiError && e.status === 404) return null; throw e; }
}

export function Sso() {
  const { t } = useT();
  const { me } = useSession();
  const data = useData(load, 'sso-settings');
  const [f, setF] = useState(EMPTY);
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState(false);
  const stored = data.data;
  useEffect(() => {
    if (!stored) return;
    setF({ label: stored.label, issuer: stored.issuer, client_id: stored.client_id, secret: '', domains: stored.allowed_domains.join(', '),
      default_role: stored.default_role ?? '', role_claim: stored.role_claim ?? '', create_users: stored.create_users, enabled: stored.enabled,
      role_map: Object.entries(stored.role_map).map(([k, v]) => `${k} = ${v}`).join('\n') });
  }, [stored]);
  if (data.loading && stored === undefined) return <Loading />;
  const set = <K extends keyof typeof EMPTY>(k: K, v: (typeof EMPTY)[K]) => { setSaved(false); setF({ ...f, [k]: v }); };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const roleMap = Object.fromEntries(f.role_map.split('\n').map((l) => l.split('=').map((x) => x.trim())).filter((p) => p.length === 2 && p[0] && p[1]));
    try {
      await api('PUT', '/v1/sso/settings', { label: f.label, issuer: f.issuer.trim(), client_id: f.client_id.trim(), ...(f.secret ? { client_secret: f.secret } : {}),
        allowed_domains: f.domains.split(',').map((d) => d.trim()).filter(Boolean), default_role: f.default_role || null,
        role_claim: f.role_claim.trim() || null, role_map: roleMap, create_users: f.create_users, enabled: f.enabled });
      setSaved(true);
      data.reload();
    } catch (err) { setError(err as Error); }
  };
  const remove = async () => {
    if (!window.confirm(t('sso.set.removeConfirm'))) return;
    try { await api('DELETE', '/v1/sso/settings'); setF(EMPTY); data.reload(); } catch (err) { setError(err as Error); }
  };
  const field = (id: keyof typeof EMPTY, label: string, extra: Record<string, unknown> = {}) => (
    <div><label htmlFor={`sso-${id}`}>{label}</label>
      <input id={`sso-${id}`} value={String(f[id])} onChange={(e) => set(id, e.target.value)} {...extra} /></div>
  );
  return (
    <section className="card" aria-labelledby="sso-title">
      <h2 id="sso-title">{t('sso.set.title')}</h2>
      <p className="muted">{t('sso.set.intro')}</p>
      {stored ? (
        <dl>
          <dt>{t('sso.set.redirectUri')}</dt><dd><code>{stored.redirect_uri}</code></dd>
          <dt>{t('sso.set.signInLink')}</dt><dd><code>{`${window.location.origin}/?org=${me?.org.id ?? ''}`}</code></dd>
        </dl>
      ) : <p className="notice">{t('sso.set.none')}</p>}
      <ErrorBox error={data.error ?? error} />
      <form onSubmit={save}>
        <div className="filters">
          {field('label', t('sso.set.label'), { required: true, maxLength: 60 })}
          {field('issuer', t('sso.set.issuer'), { type: 'url', required: true, size: 40 })}
          {field('client_id', t('sso.set.clientId'), { required: true })}
          <div><label htmlFor="sso-secret">{t('sso.set.clientSecret')}</label>
            <input id="sso-secret" type="password" autoComplete="off" required={!stored} value={f.secret} onChange={(e) => set('secret', e.target.value)} />
            {stored ? <p className="muted small">{t('sso.set.secretKept', { hint: stored.client_secret_hint })}</p> : null}</div>
          {field('domains', t('sso.set.domains'), { required: true, size: 30, placeholder: 'acme.com' })}
        </div>
        <p className="muted small">{t('sso.set.domainsHint')}</p>
        <div className="filters">
          <div><label className="check"><input type="checkbox" checked={f.create_users} onChange={(e) => set('create_users', e.target.checked)} /> {t('sso.set.createUsers')}</label></div>
          <div><label htmlFor="sso-role">{t('sso.set.defaultRole')}</label>
            <select id="sso-role" value={f.default_role} onChange={(e) => set('default_role', e.target.value)}>
              <option value="">{t('sso.set.noRole')}</option>
              {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
            </select></div>
          {field('role_claim', t('sso.set.roleClaim'), { placeholder: 'groups' })}
          <div><label htmlFor="sso-map">{t('sso.set.roleMap')}</label>
            <textarea id="sso-map" rows={3} value={f.role_map} onChange={(e) => set('role_map', e.target.value)} placeholder={t('sso.set.roleMapHint')} /></div>
          <div><label className="check"><input type="checkbox" checked={f.enabled} onChange={(e) => set('enabled', e.target.checked)} /> {t('sso.set.enabled')}</label></div>
        </div>
        <div className="actions">
          <button type="submit" className="primary">{t('sso.set.save')}</button>
          {stored ? <button type="button" onClick={() => void remove()}>{t('sso.set.remove')}</button> : null}
          {saved ? <span role="status">{t('sso.set.saved')}</span> : null}
        </div>
      </form>
    </section>
  );
}
