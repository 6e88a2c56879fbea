// The org's segments in their order (the first whose rule holds sends the customer to its strategy): name, id, target strategy
// and rule, moved up and down, added and removed, saved at once through PUT /v1/segments with the API's errors shown beside the
// field they name. The segments that send customers to the strategy open are marked. Read-only for those who cannot change them.
// They are the org's, not part of the strategy's draft: saved, they are in force at once for every strategy, and the editor says
// so. While the list has unsaved changes it is handed up (onEdited) for "Simulate 30 days" to run with; cases still use the saved list.
import { useEffect, useRef, useState } from 'react';
import { api } from '../app/api.ts';
import { ErrorBox } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { ConditionFields } from './ConditionFields.tsx';
import { segmentFieldError, type FieldError } from './fieldError.ts';
import type { Segment } from './types.ts';

interface Row { key: number; seg: Segment }
interface Props {
  segments: Segment[]; strategyId: string; strategies: { id: string; name: string }[]; readOnly: boolean; currency: string; onSaved: () => void;
  /** The edited list while it has unsaved changes; null once saved. */
  onEdited?: (segments: Segment[] | null) => void;
}

let nextKey = 1;
const rowsOf = (segments: Segment[]): Row[] => segments.map((seg) => ({ key: nextKey++, seg }));

export function SegmentsEditor({ segments, strategyId, strategies, readOnly, currency, onSaved, onEdited }: Props) {
  const { t } = useT();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(segments));
  const [dirty, setDirty] = useState(false);
  const [bad, setBad] = useState<{ index: number; error: FieldError } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  // the list from the server replaces the rows when it changes, unless a person is editing them; not when a save ends (the rows
  // are then the saved list already, and the list the server had before the save would briefly undo it until it reloads)
  const editing = useRef(false);
  editing.current = dirty;
  useEffect(() => { if (!editing.current) setRows(rowsOf(segments)); }, [segments]);

  const edit = (next: Row[]) => { setRows(next); setDirty(true); setNotice(''); setBad(null); setError(null); onEdited?.(next.map((r) => r.seg)); };
  const change = (i: number, seg: Segment) => edit(rows.map((r, j) => (j === i ? { ...r, seg } : r)));
  const move = (i: number, by: number) => {
    const next = [...rows];
    const [r] = next.splice(i, 1);
    next.splice(i + by, 0, r!);
    edit(next);
  };
  const add = () => {
    let n = rows.length + 1;
    while (rows.some((r) => r.seg.id === `segment-${n}`)) n++;
    const seg: Segment = { id: `segment-${n}`, name: t('strat.seg.newName', { n }), strategyId, when: {} };
    // before a last catch-all, which would otherwise take every customer first
    const at = rows.length && Object.keys(rows[rows.length - 1]!.seg.when).length === 0 ? rows.length - 1 : rows.length;
    edit([...rows.slice(0, at), { key: nextKey++, seg }, ...rows.slice(at)]);
  };
  const save = async () => {
    setBusy(true); setBad(null); setError(null);
    try {
      const r = await api<{ data: Segment[] }>('PUT', '/v1/segments', { data: rows.map((x) => x.seg) });
      setRows(rowsOf(r.data)); setDirty(false); setNotice(t('strat.seg.saved', { n: r.data.length })); onEdited?.(null); onSaved();
    } catch (e) {
      const at = segmentFieldError(e);
      if (at && at.index < rows.length) setBad(at);
      else setError(e instanceof Error ? e : new Error(String(e)));
    } finally { setBusy(false); }
  };
  const errorAt = (i: number, key: string) => (bad?.index === i && bad.error.key === key ? <p className="error field-error" role="alert">{bad.error.message}</p> : null);
  const known = new Set(strategies.map((s) => s.id));

  return (
    <section className="card" aria-label={t('strat.segments')} data-testid="segments">
      <h2>{t('strat.segments')}</h2>
      <p className="muted small">{t('strat.seg.note')}</p>
      {readOnly ? null : <p className="notice small" data-testid="segments-live">{t('strat.seg.live')}</p>}
      {notice ? <p className="success" role="status">{notice}</p> : null}
      <ErrorBox error={error} />
      {bad ? <p className="error" role="alert">{t('strat.seg.invalid', { n: bad.index + 1 })}</p> : null}
      <ol className="segment-list">
        {rows.map(({ key, seg }, i) => {
          const mine = seg.strategyId === strategyId;
          const whenError = bad?.index === i && bad.error.key.startsWith('when') ? { key: bad.error.key.replace(/^when\.?/, ''), message: bad.error.message } : null;
          return (
            <li key={key} data-segment={seg.id} className={mine ? 'segment mine' : 'segment'}>
              <fieldset aria-label={t('strat.seg.label', { n: i + 1, name: seg.name })}>
                <legend>{i + 1}. {seg.name} {mine ? <span className="badge badge-open">{t('strat.seg.here')}</span> : null}</legend>
                <div className="filters">
                  <label>{t('strat.seg.name')} <input value={seg.name} maxLength={120} disabled={readOnly} onChange={(e) => change(i, { ...seg, name: e.target.value })} />{errorAt(i, 'name')}</label>
                  <label>{t('strat.seg.id')} <input value={seg.id} maxLength={64} disabled={readOnly} onChange={(e) => change(i, { ...seg, id: e.target.value })} />{errorAt(i, 'id')}</label>
                  <label>{t('strat.seg.strategy')}
                    <select aria-label={t('strat.seg.strategy')} value={seg.strategyId} disabled={readOnly} onChange={(e) => change(i, { ...seg, strategyId: e.target.value })}>
                      {(known.has(seg.strategyId) ? strategies : [{ id: seg.strategyId, name: seg.strategyId }, ...strategies]).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                    </select>{errorAt(i, 'strategyId')}
                  </label>
                </div>
                <ConditionFields key={key} idPrefix={`segment-${i}`} value={seg.when} readOnly={readOnly} currency={currency} error={whenError}
                  onChange={(when) => change(i, { ...seg, when })} />
                {readOnly ? null : (
                  <p className="row-actions">
                    <button type="button" disabled={i === 0} onClick={() => move(i, -1)}>{t('strat.seg.up')}</button>
                    <button type="button" disabled={i === rows.length - 1} onClick={() => move(i, 1)}>{t('strat.seg.down')}</button>
                    <button type="button" className="danger" disabled={rows.length === 1} onClick={() => edit(rows.filter((_, j) => j !== i))}>{t('strat.seg.remove')}</button>
                  </p>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {readOnly ? null : (
        <p className="row-actions">
          <button type="button" onClick={add}>{t('strat.seg.add')}</button>
          <button type="button" className="primary" disabled={busy || !dirty} onClick={() => void save()}>{t('strat.seg.save')}</button>
          {dirty ? <span className="segments-unsaved small" data-testid="segments-unsaved">{t('strat.seg.unsaved')}</span> : null}
        </p>
      )}
    </section>
  );
}
