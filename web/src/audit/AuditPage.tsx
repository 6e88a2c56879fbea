// The audit log, searchable: actor, action (or a family such as "webhook."), object id, dates and words; newest first, exportable.
import { getAll } from '../app/api.ts';
import { useQueryState } from '../app/router.tsx';
import { usePaged } from '../app/usePaged.ts';
import { dateTime } from '../app/format.ts';
import { DebouncedInput } from '../app/SearchInput.tsx';
import { Table } from '../app/Table.tsx';
import { ErrorBox, ExportButton, Loading, MoreButton, PageHeader } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';

interface AuditEntry { id: string; seq: number; at: string; actor: string; action: string; entity: string; entity_id: string; data: unknown }

const FILTERS = ['q', 'actor', 'action', 'entity_id', 'from', 'to'] as const;
const ACTION_FAMILIES = ['compliance.', 'org.', 'calendar.', 'credentials.', 'webhook.', 'user.', 'api_key.', 'customer.', 'invoice.', 'payment.'];

const dataText = (d: unknown) => (d && typeof d === 'object' && Object.keys(d).length ? JSON.stringify(d) : '');

export function AuditPage() {
  const { t } = useT();
  const can = useCan();
  return (
    <>
      <PageHeader title={t('audit.title')} />
      {can.manage ? <AuditSearch /> : <p className="notice">{t('audit.managersOnly')}</p>}
    </>
  );
}

function AuditSearch() {
  const { t, locale } = useT();
  const [params, setParams] = useQueryState();
  const query = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined]));
  const list = usePaged<AuditEntry>('/v1/audit', query, 100);
  const field = (k: (typeof FILTERS)[number], type = 'text') => (
    <div><label htmlFor={`audit-${k}`}>{t(`audit.${k}`)}</label>
      {type === 'date'
        ? <input id={`audit-${k}`} type="date" value={params.get(k) ?? ''} onChange={(e) => setParams({ [k]: e.target.value })} />
        : <DebouncedInput id={`audit-${k}`} type="search" value={params.get(k) ?? ''} onChange={(v) => setParams({ [k]: v })}
          {...(k === 'action' ? { list: 'audit-actions' } : {})} />}
    </div>
  );
  return (
    <section className="card" aria-labelledby="audit-results">
      <h2 id="audit-results" className="visually-hidden">{t('audit.results')}</h2>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        {field('q')}{field('actor')}{field('action')}{field('entity_id')}{field('from', 'date')}{field('to', 'date')}
        <datalist id="audit-actions">{ACTION_FAMILIES.map((a) => <option key={a} value={a} />)}</datalist>
        <div><button type="button" onClick={() => setParams(Object.fromEntries(FILTERS.map((k) => [k, null])))}>{t('common.clearFilters')}</button></div>
        <div className="end"><ExportButton filename="audit.csv" load={() => getAll<AuditEntry>('/v1/audit', query)} columns={[
          { header: 'seq', value: (e) => e.seq }, { header: 'at', value: (e) => e.at }, { header: 'actor', value: (e) => e.actor },
          { header: 'action', value: (e) => e.action }, { header: 'entity', value: (e) => e.entity }, { header: 'entity_id', value: (e) => e.entity_id },
          { header: 'data', value: (e) => dataText(e.data) }]} /></div>
      </form>
      <p className="muted small" data-testid="audit-count">{t('common.shown', { n: list.rows.length })}</p>
      <ErrorBox error={list.error} />
      {list.loading && list.rows.length === 0 ? <Loading /> : null}
      <Table caption={t('audit.title')} rows={list.rows} rowKey={(e) => e.id} initialSort={{ key: 'seq', dir: 'desc' }} columns={[
        { key: 'seq', label: '#', numeric: true, sort: (e) => e.seq, render: (e) => e.seq },
        { key: 'at', label: t('audit.at'), sort: (e) => e.at, render: (e) => dateTime(e.at, locale) },
        { key: 'actor', label: t('audit.actor'), sort: (e) => e.actor, render: (e) => <code>{e.actor}</code> },
        { key: 'action', label: t('audit.action'), sort: (e) => e.action, render: (e) => <code>{e.action}</code> },
        { key: 'object', label: t('audit.object'), sort: (e) => `${e.entity} ${e.entity_id}`, render: (e) => <>{e.entity} <code>{e.entity_id}</code></> },
        { key: 'data', label: t('audit.data'), render: (e) => <span className="small">{dataText(e.data)}</span> },
      ]} />
      <MoreButton hasMore={list.hasMore} onMore={list.more} busy={list.loading} />
    </section>
  );
}
