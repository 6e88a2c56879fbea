// The editor of one strategy: the org's segments, a draft copied from the version opened, its steps on the timeline and on
// events (add of any kind on a day or an event, move, switch between a day and an event, remove, change, with conditions; a
// refused field shown beside it), the selected step's live preview (viewers too: it writes nothing), a 30-day simulation
// of the draft as it stands against the active version (with the segments' unsaved changes when there are any; nothing
// stored: Save draft is the one writer), and activation (managers
// and admins).
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { navigate, useLocation } from '../app/router.tsx';
import { today } from '../app/format.ts';
import { ErrorBox, Loading, PageHeader } from '../app/ui.tsx';
import { useCan, useSession } from '../sessions/session.tsx';
import { useT } from '../i18n/index.tsx';
import { Timeline } from './Timeline.tsx';
import { StepForm } from './StepForm.tsx';
import { AddStepForm } from './AddStepForm.tsx';
import { SegmentsEditor } from './SegmentsEditor.tsx';
import { StepPreview } from './StepPreview.tsx';
import { StepWarnings } from './StepWarnings.tsx';
import { SimulationPanel, type SimPair } from './SimulationPanel.tsx';
import { segmentFieldError, stepFieldError, type FieldError } from './fieldError.ts';
import { takenDays } from './triggers.ts';
import { stepTemplates } from './own-templates.ts';
import { dayOf, isSend, ordered, type Definition, type Segment, type Simulation, type Step, type StoredStrategy, type TemplateInfo } from './types.ts';
import './strategies.css';

export function StrategyEditor({ id }: { id: string }) {
  const { t } = useT();
  const can = useCan();
  const currency = useSession().me?.org.default_currency ?? 'USD';
  const readOnly = !can.manage;
  const { query } = useLocation();
  const version = query.get('version') ?? '';
  const loaded = useData(() => get<StoredStrategy>(`/v1/strategies/${encodeURIComponent(id)}`, { version }), `${id}|${version}`);
  const templates = useData(stepTemplates, 'templates');
  const segments = useData(() => get<{ data: Segment[] }>('/v1/segments'), 'segments');
  const actives = useData(() => get<{ data: StoredStrategy[] }>('/v1/strategies', { active: 'true' }), 'active');
  const [draft, setDraft] = useState<Definition | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  // changed since it was opened (Simulate no longer saves, so an active version's changes are what Activate saves)
  const [changed, setChanged] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [stepError, setStepError] = useState<{ id: string; error: FieldError } | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [sim, setSim] = useState<SimPair | null>(null);
  // the segments' unsaved list, which the simulation runs with in place of the saved one
  const [editedSegments, setEditedSegments] = useState<Segment[] | null>(null);

  useEffect(() => {
    const s = loaded.data;
    if (!s) return;
    setDraft(s.definition);
    setSaved(s.active ? null : s.version);
    setChanged(false);
    setSim(null);
  }, [loaded.data]);

  const original = useMemo(() => new Set(loaded.data?.definition.steps.map((s) => s.id) ?? []), [loaded.data]);
  if (loaded.error) return <><PageHeader title={t('strat.title')} /><ErrorBox error={loaded.error} /></>;
  if (!draft || !loaded.data) return <Loading />;
  const step = draft.steps.find((s) => s.id === selected) ?? null;
  const send = step?.actions.find(isSend);

  const change = (steps: Step[]) => { setDraft({ ...draft, steps: ordered(steps) }); setSaved(null); setChanged(true); setSim(null); setNotice(''); setError(null); setStepError(null); };
  const update = (s: Step) => {
    const clash = s.trigger.on === 'days' && takenDays(draft.steps, s.id).has(s.trigger.days);
    if (clash) { setStepError({ id: s.id, error: { key: 'trigger.days', message: t('strat.dayTaken', { n: dayOf(s)! }) } }); return; }
    change(draft.steps.map((x) => (x.id === s.id ? s : x)));
  };
  const run = async (fn: () => Promise<void>) => {
    setBusy(true); setError(null); setStepError(null);
    try { await fn(); } catch (e) {
      // a field the API refused in a step (`steps.3.trigger.hours`): open that step, the message beside the field
      const at = stepFieldError(e);
      const refused = at ? draft.steps[at.index] : undefined;
      if (at && refused) {
        setSelected(refused.id);
        setStepError({ id: refused.id, error: at.error });
        setError(new ApiError(e instanceof ApiError ? e.status : 400, e instanceof ApiError ? e.code : 'VALIDATION_FAILED', t('strat.stepInvalid', { name: refused.name ?? refused.id })));
      } else setError(e instanceof Error ? e : new Error(String(e)));
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
  // the draft as it stands runs in place of the active version; nothing is stored (Save draft is the one writer)
  const simulate = () => run(async () => {
    const unsaved = editedSegments;
    const body = { from: today(), to: today(29), strategy_id: draft.id, ...(unsaved ? { segments: unsaved } : {}) };
    const strategy = { name: draft.name, ...(draft.description ? { description: draft.description } : {}), steps: draft.steps };
    try {
      const [active, next] = await Promise.all([api<Simulation>('POST', '/v1/simulations', body), api<Simulation>('POST', '/v1/simulations', { ...body, strategy })]);
      setSim({ active, draft: next, ...(unsaved ? { segments: unsaved } : {}) });
    } catch (e) {
      // a segment the API refused (`segments.2.when.daysPastDue`): say which one; Save segments marks the field
      const at = unsaved ? segmentFieldError(e) : null;
      const refused = at ? unsaved?.[at.index] : undefined;
      if (at && refused) throw new Error(t('strat.simSegmentInvalid', { n: at.index + 1, name: refused.name, message: at.error.message }));
      throw e;
    }
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
            <button type="button" className="primary" onClick={() => void activate()} disabled={busy || (loaded.data.active && saved === null && !changed)}>{t('strat.activate')}</button>
          </>
        )}
      </PageHeader>
      <p className="muted">{readOnly ? t('strat.readOnly') : t('strat.editing', { n: loaded.data.version })}</p>
      {notice ? <p className="success" role="status">{notice}</p> : null}
      <ErrorBox error={error} />
      {segments.data && actives.data ? (
        <SegmentsEditor segments={segments.data.data} strategyId={draft.id} readOnly={readOnly} currency={currency} onSaved={segments.reload}
          onEdited={(list) => { setEditedSegments(list); setSim(null); }}
          strategies={actives.data.data.map((x) => ({ id: x.id, name: x.name }))} />
      ) : <ErrorBox error={segments.error ?? actives.error} />}
      {segments.data && !segments.data.data.some((x) => x.strategyId === draft.id) ? <p className="muted">{t('strat.noSegments')}</p> : null}
      <StepWarnings steps={draft.steps} />
      <div className="strategy-editor">
        <div className="card">
          <Timeline steps={draft.steps} selected={selected} onSelect={setSelected} />
          {readOnly ? null : (
            <AddStepForm steps={draft.steps} templates={templates.data?.data ?? []} currency={currency}
              onAdd={(x) => { change([...draft.steps, x]); setSelected(x.id); }} onRefused={(m) => setError(new Error(m))} />
          )}
        </div>
        <div className="card">
          {step ? (
            <>
              <StepForm key={step.id} step={step} templates={templates.data?.data ?? []} readOnly={readOnly} currency={currency} onChange={update}
                taken={takenDays(draft.steps, step.id)} error={stepError?.id === step.id ? stepError.error : null}
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
