// The account's history, read-only: promises and plans that ended and how, disputes with their outcome and the file the
// debtor sent, newest first, with money and dates in the debtor's locale (dates already in their time zone).
import { useEffect, useState } from 'react';
import { call, download } from './api.ts';
import type { Account } from './types.ts';
import type { History as HistoryData, HistoryKind } from './history-types.ts';
import { failureText, useWords, type Words } from './texts/index.tsx';

const FREQUENCY = { weekly: 'plan.weekly', biweekly: 'plan.biweekly', monthly: 'plan.monthly' } as const;
const REASON = { not_mine: 'reason.not_mine', wrong_amount: 'reason.wrong_amount', already_paid: 'reason.already_paid',
  goods_or_service: 'reason.goods_or_service', duplicate: 'reason.duplicate', other: 'reason.other' } as const;

/** A file's size in kilobytes (at least 1), in the locale's way of writing numbers. */
const fileSize = (w: Words, bytes: number) =>
  new Intl.NumberFormat(w.locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)));

function Promises({ rows }: { rows: HistoryData['promises'] }) {
  const w = useWords();
  const outcome = (p: HistoryData['promises'][number]) => {
    const date = w.day(p.ended_on ?? '');
    if (p.status === 'cancelled') return w.t(p.cancelled_by_you ? 'history.promise.cancelledByYou' : 'history.promise.cancelled', { date });
    return w.t(`history.promise.${p.status}`, { paid: w.money(p.paid ?? 0, p.currency) });
  };
  return (
    <ul className="plain history-list">
      {rows.map((p) => (
        <li key={p.id} data-history={p.status}>
          {w.t(p.kind === 'extension' ? 'history.extension' : 'history.promise', { amount: w.money(p.amount, p.currency), date: w.day(p.due_date), made: w.day(p.made_on) })}
          <span className="block small muted">{outcome(p)}</span>
        </li>
      ))}
    </ul>
  );
}

function Plans({ rows }: { rows: HistoryData['plans'] }) {
  const w = useWords();
  return (
    <ul className="plain history-list">
      {rows.map((p) => {
        const vars = { date: w.day(p.ended_on ?? ''), paid: w.money(p.paid, p.currency) };
        const key = p.status === 'cancelled' && p.cancelled_by_you ? 'history.plan.cancelledByYou' : `history.plan.${p.status}` as const;
        return (
          <li key={p.id} data-history={p.status}>
            {w.t('history.plan', { total: w.money(p.total, p.currency), count: p.instalment_count,
              frequency: w.t(FREQUENCY[p.frequency as keyof typeof FREQUENCY] ?? 'plan.monthly'), date: w.day(p.made_on) })}
            <span className="block small muted">{w.t(key, vars)}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** The file the debtor sent, named, with a button that fetches it again (with the token header) and saves it. */
function SentFile({ dispute, file }: { dispute: string; file: NonNullable<HistoryData['disputes'][number]['attachment']> }) {
  const w = useWords();
  const [error, setError] = useState<string | null>(null);
  const save = () => download(`/portal/api/disputes/${encodeURIComponent(dispute)}/attachment`, file.filename)
    .then(() => setError(null), (e: unknown) => setError(failureText(w, e)));
  return (
    <span className="block small">
      {w.t('history.file', { name: file.filename, size: fileSize(w, file.size) })}{' '}
      <button type="button" className="link" aria-label={w.t('history.fileDownload', { name: file.filename })} onClick={() => void save()}>
        {w.t('history.fileDownloadShort')}
      </button>
      {error ? <span role="alert" className="block error">{error}</span> : null}
    </span>
  );
}

function Disputes({ rows }: { rows: HistoryData['disputes'] }) {
  const w = useWords();
  return (
    <ul className="plain history-list">
      {rows.map((d) => (
        <li key={d.id} data-history={d.status}>
          {w.t('history.dispute', { reason: w.t(REASON[d.reason as keyof typeof REASON] ?? 'reason.other'), amount: w.money(d.amount, d.currency),
            date: w.day(d.opened_on) })}
          <span className="block small muted">{w.t(`history.dispute.${d.status}`, { date: w.day(d.resolved_on ?? '') })}</span>
          {d.attachment ? <SentFile dispute={d.id} file={d.attachment} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** "Show more ..." under a kind with older rows: fetches the page after its cursor; the caller appends it. */
function ShowMore({ kind, cursor, onPage }: { kind: HistoryKind; cursor: string | null; onPage: (page: { data: unknown[]; next: string | null }) => void }) {
  const w = useWords();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!cursor) return null;
  const more = () => {
    setBusy(true);
    call<{ data: unknown[]; next: string | null }>('GET', `/portal/api/history/${kind}?before=${encodeURIComponent(cursor)}`)
      .then((page) => { setError(null); onPage(page); }, (e: unknown) => setError(failureText(w, e)))
      .finally(() => setBusy(false));
  };
  return (
    <p>
      <button type="button" disabled={busy} aria-busy={busy} onClick={more}>{w.t(`history.more.${kind}`)}</button>
      {error ? <span role="alert" className="block error">{error}</span> : null}
    </p>
  );
}

/** Loaded when opened, and again whenever the account is reloaded (after a cancellation, say); older pages on request. */
export function History({ account }: { account: Account }) {
  const w = useWords();
  const [data, setData] = useState<HistoryData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call<HistoryData>('GET', '/portal/api/history').then((h) => { setData(h); setError(null); }, (e: unknown) => setError(failureText(w, e)));
  }, [account]); // eslint-disable-line react-hooks/exhaustive-deps
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!data) return <p role="status">{w.t('history.loading')}</p>;
  if (!data.promises.length && !data.plans.length && !data.disputes.length) return <p>{w.t('history.empty')}</p>;
  // the page's rows are of the kind asked for (the API's shape per kind)
  const append = (kind: HistoryKind) => (page: { data: unknown[]; next: string | null }) => setData((d) => d && ({
    ...d, [kind]: [...d[kind], ...page.data], next: { ...d.next, [kind]: page.next } }) as HistoryData);
  return (
    <div data-testid="history">
      {data.promises.length ? <><h4>{w.t('history.promises')}</h4><Promises rows={data.promises} />
        <ShowMore kind="promises" cursor={data.next.promises} onPage={append('promises')} /></> : null}
      {data.plans.length ? <><h4>{w.t('history.plans')}</h4><Plans rows={data.plans} />
        <ShowMore kind="plans" cursor={data.next.plans} onPage={append('plans')} /></> : null}
      {data.disputes.length ? <><h4>{w.t('history.disputes')}</h4><Disputes rows={data.disputes} />
        <ShowMore kind="disputes" cursor={data.next.disputes} onPage={append('disputes')} /></> : null}
    </div>
  );
}
