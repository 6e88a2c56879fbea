// A customer's invoices and payments, sortable, with links to the full filtered lists.
import { getAll } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { date, daysPastDue, money } from '../app/format.ts';
import { Link } from '../app/router.tsx';
import { Table } from '../app/Table.tsx';
import { ErrorBox, Loading, StatusBadge } from '../app/ui.tsx';
import type { Invoice, Payment } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';

async function load(id: string) {
  const [invoices, payments] = await Promise.all([
    getAll<Invoice>('/v1/invoices', { customer_id: id }, 1000), getAll<Payment>('/v1/payments', { customer_id: id }, 1000)]);
  return { invoices, payments };
}

export function CustomerLedger({ customerId }: { customerId: string }) {
  const { t, locale } = useT();
  const { data, error, loading } = useData(() => load(customerId), customerId);
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorBox error={error} />;
  return (
    <>
      <section aria-labelledby="cust-invoices">
        <h2 id="cust-invoices">{t('invoices.title')} <Link className="small" to={`/invoices?customer_id=${customerId}`}>{t('common.openList')}</Link></h2>
        <Table caption={t('invoices.title')} rows={data.invoices} rowKey={(i) => i.id} initialSort={{ key: 'due_date', dir: 'asc' }} columns={[
          { key: 'number', label: t('invoices.number'), sort: (i) => i.number, render: (i) => i.number },
          { key: 'status', label: t('invoices.status'), sort: (i) => i.status, render: (i) => <StatusBadge status={i.status} /> },
          { key: 'due_date', label: t('invoices.dueDate'), sort: (i) => i.due_date, render: (i) => date(i.due_date, locale) },
          { key: 'dpd', label: t('invoices.dpd'), numeric: true, sort: (i) => daysPastDue(i.due_date),
            render: (i) => (i.balance > 0 && daysPastDue(i.due_date) > 0 ? daysPastDue(i.due_date) : '') },
          { key: 'amount', label: t('invoices.amount'), numeric: true, sort: (i) => i.amount, render: (i) => money(i.amount, i.currency, locale) },
          { key: 'balance', label: t('common.balance'), numeric: true, sort: (i) => i.balance, render: (i) => money(i.balance, i.currency, locale) },
        ]} />
      </section>
      <section aria-labelledby="cust-payments">
        <h2 id="cust-payments">{t('payments.title')}</h2>
        <Table caption={t('payments.title')} rows={data.payments} rowKey={(p) => p.id} initialSort={{ key: 'date', dir: 'desc' }} columns={[
          { key: 'date', label: t('payments.date'), sort: (p) => p.date, render: (p) => date(p.date, locale) },
          { key: 'amount', label: t('invoices.amount'), numeric: true, sort: (p) => p.amount, render: (p) => money(p.amount, p.currency, locale) },
          { key: 'method', label: t('payments.method'), sort: (p) => p.method ?? '', render: (p) => p.method },
          { key: 'reference', label: t('payments.reference'), render: (p) => p.reference },
          { key: 'state', label: t('invoices.status'), render: (p) => (p.reversed_at ? <StatusBadge status="reversed" /> : '') },
        ]} />
      </section>
    </>
  );
}
