// The settings' sub-pages, as a list of links: the current one is marked for screen readers.
import { Link } from '../app/router.tsx';
import { useT } from '../i18n/index.tsx';

export const SETTINGS_PAGES = [
  ['/settings', 'set.nav.account'], ['/settings/org', 'set.nav.org'], ['/settings/channels', 'set.nav.channels'],
  ['/settings/compliance', 'set.nav.compliance'], ['/settings/calendars', 'set.nav.calendars'], ['/settings/webhooks', 'set.nav.webhooks'],
  ['/settings/templates', 'set.nav.templates'], ['/settings/portal', 'set.nav.portal'], ['/settings/priorities', 'set.nav.priorities'],
] as const;

export function SettingsNav({ path }: { path: string }) {
  const { t } = useT();
  return (
    <nav aria-label={t('set.nav.label')} className="subnav">
      <ul>
        {SETTINGS_PAGES.map(([to, key]) => (
          <li key={to}><Link to={to} aria-current={path === to ? 'page' : undefined}>{t(key)}</Link></li>
        ))}
      </ul>
    </nav>
  );
}
