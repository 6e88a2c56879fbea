// The day steps on an axis from -N to +N days around the due date, and the steps that wait for an event; a click selects one.
import { useT } from '../i18n/index.tsx';
import { dayOf, isSend, type Step } from './types.ts';
import { triggerName } from './triggers.ts';

export function Timeline({ steps, selected, onSelect }: { steps: Step[]; selected: string | null; onSelect: (id: string) => void }) {
  const { t } = useT();
  const days = steps.map(dayOf).filter((d): d is number => d !== null);
  const span = Math.max(5, ...days.map((d) => Math.abs(d))) + 2;
  const at = (d: number) => `${((d + span) / (2 * span)) * 100}%`;
  const events = steps.filter((s) => s.trigger.on !== 'days');
  const label = (s: Step) => {
    const channels = s.actions.filter(isSend).flatMap((a) => a.channels.map((c) => t(`strat.channel.${c}`)));
    const other = s.actions.filter((a) => !isSend(a)).map((a) => a.type);
    return [s.name ?? s.id, ...channels, ...other].join(' · ');
  };
  return (
    <section aria-label={t('strat.timeline')}>
      <h2>{t('strat.timeline')}</h2>
      <div className="timeline-axis" aria-hidden="true">
        <span style={{ left: at(-span) }}>{-span}</span>
        <span className="due" style={{ left: at(0) }}>0 · {t('strat.dueDay')}</span>
        <span style={{ left: at(span) }}>+{span}</span>
        {steps.filter((s) => s.trigger.on === 'days').map((s) => (
          <i key={s.id} className={s.id === selected ? 'dot selected' : 'dot'} style={{ left: at(dayOf(s)!) }} title={label(s)} />
        ))}
      </div>
      <ol className="step-list" data-testid="timeline">
        {steps.filter((s) => s.trigger.on === 'days').map((s) => (
          <li key={s.id} data-step={s.id}>
            <button type="button" aria-pressed={s.id === selected} onClick={() => onSelect(s.id)}>
              <strong>{t('strat.day', { n: dayOf(s)! })}</strong> {label(s)}
            </button>
          </li>
        ))}
      </ol>
      {events.length ? (
        <>
          <h3>{t('strat.events')}</h3>
          <ul className="step-list" data-testid="timeline-events">
            {events.map((s) => (
              <li key={s.id} data-step={s.id}>
                <button type="button" aria-pressed={s.id === selected} onClick={() => onSelect(s.id)}>
                  <strong>{triggerName(s.trigger, t)}</strong> {label(s)}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
