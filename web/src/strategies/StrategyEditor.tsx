// The editor of one strategy: the org's segments, a draft copied from the version opened, its steps on the timeline (add of any
// kind, move, remove, change, with conditions), the selected step's live preview (viewers too: it writes nothing), a 30-day
// simulation against the active version, and activation (managers and admins).
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { navigate, useLocation } from '../app/router.tsx';
import { today } from '../app/format.ts';
import { ErrorBox, Loading, PageHeader } from '../app/ui.tsx';
import { useCan, useSession } from '../sessions/session.tsx';
import { useT } from '../i18n/index.tsx';
import { Timeline } from './Timeline.tsx';
import { firstEmailTemplate, StepForm } from './StepForm.tsx';
import { SegmentsEditor } from './SegmentsEditor.tsx';
import { StepPreview } from './StepPreview.tsx';
import { SimulationPanel, type SimPair } from './SimulationPanel.tsx';
import { ACTION_TYPES, dayOf, freshId, isSend, newAction, ordered, type ActionType, type Definition, type Segment, type Simulation, type Step, type StoredStrategy, type TemplateInfo } from './types.ts';
import './strategies.css';

export function StrategyEditor({ id }: { id: string }) {
  const { t } = useT();
  const can = useCan();
  const currency = useSession().me?.org.default_currency ?? 'USD';
  const readOnly = !can.manage;
  const { query } = useLocation();
  const version = query.get('version') ?? '';
  const loaded = useData(() => get<StoredStrategy>(`/v1/strategies/${encodeURIComponent(id)}`, { version }), `${id}|${version}`);
  const templates = useData(() => get<{ data: TemplateInfo[] }>('/v1/templates'), 'templates');
  const segments = useData(() => get<{ data: Segment[] }>('/v1/segments'), 'segments');
  const actives = useData(() => get<{ data: StoredStrategy[] }>('/v1/strategies', { active: 'true' }), 'active');
  const [draft, setDraft] = useState<Definition | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [newDay, setNewDay] = useState('1');
  const [newKind, setNewKind] = useState<ActionType>('send');
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [sim, setSim] = useState<SimPair | null>(null);

  useEffect(() => {
    const s = loaded.data;
    if (!s) return;
    setDraft(s.definition);
    setSaved(s.active ? null : s.version);
    setSim(null);
  }, [loaded.data]);

  const original = useMemo(() => new Set(loaded.data?.definition.steps.map((s) => s.id) ?? []), [loaded.data]);
  if (loaded.error) return <><PageHeader title={t('strat.title')} /><ErrorBox error={loaded.error} /></>;
  if (!draft || !loaded.data) return <Loading />;
  const step = draft.steps.find((s) => s.id === selected) ?? null;
  const send = step?.actions.find(isSend);

  const change = (steps: Step[]) => { setDraft({ ...draft, steps: ordered(steps) }); setSaved(null); setSim(null); setNotice(''); setError(null); };
  const update = (s: Step) => {
    const clash = s.trigger.on === 'days' && draft.steps.some((x) => x.id !== s.id && dayOf(x) === dayOf(s));
    if (clash) { setError(new Error(t('strat.dayTaken', { n: dayOf(s)! }))); return; }
    change(draft.steps.map((x) => (x.id === s.id ? s : x)));
  };
  const add = () => {
    const day = Number(newDay);
    if (!Number.isInteger(day)) return;
    if (draft.steps.some((x) => dayOf(x) === day)) { setError(new Error(t('strat.dayTaken', { n: day }))); return; }
    const id = freshId(draft.steps, day);
    const template = firstEmailTemplate(templates.data?.data ?? [], day < 0 ? 'upcoming-reminder' : day === 0 ? 'due-today' : 'overdue-formal');
    change([...draft.steps, { id, name: t('strat.day', { n: day }), trigger: { on: 'days', days: day }, actions: [newAction(newKind, template, currency)] }]);
    setSelected(id);
  };
  const run = async (fn: () => Promise<void>) => {
    setBusy(true); setError(null);
    try { await fn(); } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
      // a field the API refused in a step (`steps.3.actions.0.rule.amount.currency`): open that step
      const at = e instanceof ApiError ? /^steps\.(\d+)\./.exec(e.field ?? '') : null;
      if (at) setSelected(draft.steps[Number(at[1])]?.id ?? null);
    } finally { setBusy(false); }
  };
  /** The draft stored as a new inactive version (once per set of changes). */
  const save = async (): Promise<number> => {
    if (saved !== null) return saved;
    const r = await api<StoredStrategy>('POST', '/v1/strategies', { id: draft.id, name: draft.name, ...(draft.description ? { description: draft.description } : {}), steps: draft.steps });
    setSaved(r.version);
    setNotice(t('strat.saved', { n: r.version }));
    return r.version;
  };
  const simulate = () => run(async () => {
    const v = await save();
    const body = { from: today(), to: today(29), strategy_id: draft.id };
    const [active, next] = await Promise.all([api<Simulation>('POST', '/v1/simulations', body), api<Simulation>('POST', '/v1/simulations', { ...body, version: v })]);
    setSim({ active, draft: next });
  });
  const activate = () => run(async () => {
    const v = await save();
    await api('POST', `/v1/strategies/${encodeURIComponent(draft.id)}/versions/${v}/activate`, {});
    setNotice(t('strat.activated', { n: v }));
    navigate(`/strategies/${encodeURIComponent(draft.id)}?version=${v}`, true);
    loaded.reload();
  });
  const newSteps = new Set(draft.steps.filter((s) => !original.has(s.id)).map((s) => s.id));

  return (
    <>
      <PageHeader title={`${draft.name} · ${t('strat.version', { n: loaded.data.version })}`}>
        {readOnly ? null : (
          <>
            <button type="button" onClick={() => void simulate()} disabled={busy}>{busy ? t('strat.simulating') : t('strat.simulate')}</button>
            <button type="button" onClick={() => void run(async () => { await save(); })} disabled={busy || saved !== null}>{t('strat.save')}</button>
            <button type="button" className="primary" onClick={() => void activate()} disabled={busy || (loaded.data.active && saved === null)}>{t('strat.activate')}</button>
          </>
        )}
      </PageHeader>
      <p className="muted">{readOnly ? t('strat.readOnly') : t('strat.editing', { n: loaded.data.version })}</p>
      {notice ? <p className="success" role="status">{notice}</p> : null}
      <ErrorBox error={error} />
      {segments.data && actives.data ? (
        <SegmentsEditor segments={segments.data.data} strategyId={draft.id} readOnly={readOnly} currency={currency} onSaved={segments.reload}
          strategies={actives.data.data.map((x) => ({ id: x.id, name: x.name }))} />
      ) : <ErrorBox error={segments.error ?? actives.error} />}
      {segments.data && !segments.data.data.some((x) => x.strategyId === draft.id) ? <p className="muted">{t('strat.noSegments')}</p> : null}
      <div className="strategy-editor">
        <div className="card">
          <Timeline steps={draft.steps} selected={selected} onSelect={setSelected} />
          {readOnly ? null : (
            <form className="filters" onSubmit={(e) => { e.preventDefault(); add(); }}>
              <div>
                <label htmlFor="new-step-day">{t('strat.addDay')}</label>
                <input id="new-step-day" type="number" min={-365} max={3650} value={newDay} onChange={(e) => setNewDay(e.target.value)} />
              </div>
              <div>
                <label htmlFor="new-step-kind">{t('strat.addKind')}</label>
                <select id="new-step-kind" value={newKind} onChange={(e) => setNewKind(e.target.value as ActionType)}>
                  {ACTION_TYPES.map((k) => <option key={k} value={k}>{t(`strat.kind.${k}`)}</option>)}
                </select>
              </div>
              <button type="submit">{t('strat.addStep')}</button>
            </form>
          )}
        </div>
        <div className="card">
          {step ? (
            <>
              <StepForm key={step.id} step={step} templates={templates.data?.data ?? []} readOnly={readOnly} currency={currency} onChange={update}
                onRemove={() => { change(draft.steps.filter((s) => s.id !== step.id)); setSelected(null); }} />
              {/* a POST that writes nothing: open to viewers too */}
              {send ? <StepPreview action={send} /> : null}
            </>
          ) : <p className="muted">{t('strat.noSelection')}</p>}
        </div>
      </div>
      {sim ? <SimulationPanel sim={sim} newSteps={newSteps} segments={segments.data?.data ?? []} /> : null}
    </>
  );
}
