// One step of the draft: its name, when it runs (a day offset, moving it on the timeline, or an event; switched between them),
// its condition (the segments' language: the step runs only for the customers it holds for), and its actions of every kind,
// added, changed and removed; a field the API refused shows its message beside it. Read-only for those who cannot change
// strategies.
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { ActionFields } from './ActionFields.tsx';
import { ConditionFields } from './ConditionFields.tsx';
import { TriggerFields } from './TriggerFields.tsx';
import type { FieldError } from './fieldError.ts';
import { ACTION_TYPES, newAction, type ActionType, type Step, type StepAction, type TemplateInfo } from './types.ts';

interface Props {
  step: Step; templates: TemplateInfo[]; readOnly: boolean; currency: string;
  /** The day offsets the draft's other steps sit on. */
  taken: Set<number>;
  /** What the API (or the editor) refused in this step, by its path inside the step (`trigger.hours`, `actions.0.rule`). */
  error: FieldError | null;
  onChange: (s: Step) => void; onRemove: () => void;
}

const Alert = ({ message }: { message: string }) => <p className="error field-error" role="alert">{message}</p>;

/** The template a new send starts with: the first one that goes by email. */
export function firstEmailTemplate(templates: TemplateInfo[], fits: string): string {
  const emails = templates.filter((x) => x.channels.includes('email')).map((x) => x.id);
  return emails.includes(fits) ? fits : emails[0] ?? fits;
}

export function StepForm({ step, templates, readOnly, currency, taken, error, onChange, onRemove }: Props) {
  const { t } = useT();
  const [kind, setKind] = useState<ActionType>('task');
  const setAction = (i: number, a: StepAction) => onChange({ ...step, actions: step.actions.map((x, j) => (j === i ? a : x)) });
  const { condition: _c, ...unconditional } = step;
  /** The error of a part of the step (`condition`, `actions.1`), keyed by the first name inside it (`balanceAbove`). */
  const under = (part: string): FieldError | null => {
    if (!error || (error.key !== part && !error.key.startsWith(`${part}.`))) return null;
    return { key: error.key.slice(part.length + 1).split('.')[0] ?? '', message: error.message };
  };
  const known = error && /^(name$|trigger|condition|actions\.\d+)/.test(error.key);
  return (
    <form className="step-form" aria-label={t('strat.step')} onSubmit={(e) => e.preventDefault()}>
      <h2>{t('strat.step')}: {step.name ?? step.id}</h2>
      {error && !known ? <Alert message={error.message} /> : null}
      <label>{t('strat.stepName')}
        <input value={step.name ?? ''} maxLength={120} disabled={readOnly} onChange={(e) => onChange({ ...step, name: e.target.value || undefined })} />
      </label>
      {error?.key === 'name' ? <Alert message={error.message} /> : null}
      <TriggerFields step={step} taken={taken} readOnly={readOnly} error={error?.key.startsWith('trigger') ? error : null} onChange={onChange} />
      <fieldset aria-label={t('strat.condition')} data-testid="step-condition">
        <legend>{t('strat.condition')}</legend>
        {step.condition ? (
          <>
            <ConditionFields key={step.id} idPrefix={`step-${step.id}`} value={step.condition} readOnly={readOnly} currency={currency} error={under('condition')}
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
          {under(`actions.${i}`) ? <Alert message={error!.message} /> : null}
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
