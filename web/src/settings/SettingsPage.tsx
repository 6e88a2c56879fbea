// Settings: your account (password, users, API keys) and, one sub-page each, the org, channels, contact policy, calendars, webhooks, templates, the debtor portal, the worklist's priorities.
import { PageHeader } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan, useSession } from '../sessions/session.tsx';
import { ApiKeys } from './ApiKeys.tsx';
import { Users } from './Users.tsx';
import { Password } from './Password.tsx';
import { SettingsNav, SETTINGS_PAGES } from './SettingsNav.tsx';
import { OrgSettings } from './OrgSettings.tsx';
import { CompanyIdentity } from './CompanyIdentity.tsx';
import { Channels } from './Channels.tsx';
import { CallSettings } from './CallSettings.tsx';
import { ReplyFileSettings } from './ReplyFileSettings.tsx';
import { CompliancePolicy } from './CompliancePolicy.tsx';
import { Calendars } from './Calendars.tsx';
import { Webhooks } from './Webhooks.tsx';
import { Sso } from './Sso.tsx';
import { Templates } from './Templates.tsx';
import { SmsFold } from './SmsFold.tsx';
import { BankTransfer } from './transfer/BankTransfer.tsx';
import { PortalSettings } from './PortalSettings.tsx';
import { StaffConfirmations } from './StaffConfirmations.tsx';
import { PrioritySettings } from './priorities/PrioritySettings.tsx';
import './settings.css';

function Account() {
  const { t } = useT();
  const can = useCan();
  const { me } = useSession();
  return (
    <>
      {me?.user ? <Password mustChange={me.user.must_change_password} /> : null}
      {can.manage ? <Users /> : null}
      {can.admin ? <ApiKeys /> : null}
      {can.admin ? <Sso /> : null}
      {!can.manage ? <p className="notice">{t('settings.adminsOnly')}</p> : null}
    </>
  );
}

function Section({ path }: { path: string }) {
  switch (path) {
    case '/settings/org': return <><OrgSettings /><CompanyIdentity /><BankTransfer /></>;
    case '/settings/channels': return <><Channels /><CallSettings /><ReplyFileSettings /></>;
    case '/settings/compliance': return <CompliancePolicy />;
    case '/settings/calendars': return <Calendars />;
    case '/settings/webhooks': return <Webhooks />;
    case '/settings/templates': return <><Templates /><SmsFold /></>;
    case '/settings/portal': return <><PortalSettings /><StaffConfirmations /></>;
    case '/settings/priorities': return <PrioritySettings />;
    default: return <Account />;
  }
}

export function SettingsPage({ path = '/settings' }: { path?: string }) {
  const { t } = useT();
  const page = SETTINGS_PAGES.find(([to]) => to === path);
  return (
    <>
      <PageHeader title={page && path !== '/settings' ? `${t('settings.title')} · ${t(page[1])}` : t('settings.title')} />
      <SettingsNav path={path} />
      <Section path={path} />
    </>
  );
}
