// Users of the org: admins invite one with a role and hand over the one-time password shown once.
import { useState, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { dateTime } from '../app/format.ts';
import { Table } from '../app/Table.tsx';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { ROLES, type Role, type User } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import { Secret } from './Secret.tsx';

export function Users() {
  const { t, locale } = useT();
  const can = useCan();
  const users = useData(() => get<{ data: User[] }>('/v1/users'), 'users');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('collector');
  const [invited, setInvited] = useState<{ email: string; password: string } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const invite = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const u = await api<User & { password: string }>('POST', '/v1/users', { email, role, ...(name.trim() ? { name: name.trim() } : {}) });
      setInvited({ email: u.email, password: u.password });
      setEmail('');
      setName('');
      users.reload();
    } catch (err) { setError(err as Error); }
  };
  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">{t('settings.users')}</h2>
      {can.admin ? (
        <form className="filters" onSubmit={invite} aria-label={t('settings.invite')}>
          <div><label htmlFor="user-email">{t('signIn.email')}</label><input id="user-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} /></div>
          <div><label htmlFor="user-name">{t('settings.name')}</label><input id="user-name" value={name} onChange={(e) => setName(e.target.value)} /></div>
          <div><label htmlFor="user-role">{t('settings.role')}</label>
            <select id="user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
            </select></div>
          <div className="end"><button type="submit" className="primary">{t('settings.invite')}</button></div>
        </form>
      ) : null}
      {invited ? <Secret label={t('settings.oneTimePassword', { email: invited.email })} value={invited.password} onDone={() => setInvited(null)} /> : null}
      <ErrorBox error={error ?? users.error} />
      {users.loading && !users.data ? <Loading /> : null}
      <Table caption={t('settings.users')} rows={users.data?.data ?? []} rowKey={(u) => u.id} columns={[
        { key: 'email', label: t('signIn.email'), sort: (u) => u.email, render: (u) => u.email },
        { key: 'name', label: t('settings.name'), sort: (u) => u.name, render: (u) => u.name },
        { key: 'role', label: t('settings.role'), sort: (u) => u.role, render: (u) => t(`role.${u.role}`) },
        { key: 'last_sign_in_at', label: t('settings.lastSignIn'), sort: (u) => u.last_sign_in_at ?? '',
          render: (u) => (u.last_sign_in_at ? dateTime(u.last_sign_in_at, locale) : t('settings.never')) },
      ]} />
    </section>
  );
}
