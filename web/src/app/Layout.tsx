// The frame of every signed-in page: skip link, navigation by the API's words, language, who is signed in.
import { useEffect, type ReactNode } from 'react';
import { Link, useLocation } from './router.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useT } from '../i18n/index.tsx';
import { useSession } from '../sessions/session.tsx';

const NAV = [
  ['/', 'nav.dashboard'], ['/worklist', 'nav.worklist'], ['/handovers', 'nav.handovers'], ['/customers', 'nav.customers'], ['/invoices', 'nav.invoices'], ['/payments', 'nav.payments'],
  ['/aging', 'nav.aging'], ['/strategies', 'nav.strategies'], ['/reconciliation', 'nav.reconciliation'], ['/imports', 'nav.imports'], ['/privacy', 'nav.privacy'], ['/audit', 'nav.audit'], ['/settings', 'nav.settings'],
] as const;

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useT();
  const { path } = useLocation();
  const { me, signOut } = useSession();
  // move focus to the new page's title, so keyboard and screen reader users start there
  useEffect(() => { document.getElementById('page-title')?.focus({ preventScroll: true }); }, [path]);
  return (
    <>
      <a className="skip" href="#main">{t('nav.skip')}</a>
      <header className="top">
        <Link to="/" className="brand">cobro</Link>
        <nav aria-label={t('nav.main')}>
          <ul>
            {NAV.map(([to, key]) => {
              const active = to === '/' ? path === '/' : path.startsWith(to);
              return <li key={to}><Link to={to} aria-current={active ? 'page' : undefined}>{t(key)}</Link></li>;
            })}
          </ul>
        </nav>
        <div className="who">
          <LanguageSwitch />
          <span className="muted small" title={me?.org.name}>{me?.user?.email ?? me?.org.name} · {me ? t(`role.${me.role}`) : ''}</span>
          <button type="button" onClick={() => void signOut()}>{t('nav.signOut')}</button>
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
}
