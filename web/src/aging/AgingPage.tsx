// The aging report as of a date: totals per currency and per customer, each amount a link to the invoices behind it.
import { get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { Link, useQueryState } from '../app/router.tsx';
import { date, money, plainAmount } from '../app/format.ts';
import { Table, type Column } from '../app/Table.tsx';
import { ErrorBox, ExportButton, Loading, PageHeader } from '../app/ui.tsx';
import type { Aging } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { BUCKETS, invoicesLink } from './buckets.ts';

type Row = Aging['customers'][number];

export function AgingPage() {
  const { t, locale } = useT();
  const [q, set] = useQueryState();
  const asOf = q.get('as_of') ?? '';
  const { data, error, loading } = useData(() => get<Aging>('/v1/aging', { as_of: asOf, customer_limit: 1000 }), asOf);
  const bucketColumns: Column<Row>[] = BUCKETS.map((b) => ({
    key: b.key, label: t(`bucket.${b.key}`), numeric: true, sort: (r: Row) => r[b.key], render: (r: Row) => (r[b.key] ? money(r[b.key], r.currency, locale) : ''),
  }));
  return (
    <>
      <PageHeader title={t('aging.title')}>
        {data ? <ExportButton filename={`aging-${data.as_of}.csv`} load={async () => data.customers} columns={[
          { header: 'customer_id', value: (r) => r.customer_id }, { header: 'external_id', value: (r) => r.external_id }, { header: 'name', value: (r) => r.name },
          { header: 'currency', value: (r) => r.currency },
          ...BUCKETS.map((b) => ({ header: b.key, value: (r: Row) => plainAmount(r[b.key], r.currency) })),
          { header: 'total', value: (r) => plainAmount(r.total, r.currency) },
        ]} /> : null}
      </PageHeader>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="aging-as-of">{t('aging.asOf')}</label>
          <input id="aging-as-of" type="date" value={asOf} onChange={(e) => set({ as_of: e.target.value })} />
        </div>
      </form>
      <ErrorBox error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <p className="muted">{t('dashboard.asOf', { date: date(data.as_of, locale) })}</p>
          <Table caption={t('aging.totals')} rows={data.totals} rowKey={(l) => l.currency} columns={[
            { key: 'currency', label: t('common.currency'), sort: (l) => l.currency, render: (l) => l.currency },
            ...BUCKETS.map((b) => ({ key: b.key, label: t(`bucket.${b.key}`), numeric: true, sort: (l: Aging['totals'][number]) => l[b.key],
              render: (l: Aging['totals'][number]) => <Link to={invoicesLink(l.currency, { dpdMin: b.dpdMin, dpdMax: b.dpdMax })}>{money(l[b.key], l.currency, locale)}</Link> })),
            { key: 'total', label: t('aging.total'), numeric: true, sort: (l) => l.total, render: (l) => money(l.total, l.currency, locale) },
          ]} />
          <h2>{t('aging.byCustomer')}</h2>
          <Table caption={t('aging.byCustomer')} rows={data.customers} rowKey={(r) => `${r.customer_id}-${r.currency}`} initialSort={{ key: 'total', dir: 'desc' }} columns={[
            { key: 'name', label: t('common.customer'), sort: (r) => r.name, render: (r) => <Link to={`/customers/${r.customer_id}`}>{r.name}</Link> },
            { key: 'currency', label: t('common.currency'), sort: (r) => r.currency, render: (r) => r.currency },
            ...bucketColumns,
            { key: 'total', label: t('aging.total'), numeric: true, sort: (r) => r.total, render: (r) => money(r.total, r.currency, locale) },
          ]} />
        </>
      ) : null}
    </>
  );
}
