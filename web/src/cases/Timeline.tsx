// The case's one timeline, newest first: messages with their delivery state and rendered words, replies, payments, promises,
// plans, disputes, calls, notes, tasks, the strategy's steps and the agent's decisions; filtered by what they are about.
import { useState } from 'react';
import { get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { date, dateTime, money } from '../app/format.ts';
import { useT, type Translate } from '../i18n/index.tsx';
import { messageText } from './messageText.ts';
import { inlineImages } from './messageImages.ts';
import { TemplateWording } from './TemplateWording.tsx';
import { engineText, heldText } from './engineText.ts';
import { acceptText, disputeText } from './disputeText.ts';
import { Link } from '../app/router.tsx';
import { ReplyFiles } from './ReplyFiles.tsx';
import type { CaseEvent, MessageView } from './types.ts';

const GROUPS = ['all', 'messages', 'people', 'arrangements', 'payments', 'engine', 'agent'] as const;
type Group = (typeof GROUPS)[number];

export function groupOf(kind: string): Exclude<Group, 'all'> {
  if (kind.startsWith('message_') || kind === 'reply_received') return 'messages';
  if (kind.startsWith('payment_')) return 'payments';
  if (kind.startsWith('agent')) return 'agent';
  if (['call_logged', 'call_received', 'call_missed', 'note_added', 'task_completed', 'task_created', 'callback_set', 'case_paused', 'case_resumed', 'case_escalated', 'strategy_changed'].includes(kind)) return 'people';
  if (/^(promise|plan|extension|discount|dispute)_/.test(kind)) return 'arrangements';
  return 'engine';
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** The entry in the user's words where cobro knows its shape (the engine's own in engineText.ts); the server's sentence otherwise. */
function summary(e: CaseEvent, t: Translate, locale: string, lang: string): string {
  const d = e.data;
  switch (e.kind) {
    case 'call_logged': return t(`call.outcome.${str(d.outcome) ?? 'right_party'}`);
    case 'call_missed': return ['not_answered', 'hung_up', 'no_person', 'voicemail', 'no_outcome', 'not_accepted'].includes(str(d.reason) ?? '') ? t(`tl.missed.${str(d.reason)}`) : e.reason;
    case 'note_added':
    case 'call_received':
      return '';
    case 'case_paused': return t('tl.paused', { date: dateTime(str(d.until), locale) });
    case 'callback_set': return t('tl.callback', { date: dateTime(str(d.due_at), locale) });
    case 'strategy_changed': return t('tl.strategy', { from: str(d.from) ?? '—', to: str(d.to) ?? '—' });
    case 'payment_received':
    case 'payment_reversed':
      return typeof d.amount === 'number' && str(d.currency) ? `${money(d.amount, str(d.currency)!, locale)} · ${date(str(d.date), locale)}` : e.reason;
    case 'promise_made':
      return typeof d.amount === 'number' && str(d.currency) ? t('tl.promise', { amount: money(d.amount, str(d.currency)!, locale), date: date(str(d.due_date), locale) }) : e.reason;
    case 'plan_created': {
      const regular = Array.isArray(d.instalments) ? d.instalments.filter((i: { seq?: number }) => (i.seq ?? 0) > 0).length : 0;
      return typeof d.total === 'number' && str(d.currency) ? t('tl.plan', { total: money(d.total, str(d.currency)!, locale), n: regular }) : e.reason;
    }
    // the server wrote these in the org's language: the reader's own, from their data
    case 'payment_dispute_opened':
    case 'payment_dispute_escalated':
    case 'payment_dispute_closed':
      return disputeText(e, t, locale) ?? e.reason;
    case 'payment_in_flight': return heldText(e, t, locale) ?? e.reason;
    case 'payment_accept_requested': return acceptText(e, t, locale) ?? e.reason;
    case 'task_completed':
    case 'case_resumed':
    case 'case_escalated':
      return '';
    // in English the server's own sentence says more (why a step was due, which condition failed); translated otherwise
    default: return (lang === 'en' ? null : engineText(e, t, locale)) ?? e.reason;
  }
}

function MessageBody({ m }: { m: MessageView }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const text = messageText(m.content);
  const images = inlineImages(m.id, m.content);
  if (!text.body && !text.subject) return m.reason ? <p className="muted small">{m.reason}</p> : null;
  return (
    <>
      <button type="button" className="chip" aria-expanded={open} onClick={() => setOpen((o) => !o)}>{open ? t('msg.hide') : t('msg.show')}</button>
      {open ? (
        <div className="message-preview">
          {m.address ? <p className="muted small">{m.address}</p> : null}
          {text.subject ? <p><strong>{text.subject}</strong></p> : null}
          <pre>{text.body}</pre>
          {images.map((i) => <img key={i.cid} className="message-image" src={i.src} alt={i.alt} width={220} height={220} loading="lazy" />)}
        </div>
      ) : null}
    </>
  );
}

/** `who` names an actor (`user:usr_...`) the viewer may know, or gives null to leave it out. */
export function Timeline({ entries, customerId, version, who }: { entries: CaseEvent[]; customerId: string; version: number; who: (actor: string) => string | null }) {
  const { t, locale, lang } = useT();
  const [group, setGroup] = useState<Group>('all');
  const messages = useData(() => get<{ data: MessageView[] }>('/v1/messages', { customer_id: customerId, limit: 500 }), `${customerId}|${version}`);
  const byId = new Map((messages.data?.data ?? []).map((m) => [m.id, m]));
  const shown = [...entries].reverse().filter((e) => group === 'all' || groupOf(e.kind) === group);
  const label = (kind: string) => {
    const key = kind.startsWith('agent') ? 'tl.kind.agent' : `tl.kind.${kind}`;
    const text = t(key);
    return text === key ? kind.replace(/_/g, ' ') : text;
  };
  return (
    <section className="card" aria-labelledby="timeline-title">
      <div className="card-head">
        <h2 id="timeline-title">{t('tl.title')}</h2>
        <div>
          <label htmlFor="timeline-group" className="inline">{t('tl.filter')}</label>{' '}
          <select id="timeline-group" value={group} onChange={(e) => setGroup(e.target.value as Group)}>
            {GROUPS.map((g) => <option key={g} value={g}>{t(`tl.group.${g}`)}</option>)}
          </select>
        </div>
      </div>
      {shown.length === 0 ? <p className="muted">{t('tl.empty')}</p> : (
        <ol className="timeline" data-testid="timeline">
          {shown.map((e) => {
            const m = str(e.data.message_id) ? byId.get(str(e.data.message_id)!) : undefined;
            const note = str(e.data.note);
            const by = str(e.data.by) ? who(str(e.data.by)!) : null;
            const text = summary(e, t, locale, lang);
            return (
              <li key={e.id} data-kind={e.kind} className={`tl-${groupOf(e.kind)}`}>
                <time dateTime={e.at} className="muted small">{dateTime(e.at, locale)}</time>
                <div>
                  <strong>{label(e.kind)}</strong>
                  {m ? <> <span className={`badge badge-msg-${m.status}`}>{t(`msg.status.${m.status}`)}</span> {t(`channel.${m.channel}`)}{m.template ? ` · ${m.template}` : ''}</> : null}
                  {text && !m ? <span> — {text}</span> : null}
                  {by ? <span className="muted small"> · {t('tl.by', { who: by })}</span> : null}
                  {note ? <p className="note">{note}</p> : null}
                  {e.kind === 'reply_received' ? <ReplyFiles entry={e} /> : null}
                  {(e.kind === 'payment_dispute_opened' || e.kind === 'payment_dispute_escalated') && ['stripe', 'adyen', 'paypal', 'mercadopago'].includes(str(e.data.provider) ?? '') && str(e.data.dispute_id)
                    ? <p><Link to={`/disputes/${encodeURIComponent(str(e.data.dispute_id)!)}/evidence?provider=${str(e.data.provider)}`} data-testid="tl-evidence">{t('ev.answer')}</Link></p> : null}
                  {m ? <MessageBody m={m} /> : null}
                  {str(e.data.org_template_version_id) && str(e.data.message_id)
                    ? <TemplateWording messageId={str(e.data.message_id)!} version={typeof e.data.org_template_version === 'number' ? e.data.org_template_version : null} /> : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
