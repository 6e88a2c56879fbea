// A customer and their case in one place: where the case stands, the task being worked, balances, the one timeline,
// contact details with consent per channel, what can be done, and the invoices and payments.
import { useMemo, useState } from 'react';
import { ApiError, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { dateTime, money } from '../app/format.ts';
import { Link, useLocation } from '../app/router.tsx';
import { ErrorBox, Loading, PageHeader } from '../app/ui.tsx';
import type { Balance, Customer, User } from '../app/types.ts';
import { useCan, useSession } from '../sessions/session.tsx';
import { useT } from '../i18n/index.tsx';
import { ContactLaw } from '../customers/ContactLaw.tsx';
import { CustomerLedger } from '../customers/CustomerLedger.tsx';
import type { Task } from '../worklist/types.ts';
import { CaseActions } from './CaseActions.tsx';
import { ContactChannels } from './ContactChannels.tsx';
import { TaskPanel } from './TaskPanel.tsx';
import { Timeline } from './Timeline.tsx';
import type { CaseDetail } from './types.ts';
import './cases.css';

async function load(id: string) {
  let kase: CaseDetail | null = null;
  try {
    kase = await get<CaseDetail>(`/v1/cases/${encodeURIComponent(id)}`);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
  }
  const customer = await get<Customer>(`/v1/customers/${encodeURIComponent(kase?.customer_id ?? id)}`);
  const [balance, tasks] = await Promise.all([
    get<{ data: Balance[] }>(`/v1/customers/${customer.id}/balance`),
    kase ? get<{ data: Task[] }>('/v1/tasks', { case_id: kase.id, status: 'open', limit: 100 }) : Promise.resolve({ data: [] as Task[] }),
  ]);
  return { kase, customer, balances: balance.data, tasks: tasks.data };
}

function Standing({ kase }: { kase: CaseDetail }) {
  const { t, locale } = useT();
  const paused = kase.paused_until && Date.parse(kase.paused_until) > Date.now();
  return (
    <p className="standing" data-testid="case-standing">
      <span className={`badge badge-${kase.status}`}>{t(`case.status.${kase.status}`)}</span>
      {' '}{kase.strategy_id ? t('case.strategy', { strategy: kase.strategy_id, step: kase.current_step_id ?? '—' }) : t('case.noStrategy')}
      {paused ? <> · <span className="badge badge-defer">{t('case.pausedUntil', { date: dateTime(kase.paused_until, locale) })}</span></> : null}
      {kase.escalated ? <> · <span className="badge badge-block">{t('case.escalated')}</span></> : null}
      {kase.stop_code && kase.stop_code !== 'escalated' ? <> · <span className="badge">{t('case.stop', { code: t(`stop.${kase.stop_code}`) })}</span></> : null}
      {kase.next_action_at ? <span className="muted small"> · {t('case.nextAction', { date: dateTime(kase.next_action_at, locale) })}</span> : null}
    </p>
  );
}

export function CasePage({ id }: { id: string }) {
  const { t, locale } = useT();
  const can = useCan();
  const { me } = useSession();
  const { query } = useLocation();
  const [version, setVersion] = useState(0);
  const { data, error, loading } = useData(() => load(id), `${id}|${version}`);
  const users = useData(() => (can.manage ? get<{ data: User[] }>('/v1/users') : Promise.resolve({ data: [] as User[] })), String(can.manage));
  const names = useMemo(() => new Map([...(users.data?.data ?? []), ...(me?.user ? [me.user] : [])].map((u) => [`user:${u.id}`, u.name || u.email])),
    [users.data, me]);
  const reload = () => setVersion((v) => v + 1);
  if (loading && !data) return <Loading />;
  if (!data) return <><PageHeader title={t('case.title')} /><ErrorBox error={error} /></>;
  const { kase, customer, balances, tasks } = data;
  const taskId = query.get('task');
  return (
    <>
      <p className="breadcrumb"><Link to="/worklist">{t('work.title')}</Link> ›</p>
      <PageHeader title={customer.name}>
        <span className="muted">{customer.external_id}</span>
        <Link to={`/customers/${customer.id}`}>{t('case.customerPage')}</Link>
      </PageHeader>
      {kase ? <Standing kase={kase} /> : <p className="notice">{t('case.none')}</p>}
      <ErrorBox error={error} />
      <section aria-labelledby="case-balances">
        <h2 id="case-balances" className="visually-hidden">{t('customer.balances')}</h2>
        <ul className="cards" data-testid="balances">
          {balances.length === 0 ? <li className="muted">{t('customer.noBalance')}</li> : null}
          {balances.map((b) => (
            <li key={b.currency} className="card figure">
              <span className="figure-label">{t('customer.openIn', { currency: b.currency })}</span>
              <strong className="figure-value">{money(b.open, b.currency, locale)}</strong>
              <span className="muted small">{t('customer.openInvoices', { n: b.invoices })}</span>
            </li>
          ))}
        </ul>
      </section>
      {kase ? (
        <div className="grid-2">
          <div className="stack">
            <TaskPanel caseId={kase.id} customerId={customer.id} phone={customer.phone} balances={balances} tasks={tasks} taskId={taskId}
              canWrite={can.write} onDone={reload} />
            {can.write ? <CaseActions kase={kase} customer={customer} balances={balances} manage={can.manage} onDone={reload} />
              : <p className="muted" data-testid="read-only">{t('actions.readOnly')}</p>}
          </div>
          <div className="stack">
            <ContactChannels customer={customer} version={version} onChanged={reload} />
            <ContactLaw customerId={customer.id} version={version} />
          </div>
        </div>
      ) : null}
      {kase ? <Timeline entries={kase.timeline} customerId={customer.id} version={version} who={(a) => names.get(a) ?? null} /> : null}
      <CustomerLedger customerId={customer.id} />
    </>
  );
}
