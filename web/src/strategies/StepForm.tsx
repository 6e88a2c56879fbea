// One step of the draft: its name, its day offset (moving it on the timeline), and what its send action uses:
// channels, template, tone, fallback. Other actions are shown as they are. Read-only for those who cannot change strategies.
import { useT } from '../i18n/index.tsx';
import { CHANNELS, isSend, TONES, type Channel, type SendAction, type Step, type TemplateInfo } from './types.ts';

interface Props { step: Step; templates: TemplateInfo[]; readOnly: boolean; onChange: (s: Step) => void; onRemove: () => void }

function ChannelBoxes({ legend, value, onChange, readOnly, name }: { legend: string; value: Channel[]; onChange: (v: Channel[]) => void; readOnly: boolean; name: string }) {
  const { t } = useT();
  const toggle = (c: Channel, on: boolean) => onChange(on ? CHANNELS.filter((x) => x === c || value.includes(x)) : value.filter((x) => x !== c));
  return (
    <fieldset>
      <legend>{legend}</legend>
      {CHANNELS.map((c) => (
        <label key={c}><input type="checkbox" name={name} checked={value.includes(c)} disabled={readOnly} onChange={(e) => toggle(c, e.target.checked)} /> {t(`strat.channel.${c}`)}</label>
      ))}
    </fieldset>
  );
}

export function StepForm({ step, templates, readOnly, onChange, onRemove }: Props) {
  const { t } = useT();
  const setAction = (i: number, a: SendAction) => onChange({ ...step, actions: step.actions.map((x, j) => (j === i ? a : x)) });
  return (
    <form className="step-form" aria-label={t('strat.step')} onSubmit={(e) => e.preventDefault()}>
      <h2>{t('strat.step')}: {step.name ?? step.id}</h2>
      <label>{t('strat.stepName')}
        <input value={step.name ?? ''} maxLength={120} disabled={readOnly} onChange={(e) => onChange({ ...step, name: e.target.value || undefined })} />
      </label>
      {step.trigger.on === 'days' ? (
        <label>{t('strat.stepDay')}
          <input type="number" min={-365} max={3650} value={step.trigger.days} disabled={readOnly}
            onChange={(e) => { if (e.target.value !== '') onChange({ ...step, trigger: { on: 'days', days: Number(e.target.value) } }); }} />
        </label>
      ) : <p><strong>{t(`strat.event.${step.trigger.on}`)}</strong></p>}
      {step.condition ? <p className="muted small">{t('strat.condition')}: <code>{JSON.stringify(step.condition)}</code></p> : null}
      {step.actions.map((a, i) => {
        if (!isSend(a)) {
          const what = String(a.task ?? a.charge ?? a.days ?? a.to ?? '');
          return <p key={i}>{t(`strat.action.${a.type}`, { what })}</p>;
        }
        const usable = templates.filter((x) => [...a.channels, ...(a.fallback ?? [])].every((c) => x.channels.includes(c)));
        return (
          <div key={i}>
            <ChannelBoxes name={`channels-${i}`} legend={t('strat.channels')} value={a.channels} readOnly={readOnly}
              onChange={(channels) => { if (channels.length) setAction(i, { ...a, channels, fallback: (a.fallback ?? []).filter((c) => !channels.includes(c)) }); }} />
            <label>{t('strat.template')}
              <select value={a.template} disabled={readOnly} onChange={(e) => setAction(i, { ...a, template: e.target.value })}>
                {(usable.some((x) => x.id === a.template) ? usable : [{ id: a.template, channels: [], tags: [] }, ...usable]).map((x) => <option key={x.id} value={x.id}>{x.id}</option>)}
              </select>
            </label>
            <label>{t('strat.tone')}
              <select value={a.tone} disabled={readOnly} onChange={(e) => setAction(i, { ...a, tone: e.target.value as SendAction['tone'] })}>
                {TONES.map((x) => <option key={x} value={x}>{t(`strat.tone.${x}`)}</option>)}
              </select>
            </label>
            <ChannelBoxes name={`fallback-${i}`} legend={t('strat.fallback')} value={a.fallback ?? []} readOnly={readOnly}
              onChange={(fallback) => setAction(i, { ...a, fallback: fallback.filter((c) => !a.channels.includes(c)) })} />
            <label><input type="checkbox" checked={a.paymentLink ?? false} disabled={readOnly} onChange={(e) => setAction(i, { ...a, paymentLink: e.target.checked })} /> {t('strat.paymentLink')}</label>
          </div>
        );
      })}
      {readOnly ? null : <p><button type="button" className="danger" onClick={onRemove}>{t('strat.remove')}</button></p>}
    </form>
  );
}
