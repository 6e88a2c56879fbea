// Warnings on the draft's event steps, worked out as the API works them out (src/strategy/overlaps.ts): steps on one event
// that all run at once, and a no-reply step that waits behind a shorter one. They warn; the draft can still be saved.
import { useT } from '../i18n/index.tsx';
import { eventStepOverlaps } from '../../../src/strategy/overlaps.ts';
import { triggerName } from './triggers.ts';
import type { Step } from './types.ts';

export function StepWarnings({ steps }: { steps: Step[] }) {
  const { t } = useT();
  const warnings = eventStepOverlaps(steps);
  if (warnings.length === 0) return null;
  const byId = new Map(steps.map((s) => [s.id, s]));
  const named = (id: string) => `"${byId.get(id)?.name ?? id}"`;
  return (
    <section className="notice step-warnings" role="note" aria-label={t('strat.warn.title')} data-testid="step-warnings">
      <h3>{t('strat.warn.title')}</h3>
      <ul>
        {warnings.map((w) => {
          const first = byId.get(w.steps[0] ?? '');
          const text = w.code === 'same_event'
            ? [t('strat.warn.same_event', { event: first ? triggerName(first.trigger, t) : w.event, steps: w.steps.map(named).join(', ') }),
                w.identical ? t('strat.warn.identical')
                  : w.channels.length ? t('strat.warn.channels', { channels: w.channels.map((c) => t(`strat.channel.${c}`)).join(', ') }) : '']
            : [t('strat.warn.no_reply_shadowed', { short: named(w.steps[0] ?? ''), long: named(w.steps[1] ?? '') })];
          return (
            <li key={`${w.code}:${w.steps.join(',')}`} data-warning={w.code} data-steps={w.steps.join(' ')}>
              {text.filter(Boolean).join(' ')}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
