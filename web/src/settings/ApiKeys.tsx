// API keys: create one with a role (its secret is shown once), see when each was last used, revoke.
import { useState, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { dateTime } from '../app/format.ts';
import { Table } from '../app/Table.tsx';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { ROLES, type ApiKey, type Role } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { Secret } from './Secret.tsx';

export function ApiKeys() {
  const { t, locale } = useT();
  const keys = useData(() => get<{ data: ApiKey[] }>('/v1/api-keys'), 'api-keys');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const k = await api<ApiKey & { secret: string }>('POST', '/v1/api-keys', { role, name: name.trim() || 'workspace' });
      setSecret(k.secret);
      setName('');
      keys.reload();
    } catch (err) { setError(err as Error); }
  };
  const revoke = async (k: ApiKey) => {
    if (!window.confirm(t('settings.revokeConfirm', { name: k.name, prefix: k.prefix }))) return;
    try { await api('DELETE', `/v1/api-keys/${k.id}`); keys.reload(); } catch (err) { setError(err as Error); }
  };
  return (
    <section className="card" aria-labelledby="keys-title">
      <h2 id="keys-title">{t('settings.apiKeys')}</h2>
      <form className="filters" onSubmit={create}>
        <div><label htmlFor="key-name">{t('settings.keyName')}</label><input id="key-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} /></div>
        <div><label htmlFor="key-role">{t('settings.role')}</label>
          <select id="key-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select></div>
        <div className="end"><button type="submit" className="primary">{t('settings.createKey')}</button></div>
      </form>
      {secret ? <Secret label={t('settings.newKey')} value={secret} onDone={() => setSecret(null)} /> : null}
      <ErrorBox error={error ?? keys.error} />
      {keys.loading && !keys.data ? <Loading /> : null}
      <Table caption={t('settings.apiKeys')} rows={keys.data?.data ?? []} rowKey={(k) => k.id} columns={[
        { key: 'name', label: t('settings.keyName'), sort: (k) => k.name, render: (k) => k.name },
        { key: 'prefix', label: t('settings.prefix'), render: (k) => <code>{k.prefix}…</code> },
        { key: 'role', label: t('settings.role'), sort: (k) => k.role, render: (k) => t(`role.${k.role}`) },
        { key: 'created_at', label: t('common.created'), sort: (k) => k.created_at, render: (k) => dateTime(k.created_at, locale) },
        { key: 'last_used_at', label: t('settings.lastUsed'), sort: (k) => k.last_used_at ?? '', render: (k) => dateTime(k.last_used_at, locale) },
        { key: 'state', label: t('invoices.status'), sort: (k) => (k.revoked_at ? 1 : 0),
          render: (k) => (k.revoked_at ? t('settings.revokedAt', { date: dateTime(k.revoked_at, locale) })
            : <button type="button" onClick={() => void revoke(k)} aria-label={t('settings.revokeNamed', { name: k.name })}>{t('settings.revoke')}</button>) },
      ]} />
    </section>
  );
}
