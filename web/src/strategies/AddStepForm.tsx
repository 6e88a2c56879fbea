// The form under the timeline that adds a step: when it runs (a day offset, or an event with its hours for no reply) and
// what it does first. A day another step has is refused here; the rest is the API's to check when the draft is saved.
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { firstEmailTemplate } from './StepForm.tsx';
import { ACTION_TYPES, newAction, type ActionType, type Step, type TemplateInfo, type Trigger } from './types.ts';
import { DEFAULT_NO_REPLY_HOURS, freshId, takenDays, templateFor, TRIGGER_KINDS, triggerName, type TriggerKind } from './triggers.ts';

interface Props { steps: Step[]; templates: TemplateInfo[]; currency: string; onAdd: (s: Step) => void; onRefused: (message: string) => void }

export function AddStepForm({ steps, templates, currency, onAdd, onRefused }: Props) {
  const { t } = useT();
  const [when, setWhen] = useState<TriggerKind>('days');
  const [day, setDay] = useState('1');
  const [hours, setHours] = useState(String(DEFAULT_NO_REPLY_HOURS));
  const [kind, setKind] = useState<ActionType>('send');

  const add = () => {
    let trigger: Trigger;
    if (when === 'days') {
      const days = Number(day);
      if (day === '' || !Number.isInteger(days)) return;
      if (takenDays(steps).has(days)) { onRefused(t('strat.dayTaken', { n: days })); return; }
      trigger = { on: 'days', days };
    } else if (when === 'no_reply') {
      // sent as typed: the API names `trigger.hours` when it is out of range, and the step form shows it there
      trigger = { on: 'no_reply', hours: hours === '' ? DEFAULT_NO_REPLY_HOURS : Number(hours) };
    } else trigger = { on: when };
    const template = firstEmailTemplate(templates, templateFor(trigger));
    onAdd({ id: freshId(steps, trigger), name: triggerName(trigger, t), trigger, actions: [newAction(kind, template, currency)] });
  };

  return (
    <form className="filters" data-testid="add-step" onSubmit={(e) => { e.preventDefault(); add(); }}>
      <div>
        <label htmlFor="new-step-when">{t('strat.addWhen')}</label>
        <select id="new-step-when" value={when} onChange={(e) => setWhen(e.target.value as TriggerKind)}>
          {TRIGGER_KINDS.map((k) => <option key={k} value={k}>{k === 'days' ? t('strat.when.days') : t(`strat.event.${k}`)}</option>)}
        </select>
      </div>
      {when === 'days' ? (
        <div>
          <label htmlFor="new-step-day">{t('strat.addDay')}</label>
          <input id="new-step-day" type="number" min={-365} max={3650} value={day} onChange={(e) => setDay(e.target.value)} />
        </div>
      ) : null}
      {when === 'no_reply' ? (
        <div>
          <label htmlFor="new-step-hours">{t('strat.stepHours')}</label>
          <input id="new-step-hours" type="number" min={1} max={24 * 90} value={hours} onChange={(e) => setHours(e.target.value)} />
        </div>
      ) : null}
      <div>
        <label htmlFor="new-step-kind">{t('strat.addKind')}</label>
        <select id="new-step-kind" value={kind} onChange={(e) => setKind(e.target.value as ActionType)}>
          {ACTION_TYPES.map((k) => <option key={k} value={k}>{t(`strat.kind.${k}`)}</option>)}
        </select>
      </div>
      <button type="submit">{t('strat.addStep')}</button>
      {when !== 'days' ? <p className="muted small" data-testid="new-step-help">{t(`strat.eventHelp.${when}`, { n: Number(hours) || DEFAULT_NO_REPLY_HOURS })}</p> : null}
    </form>
  );
}
