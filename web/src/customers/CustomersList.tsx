// Customers: search by name or external id, filter by country, sort, export what the filters select; behind a point of the
// dashboard's trend (overdue_on), what each owed overdue at the end of that day.
import { getAll } from '../app/api.ts';
import { useQueryState, Link } from '../app/router.tsx';
import { usePaged } from '../app/usePaged.ts';
import { countryName, date, dateTime, money, plainAmount } from '../app/format.ts';
import { Table, type Column } from '../app/Table.tsx';
import { DebouncedInput } from '../app/SearchInput.tsx';
import { ErrorBox, ExportButton, Loading, MoreButton, PageHeader } from '../app/ui.tsx';
import type { Customer } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { DrillNote, drillFilters } from './DrillNote.tsx';

const COUNTRIES = ['AR', 'BR', 'CL', 'CO', 'ES', 'MX', 'PE', 'US'];

export function CustomersList() {
  const { t, locale } = useT();
  const [q, set] = useQueryState();
  const drill = drillFilters(q);
  const filters = { search: q.get('search') ?? undefined, country: q.get('country') ?? undefined, ...drill };
  const list = usePaged<Customer>('/v1/customers', filters);
  const columns: Column<Customer>[] = [
    { key: 'name', label: t('customers.name'), sort: (c) => c.name, render: (c) => <Link to={`/customers/${c.id}`}>{c.name}</Link> },
    { key: 'external_id', label: t('customers.externalId'), sort: (c) => c.external_id, render: (c) => c.external_id },
    { key: 'country', label: t('customers.country'), sort: (c) => c.country ?? '', render: (c) => countryName(c.country, locale) },
    { key: 'email', label: t('customers.email'), sort: (c) => c.email ?? '', render: (c) => c.email },
    { key: 'phone', label: t('customers.phone'), render: (c) => c.phone },
    { key: 'preferred_channel', label: t('customers.preferredChannel'), sort: (c) => c.preferred_channel ?? '',
      render: (c) => (c.preferred_channel ? t(`channel.${c.preferred_channel}`) : '') },
    { key: 'created_at', label: t('common.created'), sort: (c) => c.created_at, render: (c) => dateTime(c.created_at, locale) },
  ];
  // behind a trend point: that day's overdue balances, after the name
  const day = drill.overdue_on;
  const owed = (c: Customer) => c.overdue_on?.balances ?? [];
  if (day) {
    columns.splice(1, 0, { key: 'overdue_on', label: t('customers.overdueOn', { date: date(day, locale) }), sort: (c) => owed(c)[0]?.amount ?? 0,
      render: (c) => <span data-overdue-on={owed(c).map((b) => `${b.currency}:${b.amount}`).join(' ')}>
        {owed(c).map((b) => money(b.amount, b.currency, locale)).join(' · ')}</span> });
  }
  return (
    <>
      <PageHeader title={t('customers.title')}>
        <ExportButton filename="customers.csv" load={() => getAll<Customer>('/v1/customers', filters)} columns={[
          { header: 'id', value: (c) => c.id }, { header: 'external_id', value: (c) => c.external_id }, { header: 'name', value: (c) => c.name },
          { header: 'country', value: (c) => c.country }, { header: 'email', value: (c) => c.email }, { header: 'phone', value: (c) => c.phone },
          { header: 'whatsapp', value: (c) => c.whatsapp }, { header: 'language', value: (c) => c.language },
          { header: 'preferred_channel', value: (c) => c.preferred_channel }, { header: 'tags', value: (c) => c.tags.join(' ') },
          ...(day ? [{ header: `overdue_on_${day}`, value: (c: Customer) => owed(c).map((b) => `${b.currency} ${plainAmount(b.amount, b.currency)}`).join(' ') }] : []),
        ]} />
      </PageHeader>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="customer-search">{t('customers.search')}</label>
          <DebouncedInput id="customer-search" type="search" value={filters.search ?? ''} onChange={(v) => set({ search: v })}
            placeholder={t('customers.searchHint')} />
        </div>
        <div>
          <label htmlFor="customer-country">{t('customers.country')}</label>
          <select id="customer-country" value={filters.country ?? ''} onChange={(e) => set({ country: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {COUNTRIES.map((c) => <option key={c} value={c}>{countryName(c, locale)}</option>)}
          </select>
        </div>
      </form>
      <DrillNote filters={drill} onClear={() => set(Object.fromEntries(Object.keys(drill).map((k) => [k, null])))} />
      <ErrorBox error={list.error} />
      <Table caption={t('customers.title')} columns={columns} rows={list.rows} rowKey={(c) => c.id} />
      {list.loading ? <Loading /> : null}
      <MoreButton hasMore={list.hasMore} onMore={list.more} busy={list.loading} />
    </>
  );
}
