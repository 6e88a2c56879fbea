// The workspace: sign-in when there is no session, otherwise the page the path names.
import { match, Router, useLocation } from './router.tsx';
import { Layout } from './Layout.tsx';
import { Loading } from './ui.tsx';
import { I18nProvider, useT } from '../i18n/index.tsx';
import { SessionProvider, useSession } from '../sessions/session.tsx';
import { SignIn } from '../sessions/SignIn.tsx';
import { Dashboard } from '../dashboard/Dashboard.tsx';
import { CustomersList } from '../customers/CustomersList.tsx';
import { CustomerView } from '../customers/CustomerView.tsx';
import { InvoicesList } from '../invoices/InvoicesList.tsx';
import { PaymentsList } from '../payments/PaymentsList.tsx';
import { AgingPage } from '../aging/AgingPage.tsx';
import { ImportsPage } from '../imports/ImportsPage.tsx';
import { ReconciliationPage } from '../reconciliation/ReconciliationPage.tsx';
import { SettingsPage } from '../settings/SettingsPage.tsx';
import { AuditPage } from '../audit/AuditPage.tsx';
import { PrivacyPage } from '../privacy/PrivacyPage.tsx';
import { WorklistPage } from '../worklist/WorklistPage.tsx';
import { HandoversPage } from '../handovers/HandoversPage.tsx';
import { CasePage } from '../cases/CasePage.tsx';
import { EvidencePage } from '../disputes/EvidencePage.tsx';
import { StrategiesPage } from '../strategies/StrategiesPage.tsx';
import { StrategyEditor } from '../strategies/StrategyEditor.tsx';

function Page() {
  const { path } = useLocation();
  const { t } = useT();
  if (path === '/') return <Dashboard />;
  if (path === '/worklist') return <WorklistPage />;
  if (path === '/handovers') return <HandoversPage />;
  const evidence = match('/disputes/:id/evidence', path);
  if (evidence) return <EvidencePage id={evidence.id!} provider={new URLSearchParams(window.location.search).get('provider')} />;
  const kase = match('/cases/:id', path);
  if (kase) return <CasePage id={kase.id!} />;
  if (path === '/customers') return <CustomersList />;
  const customer = match('/customers/:id', path);
  if (customer) return <CustomerView id={customer.id!} />;
  if (path === '/invoices') return <InvoicesList />;
  if (path === '/payments') return <PaymentsList />;
  if (path === '/aging') return <AgingPage />;
  if (path === '/imports') return <ImportsPage />;
  if (path === '/reconciliation') return <ReconciliationPage />;
  if (path === '/settings' || path.startsWith('/settings/')) return <SettingsPage path={path} />;
  if (path === '/audit') return <AuditPage />;
  if (path === '/privacy') return <PrivacyPage />;
  if (path === '/strategies') return <StrategiesPage />;
  const strategy = match('/strategies/:id', path);
  if (strategy) return <StrategyEditor id={strategy.id!} />;
  return <h1 id="page-title" tabIndex={-1}>{t('common.notFound')}</h1>;
}

function Gate() {
  const { me, checking } = useSession();
  if (checking) return <main id="main"><Loading /></main>;
  if (!me) return <SignIn />;
  return <Layout><Page /></Layout>;
}

export function App() {
  return (
    <I18nProvider>
      <Router>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </Router>
    </I18nProvider>
  );
}
