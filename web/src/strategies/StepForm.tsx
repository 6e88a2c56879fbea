// One step of the draft: its name, its day offset (moving it on the timeline), its condition (the segments' language: the step
// runs only for the customers it holds for), and its actions of every kind, added, changed and removed. Read-only for those
// who cannot change strategies.
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { ActionFields } from './ActionFields.tsx';
import { ConditionFields } from './ConditionFields.tsx';
import { ACTION_TYPES, newAction, type ActionType, type Step, type StepAction, type TemplateInfo } from './types.ts';

interface Props { step: Step; templates: TemplateInfo[]; readOnly: boolean; currency: string; onChange: (s: Step) => void; onRemove: () => void }

/** The template a new send starts with: the first one that goes by email. */
export function firstEmailTemplate(templates: TemplateInfo[], fits: string): string {
  const emails = templates.filter((x) => x.channels.includes('email')).map((x) => x.id);
  return emails.includes(fits) ? fits : emails[0] ?? fits;
}

export function StepForm({ step, templates, readOnly, currency, onChange, onRemove }: Props) {
  const { t } = useT();
  const [kind, setKind] = useState<ActionType>('task');
  const setAction = (i: number, a: StepAction) => onChange({ ...step, actions: step.actions.map((x, j) => (j === i ? a : x)) });
  const { condition: _c, ...unconditional } = step;
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
      <fieldset aria-label={t('strat.condition')} data-testid="step-condition">
        <legend>{t('strat.condition')}</legend>
        {step.condition ? (
          <>
            <ConditionFields key={step.id} idPrefix={`step-${step.id}`} value={step.condition} readOnly={readOnly} currency={currency}
              onChange={(condition) => onChange({ ...step, condition })} />
            {readOnly ? null : <button type="button" onClick={() => onChange(unconditional)}>{t('strat.cond.remove')}</button>}
          </>
        ) : (
          <>
            <p className="muted small">{t('strat.cond.none')}</p>
            {readOnly ? null : <button type="button" onClick={() => onChange({ ...step, condition: {} })}>{t('strat.cond.set')}</button>}
          </>
        )}
      </fieldset>
      {step.actions.map((a, i) => (
        <fieldset key={`${i}-${a.type}`} className="step-action" data-action={a.type} aria-label={t('strat.actionN', { n: i + 1, what: t(`strat.kind.${a.type}`) })}>
          <legend>{t('strat.actionN', { n: i + 1, what: t(`strat.kind.${a.type}`) })}</legend>
          <ActionFields action={a} index={i} templates={templates} readOnly={readOnly} currency={currency} onChange={(x) => setAction(i, x)} />
          {readOnly || step.actions.length === 1 ? null : (
            <p><button type="button" onClick={() => onChange({ ...step, actions: step.actions.filter((_, j) => j !== i) })}>{t('strat.removeAction')}</button></p>
          )}
        </fieldset>
      ))}
      {readOnly ? null : (
        <p className="row-actions">
          <label>{t('strat.newAction')}{' '}
            <select aria-label={t('strat.newAction')} value={kind} onChange={(e) => setKind(e.target.value as ActionType)}>
              {ACTION_TYPES.map((k) => <option key={k} value={k}>{t(`strat.kind.${k}`)}</option>)}
            </select>
          </label>
          <button type="button" onClick={() => onChange({ ...step, actions: [...step.actions, newAction(kind, firstEmailTemplate(templates, 'overdue-formal'), currency)] })}>
            {t('strat.addAction')}
          </button>
        </p>
      )}
      {readOnly ? null : <p><button type="button" className="danger" onClick={onRemove}>{t('strat.remove')}</button></p>}
    </form>
  );
}
