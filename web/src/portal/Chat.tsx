// The chat with the collections agent: the conversation as a live log (newest last), a labelled box where Enter sends,
// the payment offered as a button, and a note while a person has the conversation. Answers arrive pushed as they are
// recorded (chat-stream.ts); only while the stream is down does the page ask again itself, less often as nothing changes.
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { call, PortalError } from './api.ts';
import { followChat, type ChatUpdate } from './chat-stream.ts';
import type { Account, ChatLine, ChatPosted, ChatView } from './types.ts';
import { useWords } from './texts/index.tsx';

/** While the stream is down and an answer is awaited (the agent's queue, or a person): the first wait, doubled up to `max` while nothing changes. */
const POLL_MS = { pending: 4_000, person: 15_000, max: 60_000 } as const;

/** The view with a pushed update: the whole chat again, or the new lines added once each after it (the server sends them in
 * the order recorded, and the whole chat instead when one recorded late sorts before lines the page has). */
function merged(v: ChatView | null, u: ChatUpdate, cursor: string | null): ChatView {
  const known = new Set(v?.data.map((l) => l.id) ?? []);
  const data = u.reset || !v ? u.lines : [...v.data, ...u.lines.filter((l) => !known.has(l.id))];
  return { data, agent: u.agent, with_person: u.with_person, pending: u.pending, cursor };
}

function PayButton({ account }: { account: Account }) {
  const w = useWords();
  const [busy, setBusy] = useState(false);
  const main = account.totals[0];
  if (!main) return null;
  if (!account.online_payment) {
    // no gateway: the page's own pay section says so and offers a promise instead
    const open = () => {
      const toggle = document.querySelector<HTMLButtonElement>('#pay-heading button');
      if (toggle && toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
      toggle?.focus();
    };
    return <button type="button" className="link" onClick={open}>{w.t('chat.pay')}</button>;
  }
  const pay = () => {
    setBusy(true);
    call<{ url: string }>('POST', '/portal/api/pay', { currency: main.currency }).then((link) => location.assign(link.url), () => setBusy(false));
  };
  return <button type="button" className="primary" onClick={pay} disabled={busy}>{w.t('chat.pay')} · {w.money(main.balance, main.currency)}</button>;
}

function Line({ line, account }: { line: ChatLine; account: Account }) {
  const w = useWords();
  const who = line.author === 'debtor' ? w.t('chat.you') : line.author === 'agent' ? w.t('chat.agent') : w.t('chat.person', { org: w.org });
  return (
    <li className={`chat-line ${line.author}`}>
      <span className="chat-who">{who}</span>
      <p>{line.text}</p>
      {line.pay ? <PayButton account={account} /> : null}
    </li>
  );
}

export function Chat({ account, onChanged }: { account: Account; onChanged: () => void }) {
  const w = useWords();
  const [view, setView] = useState<ChatView | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const log = useRef<HTMLOListElement>(null);
  const [loaded, setLoaded] = useState(false);
  const [live, setLive] = useState(false);
  const changed = useRef(onChanged);
  changed.current = onChanged;
  // where the stream takes up: the chat's cursor as last read (the whole chat when the page has none)
  const lastId = useRef<string | null>(null);
  lastId.current = view?.cursor ?? null;
  const load = useCallback(() => call<ChatView>('GET', '/portal/api/chat').then(setView, () => setError(w.t('error.generic'))), [w]);
  useEffect(() => { void load().finally(() => setLoaded(true)); }, [load]);
  // once the chat is read and has a line (answers come only to what the debtor wrote), the stream takes over from its
  // last line: a visit that never chats holds no stream
  const talking = loaded && (view?.data.length ?? 0) > 0;
  useEffect(() => {
    if (!talking) return undefined;
    return followChat(lastId.current, {
      onChat: (u, cursor) => {
        setView((v) => merged(v, u, cursor));
        // what the agent or a person did (a promise, a plan) shows on the rest of the page
        if (u.lines.some((l) => l.author !== 'debtor')) changed.current();
      },
      onEnd: () => { setLive(false); changed.current(); },
      onLive: setLive,
    });
  }, [talking]);
  const waits = useRef(0);
  useEffect(() => { waits.current = 0; }, [view?.data.length, view?.pending, view?.with_person]);
  useEffect(() => {
    if (live || !view || !(view.pending || view.with_person)) return undefined;
    const first = view.pending ? POLL_MS.pending : POLL_MS.person;
    const timer = setTimeout(() => { waits.current += 1; void load(); }, Math.min(first * 2 ** waits.current, POLL_MS.max));
    return () => clearTimeout(timer);
  }, [view, load, live]);
  useEffect(() => { log.current?.lastElementChild?.scrollIntoView({ block: 'nearest' }); }, [view?.data.length]);
  const send = async () => {
    const words = text.trim();
    if (!words || busy) { setError(words ? null : w.t('chat.error.text')); return; }
    setBusy(true);
    setError(null);
    try {
      const posted = await call<ChatPosted>('POST', '/portal/api/chat', { text: words });
      setView(posted);
      setText('');
      // what the agent did (a promise, a plan, a dispute) shows on the rest of the page
      if (posted.answers.length > 0) onChanged();
    } catch (e) {
      setError(e instanceof PortalError && e.field === 'text' ? w.t('chat.error.text') : w.t('error.generic'));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => { e.preventDefault(); void send(); };
  const keys = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) { e.preventDefault(); void send(); }
  };
  const status = !view ? '' : !view.agent ? (view.data.length ? w.t('chat.off', { org: w.org }) : '')
    : view.with_person ? w.t('chat.withPerson', { org: w.org }) : view.pending ? w.t('chat.pending') : '';
  return (
    <section className="card chat" aria-labelledby="chat-heading">
      <h2 id="chat-heading">{w.t('chat.title')}</h2>
      <p className="hint">{w.t('chat.intro', { org: w.org })}</p>
      <ol className="chat-log" role="log" aria-live="polite" aria-label={w.t('chat.log', { org: w.org })} ref={log} tabIndex={0}>
        {view && view.data.length === 0 ? <li className="chat-empty muted">{w.t('chat.empty')}</li> : null}
        {view?.data.map((l) => <Line key={l.id} line={l} account={account} />)}
      </ol>
      <p role="status" className="hint chat-status">{status}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="chat-text">{w.t('chat.label')}</label>
        <textarea id="chat-text" rows={2} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={keys}
          aria-describedby="chat-hint" autoComplete="off" />
        <p className="hint" id="chat-hint">{w.t('chat.hint')}</p>
        <button type="submit" className="primary" disabled={busy}>{busy ? w.t('chat.sending') : w.t('chat.send')}</button>
        {error ? <p role="alert" className="error">{error}</p> : null}
      </form>
    </section>
  );
}
