// Invoices: filtered by the API (status, currency, days past due, due dates, customer), sortable, exportable.
import { getAll } from '../app/api.ts';
import { Link, useQueryState } from '../app/router.tsx';
import { usePaged } from '../app/usePaged.ts';
import { date, daysPastDue, money, plainAmount as major } from '../app/format.ts';
import { Table, type Column } from '../app/Table.tsx';
import { ErrorBox, ExportButton, Loading, MoreButton, PageHeader, StatusBadge } from '../app/ui.tsx';
import type { Invoice } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { InvoiceFilters } from './InvoiceFilters.tsx';

const FILTERS = ['status', 'currency', 'dpd_min', 'dpd_max', 'due_from', 'due_to', 'customer_id'] as const;

export function InvoicesList() {
  const { t, locale } = useT();
  const [q, set] = useQueryState();
  const filters: Record<string, string | undefined> = {};
  for (const f of FILTERS) filters[f] = q.get(f) ?? undefined;
  const list = usePaged<Invoice>('/v1/invoices', filters);
  const columns: Column<Invoice>[] = [
    { key: 'number', label: t('invoices.number'), sort: (i) => i.number, render: (i) => i.number },
    { key: 'customer', label: t('common.customer'), sort: (i) => i.customer_name ?? i.customer_id,
      render: (i) => <Link to={`/customers/${i.customer_id}`}>{i.customer_name ?? t('invoices.openCustomer')}</Link> },
    { key: 'status', label: t('invoices.status'), sort: (i) => i.status, render: (i) => <StatusBadge status={i.status} /> },
    { key: 'issue_date', label: t('invoices.issueDate'), sort: (i) => i.issue_date, render: (i) => date(i.issue_date, locale) },
    { key: 'due_date', label: t('invoices.dueDate'), sort: (i) => i.due_date, render: (i) => date(i.due_date, locale) },
    { key: 'dpd', label: t('invoices.dpd'), numeric: true, sort: (i) => daysPastDue(i.due_date), render: (i) => Math.max(0, daysPastDue(i.due_date)) },
    { key: 'amount', label: t('invoices.amount'), numeric: true, sort: (i) => i.amount, render: (i) => money(i.amount, i.currency, locale) },
    { key: 'balance', label: t('common.balance'), numeric: true, sort: (i) => i.balance, render: (i) => money(i.balance, i.currency, locale) },
  ];
  return (
    <>
      <PageHeader title={t('invoices.title')}>
        <ExportButton filename="invoices.csv" load={() => getAll<Invoice>('/v1/invoices', filters)} columns={[
          { header: 'id', value: (i) => i.id }, { header: 'number', value: (i) => i.number }, { header: 'customer_id', value: (i) => i.customer_id },
          { header: 'status', value: (i) => i.status }, { header: 'currency', value: (i) => i.currency },
          { header: 'amount', value: (i) => major(i.amount, i.currency) }, { header: 'balance', value: (i) => major(i.balance, i.currency) },
          { header: 'issue_date', value: (i) => i.issue_date }, { header: 'due_date', value: (i) => i.due_date },
          { header: 'days_past_due', value: (i) => Math.max(0, daysPastDue(i.due_date)) }, { header: 'customer_name', value: (i) => i.customer_name ?? '' },
        ]} />
      </PageHeader>
      <InvoiceFilters q={q} set={set} />
      <ErrorBox error={list.error} />
      <Table caption={t('invoices.title')} columns={columns} rows={list.rows} rowKey={(i) => i.id} />
      {list.loading ? <Loading /> : <p className="muted small" role="status" data-testid="invoice-count">{t('common.shown', { n: list.rows.length })}</p>}
      <MoreButton hasMore={list.hasMore} onMore={list.more} busy={list.loading} />
    </>
  );
}
