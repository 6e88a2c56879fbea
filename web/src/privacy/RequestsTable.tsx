// The requests as a table: kind, customer, law, received, the date to answer by with the days left (overdue marked), status.
import { date } from '../app/format.ts';
import { Link } from '../app/router.tsx';
import { Table } from '../app/Table.tsx';
import { useT } from '../i18n/index.tsx';
import { StatusText } from './StatusText.tsx';
import { dueText } from './dueText.ts';
import type { DataRequest } from './types.ts';

interface Props { rows: DataRequest[]; nameOf: (customerId: string) => string; selected: string | null; onSelect: (id: string) => void }

export function RequestsTable({ rows, nameOf, selected, onSelect }: Props) {
  const { t, locale } = useT();
  return (
    <Table caption={t('priv.list')} rows={rows} rowKey={(r) => r.id} empty={t('priv.none')} columns={[
      { key: 'kind', label: t('priv.kind'), sort: (r) => r.kind, render: (r) => t(`priv.kind.${r.kind}`) },
      { key: 'customer', label: t('priv.customer'), sort: (r) => nameOf(r.customer_id),
        render: (r) => <Link to={`/customers/${encodeURIComponent(r.customer_id)}`}>{nameOf(r.customer_id)}</Link> },
      { key: 'law', label: t('priv.law'), sort: (r) => r.rule, render: (r) => <abbr title={r.law}>{r.rule}</abbr> },
      { key: 'received', label: t('priv.received'), sort: (r) => r.received_at, render: (r) => date(r.received_on, locale) },
      { key: 'answer_by', label: t('priv.due'), sort: (r) => r.answer_by, render: (r) => (
        <span className={r.overdue ? 'is-overdue' : undefined} data-due={r.answer_by}>
          {date(r.answer_by, locale)}{r.extended_to ? <span className="muted small"> ({t('priv.extendedShort')})</span> : null}
          <br /><span className="small">{dueText(r, t)}</span>
        </span>) },
      { key: 'status', label: t('priv.status'), sort: (r) => r.status, render: (r) => <StatusText request={r} /> },
      { key: 'open', label: '', render: (r) => (
        <button type="button" className="chip" aria-pressed={selected === r.id} onClick={() => onSelect(r.id)}
          aria-label={t('priv.showNamed', { kind: t(`priv.kind.${r.kind}`), customer: nameOf(r.customer_id) })}>{t('priv.show')}</button>) },
    ]} />
  );
}
