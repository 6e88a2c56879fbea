// Webhooks out: admins subscribe URLs to events (the signing secret is shown once), enable, disable and delete them.
import { useState, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { dateTime } from '../app/format.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import { ListTable } from './ListTable.tsx';
import { Secret } from './Secret.tsx';
import { WebhookEvents } from './WebhookEvents.tsx';
import { EVENT_TYPES, type WebhookEndpoint } from './types.ts';

export function Webhooks() {
  const { t } = useT();
  const can = useCan();
  if (!can.admin) return <section className="card"><h2>{t('set.nav.webhooks')}</h2><p className="notice">{t('set.adminsOnly')}</p></section>;
  return <><Endpoints /><WebhookEvents /></>;
}

function Endpoints() {
  const { t, locale } = useT();
  const list = useData(() => get<{ data: WebhookEndpoint[] }>('/v1/webhook-endpoints'), 'webhook-endpoints');
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const act = async (fn: () => Promise<unknown>) => { setError(null); try { await fn(); list.reload(); } catch (err) { setError(err as Error); } };
  const add = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const made = await api<WebhookEndpoint & { secret: string }>('POST', '/v1/webhook-endpoints',
        { url: url.trim(), event_types: types.length ? types : ['*'], ...(description.trim() ? { description: description.trim() } : {}) });
      setSecret(made.secret);
      setUrl('');
      setDescription('');
      setTypes([]);
    });
  };
  const toggle = (ep: WebhookEndpoint) => act(() => api('PATCH', `/v1/webhook-endpoints/${ep.id}`, { enabled: !ep.enabled }));
  const remove = (ep: WebhookEndpoint) => {
    if (window.confirm(t('set.wh.deleteConfirm', { url: ep.url }))) void act(() => api('DELETE', `/v1/webhook-endpoints/${ep.id}`));
  };
  const pick = (type: string, on: boolean) => setTypes(on ? [...types, type] : types.filter((x) => x !== type));
  return (
    <section className="card" aria-labelledby="wh-title">
      <h2 id="wh-title">{t('set.wh.title')}</h2>
      <form onSubmit={add}>
        <div className="filters">
          <div><label htmlFor="wh-url">{t('set.wh.url')}</label><input id="wh-url" type="url" required size={40} maxLength={2000} value={url} onChange={(e) => setUrl(e.target.value)} /></div>
          <div><label htmlFor="wh-description">{t('set.wh.description')}</label><input id="wh-description" maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} /></div>
          <div className="end"><button type="submit" className="primary">{t('set.wh.add')}</button></div>
        </div>
        <fieldset className="filters"><legend>{t('set.wh.types')}</legend>
          <p className="muted small">{t('set.wh.typesHint')}</p>
          {EVENT_TYPES.map((type) => (
            <label key={type}><input type="checkbox" checked={types.includes(type)} onChange={(e) => pick(type, e.target.checked)} /> <code>{type}</code></label>))}
        </fieldset>
      </form>
      {secret ? <Secret label={t('set.wh.newSecret')} value={secret} onDone={() => setSecret(null)} /> : null}
      <ErrorBox error={error ?? list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      <ListTable id="webhook-endpoints" caption={t('set.wh.title')} rows={list.data?.data ?? []} rowKey={(ep) => ep.id}
        text={(ep) => `${ep.url} ${ep.description ?? ''} ${ep.event_types.join(' ')}`}
        columns={[
          { key: 'url', label: t('set.wh.url'), sort: (ep) => ep.url, render: (ep) => <><code>{ep.url}</code>{ep.description ? <div className="muted small">{ep.description}</div> : null}</> },
          { key: 'types', label: t('set.wh.types'), render: (ep) => ep.event_types.join(', ') },
          { key: 'secret', label: t('set.wh.secret'), render: (ep) => <code>{ep.secret_hint}</code> },
          { key: 'enabled', label: t('set.ch.state'), sort: (ep) => (ep.enabled ? 0 : 1), render: (ep) => (ep.enabled ? t('set.wh.enabled') : t('set.wh.disabled')) },
          { key: 'created', label: t('common.created'), sort: (ep) => ep.created_at, render: (ep) => dateTime(ep.created_at, locale) },
          { key: 'actions', label: t('set.actions'), render: (ep) => (
            <span className="actions">
              <button type="button" onClick={() => void toggle(ep)}>{ep.enabled ? t('set.wh.disable') : t('set.wh.enable')}</button>
              <button type="button" onClick={() => remove(ep)}>{t('set.wh.delete')}</button>
            </span>) },
        ]}
        csv={[{ header: 'id', value: (ep) => ep.id }, { header: 'url', value: (ep) => ep.url }, { header: 'description', value: (ep) => ep.description },
          { header: 'event_types', value: (ep) => ep.event_types.join(' ') }, { header: 'enabled', value: (ep) => (ep.enabled ? 'yes' : 'no') },
          { header: 'created_at', value: (ep) => ep.created_at }]} />
    </section>
  );
}
