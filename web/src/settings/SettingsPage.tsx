// Settings: your password, the org's users (admins invite) and API keys (admins create and revoke).
import { PageHeader } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan, useSession } from '../sessions/session.tsx';
import { ApiKeys } from './ApiKeys.tsx';
import { Users } from './Users.tsx';
import { Password } from './Password.tsx';

export function SettingsPage() {
  const { t } = useT();
  const can = useCan();
  const { me } = useSession();
  return (
    <>
      <PageHeader title={t('settings.title')} />
      {me?.user ? <Password mustChange={me.user.must_change_password} /> : null}
      {can.manage ? <Users /> : null}
      {can.admin ? <ApiKeys /> : null}
      {!can.manage ? <p className="notice">{t('settings.adminsOnly')}</p> : null}
    </>
  );
}
