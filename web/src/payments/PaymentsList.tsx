// Payments: by date range and customer, sortable, exportable (the list behind "collected this week / month").
import { getAll } from '../app/api.ts';
import { Link, useQueryState } from '../app/router.tsx';
import { usePaged } from '../app/usePaged.ts';
import { date, money, plainAmount } from '../app/format.ts';
import { Table, type Column } from '../app/Table.tsx';
import { ErrorBox, ExportButton, Loading, MoreButton, PageHeader, StatusBadge } from '../app/ui.tsx';
import type { Payment } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';

export function PaymentsList() {
  const { t, locale } = useT();
  const [q, set] = useQueryState();
  const filters = { from: q.get('from') ?? undefined, to: q.get('to') ?? undefined, customer_id: q.get('customer_id') ?? undefined };
  const list = usePaged<Payment>('/v1/payments', filters);
  const columns: Column<Payment>[] = [
    { key: 'date', label: t('payments.date'), sort: (p) => p.date, render: (p) => date(p.date, locale) },
    { key: 'customer', label: t('common.customer'), render: (p) => <Link to={`/customers/${p.customer_id}`}>{t('invoices.openCustomer')}</Link> },
    { key: 'currency', label: t('common.currency'), sort: (p) => p.currency, render: (p) => p.currency },
    { key: 'amount', label: t('invoices.amount'), numeric: true, sort: (p) => p.amount, render: (p) => money(p.amount, p.currency, locale) },
    { key: 'unapplied', label: t('payments.unapplied'), numeric: true, sort: (p) => p.unapplied, render: (p) => (p.unapplied ? money(p.unapplied, p.currency, locale) : '') },
    { key: 'method', label: t('payments.method'), sort: (p) => p.method ?? '', render: (p) => p.method },
    { key: 'reference', label: t('payments.reference'), sort: (p) => p.reference ?? '', render: (p) => p.reference },
    { key: 'state', label: t('invoices.status'), render: (p) => (p.reversed_at ? <StatusBadge status="reversed" /> : '') },
  ];
  return (
    <>
      <PageHeader title={t('payments.title')}>
        <ExportButton filename="payments.csv" load={() => getAll<Payment>('/v1/payments', filters)} columns={[
          { header: 'id', value: (p) => p.id }, { header: 'customer_id', value: (p) => p.customer_id }, { header: 'date', value: (p) => p.date },
          { header: 'currency', value: (p) => p.currency }, { header: 'amount', value: (p) => plainAmount(p.amount, p.currency) },
          { header: 'unapplied', value: (p) => plainAmount(p.unapplied, p.currency) }, { header: 'method', value: (p) => p.method },
          { header: 'reference', value: (p) => p.reference }, { header: 'reversed_at', value: (p) => p.reversed_at },
        ]} />
      </PageHeader>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="pay-from">{t('payments.from')}</label>
          <input id="pay-from" type="date" value={filters.from ?? ''} onChange={(e) => set({ from: e.target.value })} />
        </div>
        <div>
          <label htmlFor="pay-to">{t('payments.to')}</label>
          <input id="pay-to" type="date" value={filters.to ?? ''} onChange={(e) => set({ to: e.target.value })} />
        </div>
        <div className="end"><button type="button" onClick={() => set({ from: null, to: null, customer_id: null })}>{t('common.clearFilters')}</button></div>
      </form>
      <ErrorBox error={list.error} />
      <Table caption={t('payments.title')} columns={columns} rows={list.rows} rowKey={(p) => p.id} />
      {list.loading ? <Loading /> : null}
      <MoreButton hasMore={list.hasMore} onMore={list.more} busy={list.loading} />
    </>
  );
}
