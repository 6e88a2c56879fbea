// The handover queue: conversations the agent gave to people, urgent first; the selected one with its summary and its
// conversation, and what a person does with it: take it, answer the debtor (the gate decides when it goes, except in the
// portal chat, where the answer shows on the debtor's page at once), hand it back.
import { useState, type FormEvent } from 'react';
import { api, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { Link, useQueryState } from '../app/router.tsx';
import { dateTime } from '../app/format.ts';
import { ErrorBox, Loading, PageHeader } from '../app/ui.tsx';
import { useCan, useSession } from '../sessions/session.tsx';
import { useT } from '../i18n/index.tsx';
import { Outcome, useSubmit } from '../cases/submit.tsx';
import { Conversation } from './Conversation.tsx';
import type { Handover, HandoverDetail } from './types.ts';
import './handovers.css';

function Reply({ h, onDone }: { h: HandoverDetail; onDone: () => void }) {
  const { t } = useT();
  const [text, setText] = useState('');
  const s = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // a chat answer is shown on the debtor's page, not sent: no gate to wait for
    const chat = h.channel === 'portal';
    void s.run(() => api('POST', `/v1/agent/handovers/${encodeURIComponent(h.id)}/reply`, { text }), t(chat ? 'ho.shown' : 'ho.queued'), () => { setText(''); onDone(); });
  };
  return (
    <form className="form" onSubmit={submit}>
      <label htmlFor="ho-reply">{t('ho.replyOn', { channel: t(`channel.${h.channel}`) })}</label>
      <textarea id="ho-reply" rows={3} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} />
      <p className="muted small">{t(h.channel === 'portal' ? 'ho.chatNote' : 'ho.gateNote')}</p>
      <p className="actions"><button type="submit" className="primary" disabled={s.busy || !text.trim()}>{t('ho.send')}</button></p>
      <Outcome error={s.error} done={s.done} />
    </form>
  );
}

function Detail({ id, onChange }: { id: string; onChange: () => void }) {
  const { t, locale } = useT();
  const can = useCan();
  const { me } = useSession();
  const d = useData(() => get<HandoverDetail>(`/v1/agent/handovers/${encodeURIComponent(id)}`), id);
  const s = useSubmit();
  if (d.loading && !d.data) return <Loading />;
  if (!d.data) return <ErrorBox error={d.error} />;
  const h = d.data;
  const refresh = () => { d.reload(); onChange(); };
  const mine = h.assigned_to !== null && h.assigned_to === me?.user?.id;
  return (
    <section className="handover" aria-labelledby="ho-detail-title">
      <h2 id="ho-detail-title">{h.customer_name}</h2>
      <p className="small">
        <span className={`badge badge-priority-${h.priority}`}>{t(`task.priority.${h.priority}`)}</span> {t(`ho.reason.${h.reason}`)} · {dateTime(h.created_at, locale)}
        {h.case_id ? <> · <Link to={`/cases/${h.case_id}?task=${h.task_id}`}>{t('ho.case')}</Link></> : null}
        {' · '}{h.status !== 'open' ? t('ho.closed') : mine ? t('ho.yours') : h.assigned_to ? t('ho.takenBy') : t('ho.untaken')}
      </p>
      <h3>{t('ho.summary')}</h3>
      <pre className="summary">{h.summary}</pre>
      <h3>{t('ho.conversation')}</h3>
      <Conversation lines={h.conversation} />
      {can.write && h.status === 'open' ? (
        <>
          <p className="actions">
            {!mine ? <button type="button" disabled={s.busy} onClick={() => void s.run(() => api('POST', `/v1/agent/handovers/${encodeURIComponent(h.id)}/take`), t('ho.taken'), refresh)}>{t('ho.take')}</button> : null}
            <button type="button" disabled={s.busy} onClick={() => void s.run(() => api('POST', `/v1/agent/handovers/${encodeURIComponent(h.id)}/hand-back`, {}), t('ho.handedBack'), refresh)}>{t('ho.handBack')}</button>
          </p>
          <Outcome error={s.error} done={s.done} />
          <Reply h={h} onDone={refresh} />
        </>
      ) : <Outcome error={s.error} done={s.done} />}
    </section>
  );
}

export function HandoversPage() {
  const { t, locale } = useT();
  const [q, set] = useQueryState();
  const all = q.get('status') === 'all';
  const list = useData(() => get<{ data: Handover[] }>('/v1/agent/handovers', { status: all ? 'all' : 'open' }), String(all));
  const rows = list.data?.data ?? [];
  const selected = q.get('id') ?? rows[0]?.id ?? null;
  return (
    <>
      <PageHeader title={t('ho.title')}>
        <label className="small"><input type="checkbox" checked={all} onChange={(e) => set({ status: e.target.checked ? 'all' : null, id: null })} /> {t('ho.showAll')}</label>
      </PageHeader>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : rows.length === 0 ? <p className="muted">{t('ho.empty')}</p> : (
        <div className="handovers">
          <ul className="queue" aria-label={t('ho.queue')}>
            {rows.map((h) => (
              <li key={h.id} aria-current={h.id === selected ? 'true' : undefined}>
                <button type="button" className="link" onClick={() => set({ id: h.id })}>
                  <strong>{h.customer_name}</strong>
                  <span className="small"><span className={`badge badge-priority-${h.priority}`}>{t(`task.priority.${h.priority}`)}</span> {t(`ho.reason.${h.reason}`)}</span>
                  <span className="small muted">{dateTime(h.created_at, locale)}{h.status !== 'open' ? ` · ${t('ho.closed')}` : ''}</span>
                </button>
              </li>
            ))}
          </ul>
          {selected ? <Detail key={selected} id={selected} onChange={list.reload} /> : null}
        </div>
      )}
    </>
  );
}
