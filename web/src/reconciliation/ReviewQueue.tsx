// The review queue: waiting credits oldest first (all, in review, or unmatched; or those marked not ours, to put one
// back; one statement or every one), moved
// through with j and k, decided with a, c and n.
import { useState } from 'react';
import { get } from '../app/api.ts';
import { integer } from '../app/format.ts';
import { useQueryState } from '../app/router.tsx';
import { useData } from '../app/useData.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useListKeys } from '../worklist/keys.ts';
import type { Page } from '../app/types.ts';
import { LineCard } from './LineCard.tsx';
import type { WaitingLine } from './types.ts';

export function ReviewQueue({ canWrite, version, onChanged }: { canWrite: boolean; version: number; onChanged: () => void }) {
  const { t, locale } = useT();
  const [q, set] = useQueryState();
  const statement = q.get('statement') ?? '';
  const state = q.get('state') ?? '';
  const [message, setMessage] = useState<string | null>(null);
  useListKeys('[data-line-card]', 'queue-state');
  const list = useData(() => get<Page<WaitingLine>>('/v1/reconciliation/queue', { statement_id: statement, state, limit: 100 }),
    `${statement}|${state}|${version}`);
  const changed = (m: string) => { setMessage(m); list.reload(); onChanged(); };
  const lines = list.data?.data ?? [];
  return (
    <section className="card" aria-labelledby="queue-title" data-testid="review-queue">
      <div className="card-head">
        <h2 id="queue-title">{t('recon.queue')}</h2>
        <div className="row">
          <label htmlFor="queue-state">{t('recon.show')}</label>
          <select id="queue-state" value={state} onChange={(e) => set({ state: e.target.value })}>
            <option value="">{t('recon.showAll')}</option><option value="review">{t('recon.state.review')}</option>
            <option value="unmatched">{t('recon.state.unmatched')}</option>
            <option value="not_receivable">{t('recon.state.not_receivable')}</option>
          </select>
          {statement ? <button type="button" onClick={() => set({ statement: null })}>{t('recon.allStatements')}</button> : null}
        </div>
      </div>
      <p className="muted small">{canWrite ? t('recon.keys') : t('recon.readOnly')}</p>
      {message ? <p className="success" role="status">{message}</p> : null}
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : (
        <>
          <p className="muted small" data-testid="queue-count">{t('recon.waiting', { n: integer(lines.length, locale) })}{list.data?.has_more ? '+' : ''}</p>
          <ol className="waiting-lines">
            {lines.map((l) => <LineCard key={`${l.id}-${l.proposal?.id ?? ''}`} line={l} canWrite={canWrite} onChanged={changed} />)}
          </ol>
        </>
      )}
    </section>
  );
}
