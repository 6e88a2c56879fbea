// The events sent to webhooks, newest first: pick one to see its deliveries with every attempt, and replay it.
import { useState } from 'react';
import { api, get, getAll } from '../app/api.ts';
import { usePaged } from '../app/usePaged.ts';
import { useData } from '../app/useData.ts';
import { dateTime } from '../app/format.ts';
import { Table } from '../app/Table.tsx';
import { ErrorBox, ExportButton, Loading, MoreButton } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { ListTable } from './ListTable.tsx';
import { EVENT_TYPES, type Delivery, type WebhookEvent } from './types.ts';

export function WebhookEvents() {
  const { t, locale } = useT();
  const [type, setType] = useState('');
  const [picked, setPicked] = useState<WebhookEvent | null>(null);
  const events = usePaged<WebhookEvent>('/v1/events', { type: type || undefined }, 50);
  return (
    <section className="card" aria-labelledby="ev-title">
      <h2 id="ev-title">{t('set.ev.title')}</h2>
      <div className="filters">
        <div><label htmlFor="ev-type">{t('set.ev.type')}</label>
          <select id="ev-type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {EVENT_TYPES.map((x) => <option key={x} value={x}>{x}</option>)}
          </select></div>
        <div className="end"><ExportButton filename="events.csv" load={() => getAll<WebhookEvent>('/v1/events', { type: type || undefined })}
          columns={[{ header: 'id', value: (e) => e.id }, { header: 'type', value: (e) => e.type }, { header: 'subject', value: (e) => e.subject },
            { header: 'customer_id', value: (e) => e.customer_id }, { header: 'created_at', value: (e) => e.created_at }]} /></div>
      </div>
      <ErrorBox error={events.error} />
      <Table caption={t('set.ev.title')} rows={events.rows} rowKey={(e) => e.id} columns={[
        { key: 'created', label: t('set.ev.at'), sort: (e) => e.created_at, render: (e) => dateTime(e.created_at, locale) },
        { key: 'type', label: t('set.ev.type'), sort: (e) => e.type, render: (e) => <code>{e.type}</code> },
        { key: 'subject', label: t('set.ev.subject'), sort: (e) => e.subject ?? '', render: (e) => e.subject ?? '' },
        { key: 'open', label: t('set.actions'), render: (e) => (
          <button type="button" aria-pressed={picked?.id === e.id} onClick={() => setPicked(e)}>{t('set.ev.deliveries')}</button>) },
      ]} />
      <MoreButton hasMore={events.hasMore} onMore={events.more} busy={events.loading} />
      {picked ? <Deliveries event={picked} /> : null}
    </section>
  );
}

function Deliveries({ event }: { event: WebhookEvent }) {
  const { t, locale } = useT();
  const list = useData(() => get<{ data: Delivery[] }>(`/v1/events/${event.id}/deliveries`), `deliveries-${event.id}`);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const replay = async (endpointId?: string) => {
    setError(null);
    try {
      const r = await api<{ deliveries: string[] }>('POST', `/v1/events/${event.id}/replay`, endpointId ? { endpoint_id: endpointId } : {});
      setNote(t('set.ev.replayed', { n: r.deliveries.length }));
      list.reload();
    } catch (err) { setError(err as Error); }
  };
  return (
    <div aria-live="polite">
      <div className="card-head">
        <h3>{t('set.ev.deliveriesOf', { type: event.type, id: event.id })}</h3>
        <button type="button" onClick={() => void replay()}>{t('set.ev.replayAll')}</button>
      </div>
      {note ? <p className="success" role="status">{note}</p> : null}
      <ErrorBox error={error ?? list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      <ListTable id={`deliveries-${event.id}`} caption={t('set.ev.deliveries')} rows={list.data?.data ?? []} rowKey={(d) => d.id}
        text={(d) => `${d.endpoint_id} ${d.status} ${d.last_error ?? ''} ${d.last_response_code ?? ''}`}
        csv={[{ header: 'id', value: (d) => d.id }, { header: 'endpoint_id', value: (d) => d.endpoint_id }, { header: 'status', value: (d) => d.status },
          { header: 'replay', value: (d) => (d.replay ? 'yes' : 'no') }, { header: 'attempts', value: (d) => d.attempts },
          { header: 'last_response_code', value: (d) => d.last_response_code }, { header: 'last_error', value: (d) => d.last_error },
          { header: 'next_attempt_at', value: (d) => (d.status === 'pending' ? d.next_attempt_at : '') }]}
        columns={[
        { key: 'endpoint', label: t('set.ev.endpoint'), sort: (d) => d.endpoint_id, render: (d) => <code>{d.endpoint_id}</code> },
        { key: 'status', label: t('set.ch.state'), sort: (d) => d.status, render: (d) => `${d.status}${d.replay ? ` (${t('set.ev.replay')})` : ''}` },
        { key: 'attempts', label: t('set.ev.attempts'), numeric: true, sort: (d) => d.attempts, render: (d) => (
          <>{d.attempts}<ol className="attempts">{d.attempt_log.map((a) => (
            <li key={a.attempt}>{dateTime(a.at, locale)} · {a.status} · {a.response_code ?? '—'} · {a.duration_ms} ms{a.error ? ` · ${a.error}` : ''}</li>))}</ol></>) },
        { key: 'next', label: t('set.ev.next'), sort: (d) => d.next_attempt_at, render: (d) => (d.status === 'pending' ? dateTime(d.next_attempt_at, locale) : '') },
        { key: 'actions', label: t('set.actions'), render: (d) => <button type="button" onClick={() => void replay(d.endpoint_id)}>{t('set.ev.replayOne')}</button> },
      ]} />
    </div>
  );
}
