// When a step runs, in the step form: the kind of trigger (days from the due date, or an event the engine plans on), the
// day offset or the hours without a reply, what the event means, and the message of a refused trigger beside its field.
import { useT } from '../i18n/index.tsx';
import type { FieldError } from './fieldError.ts';
import type { Step } from './types.ts';
import { DEFAULT_NO_REPLY_HOURS, retrigger, switchTrigger, TRIGGER_KINDS, type TriggerKind } from './triggers.ts';

interface Props { step: Step; taken: Set<number>; readOnly: boolean; error: FieldError | null; onChange: (s: Step) => void }

export function TriggerFields({ step, taken, readOnly, error, onChange }: Props) {
  const { t } = useT();
  const trigger = step.trigger;
  const at = (key: string) => (error?.key === key ? <p className="error field-error" role="alert">{error.message}</p> : null);
  return (
    <fieldset aria-label={t('strat.trigger')} data-testid="step-trigger" data-trigger={trigger.on}>
      <legend>{t('strat.trigger')}</legend>
      <label>{t('strat.addWhen')}
        <select value={trigger.on} disabled={readOnly} onChange={(e) => onChange(switchTrigger(step, e.target.value as TriggerKind, taken, t))}>
          {TRIGGER_KINDS.map((k) => <option key={k} value={k}>{k === 'days' ? t('strat.when.days') : t(`strat.event.${k}`)}</option>)}
        </select>
      </label>
      {at('trigger.on')}{at('trigger')}
      {trigger.on === 'days' ? (
        <label>{t('strat.stepDay')}
          <input type="number" min={-365} max={3650} value={trigger.days} disabled={readOnly}
            onChange={(e) => { if (e.target.value !== '') onChange(retrigger(step, { on: 'days', days: Number(e.target.value) }, t)); }} />
          {at('trigger.days')}
        </label>
      ) : null}
      {trigger.on === 'no_reply' ? (
        <label>{t('strat.stepHours')}
          <input type="number" min={1} max={24 * 90} value={trigger.hours} disabled={readOnly}
            onChange={(e) => { if (e.target.value !== '') onChange(retrigger(step, { on: 'no_reply', hours: Number(e.target.value) }, t)); }} />
          {at('trigger.hours')}
        </label>
      ) : null}
      {trigger.on !== 'days' ? <p className="muted small">{t(`strat.eventHelp.${trigger.on}`, { n: trigger.on === 'no_reply' ? trigger.hours : DEFAULT_NO_REPLY_HOURS })}</p> : null}
    </fieldset>
  );
}
