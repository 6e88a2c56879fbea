// Data-subject requests: the org's access, erasure and rectification requests, overdue first, each with its law and the days
// left to answer; an admin records one, and extends, refuses or fulfils the one selected. Managers read; other roles are told.
import { useState } from 'react';
import { get } from '../app/api.ts';
import { saveBlob } from '../app/csv.ts';
import { date } from '../app/format.ts';
import { useQueryState } from '../app/router.tsx';
import { useData } from '../app/useData.ts';
import { ErrorBox, ExportButton, Loading, PageHeader } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import { RecordRequest } from './RecordRequest.tsx';
import { RequestDetail } from './RequestDetail.tsx';
import { RequestFilters } from './RequestFilters.tsx';
import { RequestsTable } from './RequestsTable.tsx';
import { useCustomerNames } from './useCustomerNames.ts';
import type { DataRequest } from './types.ts';
import './privacy.css';

interface Notice { text: string; file?: { name: string; blob: Blob } }

export function PrivacyPage() {
  const { t } = useT();
  const can = useCan();
  return (
    <>
      <PageHeader title={t('priv.title')} />
      {can.manage ? <Requests admin={can.admin} /> : <p className="notice" data-testid="managers-only">{t('priv.managersOnly')}</p>}
    </>
  );
}

function Requests({ admin }: { admin: boolean }) {
  const { t, locale } = useT();
  const [q, set] = useQueryState();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<Notice | null>(null);
  const filters = { status: q.get('status') ?? undefined, kind: q.get('kind') ?? undefined, customer_id: q.get('customer') ?? undefined };
  const list = useData(() => get<{ data: DataRequest[] }>('/v1/privacy/requests', { ...filters, limit: 1000 }).then((p) => p.data),
    `${JSON.stringify(filters)}|${version}`);
  const selectedId = q.get('request');
  const selected = useData(() => (selectedId ? get<DataRequest>(`/v1/privacy/requests/${encodeURIComponent(selectedId)}`) : Promise.resolve(null)),
    `${selectedId ?? ''}|${version}`);
  const rows = list.data ?? [];
  const names = useCustomerNames([...rows.map((r) => r.customer_id), ...(filters.customer_id ? [filters.customer_id] : []),
    ...(selected.data ? [selected.data.customer_id] : [])]);
  const nameOf = (id: string) => names.get(id) ?? id;
  const changed = (r: DataRequest, text: string) => { setNotice({ text }); set({ request: r.id }); setVersion((v) => v + 1); };

  return (
    <>
      <p className="muted">{t('priv.intro')}</p>
      {!admin ? <p className="notice" data-testid="read-only">{t('priv.readOnly')}</p> : null}
      {admin ? <RecordRequest customer={filters.customer_id ?? ''} onRecorded={(r) => changed(r,
        t('priv.recorded', { date: date(r.answer_by, locale), law: r.law }))} /> : null}
      {notice ? (
        <p className="success" role="status">{notice.text}{' '}
          {notice.file ? <button type="button" onClick={() => notice.file && saveBlob(notice.file.blob, notice.file.name)}>{t('priv.downloadAgain')}</button> : null}
        </p>
      ) : null}
      <ErrorBox error={selected.error} />
      {selected.data ? <RequestDetail request={selected.data} customer={nameOf(selected.data.customer_id)} canAct={admin}
        onDone={changed} onExport={(file) => setNotice((n) => ({ text: n?.text ?? '', file }))} /> : null}
      <section aria-labelledby="priv-list-title">
        <div className="card-head">
          <h2 id="priv-list-title">{filters.customer_id ? t('priv.forCustomer', { name: nameOf(filters.customer_id) }) : t('priv.list')}</h2>
          <ExportButton filename="data-requests.csv" load={async () => rows} columns={[
            { header: 'id', value: (r: DataRequest) => r.id }, { header: 'kind', value: (r) => r.kind }, { header: 'customer_id', value: (r) => r.customer_id },
            { header: 'rule', value: (r) => r.rule }, { header: 'received_on', value: (r) => r.received_on }, { header: 'due_on', value: (r) => r.due_on },
            { header: 'answer_by', value: (r) => r.answer_by }, { header: 'overdue', value: (r) => String(r.overdue) }, { header: 'status', value: (r) => r.status }]} />
        </div>
        <RequestFilters query={q} set={set} customerName={filters.customer_id ? nameOf(filters.customer_id) : null} />
        <ErrorBox error={list.error} />
        {list.loading && !list.data ? <Loading /> : null}
        <RequestsTable rows={rows} nameOf={nameOf} selected={selectedId} onSelect={(id) => { setNotice(null); set({ request: id }); }} />
      </section>
    </>
  );
}
