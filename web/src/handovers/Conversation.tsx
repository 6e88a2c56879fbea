// The conversation of a handover, oldest first: the debtor's replies with what the agent read (and a way to correct it),
// the agent's and people's answers with their state.
import { useState } from 'react';
import { api } from '../app/api.ts';
import { dateTime } from '../app/format.ts';
import { useCan } from '../sessions/session.tsx';
import { useT } from '../i18n/index.tsx';
import { Outcome, useSubmit } from '../cases/submit.tsx';
import { INTENTS, type Line } from './types.ts';

function Correct({ line }: { line: Line }) {
  const { t } = useT();
  const [intent, setIntent] = useState(line.intent ?? 'other');
  const s = useSubmit();
  return (
    <form className="row" onSubmit={(e) => { e.preventDefault(); void s.run(() => api('POST', `/v1/agent/replies/${encodeURIComponent(line.id)}/correction`, { intent }), t('ho.corrected')); }}>
      <label htmlFor={`fix-${line.id}`} className="small">{t('ho.rightIntent')}</label>
      <select id={`fix-${line.id}`} value={intent} onChange={(e) => setIntent(e.target.value)}>
        {INTENTS.map((i) => <option key={i} value={i}>{t(`intent.${i}`)}</option>)}
      </select>
      <button type="submit" disabled={s.busy}>{t('ho.correct')}</button>
      <Outcome error={s.error} done={s.done} />
    </form>
  );
}

export function Conversation({ lines }: { lines: Line[] }) {
  const { t, locale } = useT();
  const can = useCan();
  if (lines.length === 0) return <p className="muted">{t('ho.noConversation')}</p>;
  return (
    <ol className="conversation" aria-label={t('ho.conversation')}>
      {lines.map((l) => (
        <li key={l.id} className={`line line-${l.direction}`} data-line={l.by}>
          <p className="small muted">
            {t(`ho.by.${l.by}`)} · {t(`channel.${l.channel}`)} · {dateTime(l.at, locale)}
            {l.status ? ` · ${t(`ho.status.${l.status}`)}` : ''}
          </p>
          <p className="text">{l.text || '—'}</p>
          {l.direction === 'in' && l.intent ? (
            <p className="small">{t('ho.read', { intent: t(`intent.${l.intent}`), confidence: Math.round((l.confidence ?? 0) * 100) })}
              {l.action ? ` · ${l.action.replace(/_/g, ' ')}` : ''}</p>
          ) : null}
          {l.direction === 'in' && can.write ? <Correct line={l} /> : null}
        </li>
      ))}
    </ol>
  );
}
