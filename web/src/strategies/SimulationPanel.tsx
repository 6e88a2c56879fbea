// What the draft would send over the next 30 days next to the active version: actions by step, messages by day and
// channel, and a sample of the draft's messages, for the customers the org's segments put on the strategy (how many, by segment). Both runs come from POST /v1/simulations; nothing is sent or written.
import { date } from '../app/format.ts';
import { useT } from '../i18n/index.tsx';
import { CHANNELS, type Segment, type Simulation } from './types.ts';

/** Both runs; `segments`: the unsaved segments they ran with in place of the saved ones. */
export interface SimPair { active: Simulation; draft: Simulation; segments?: Segment[] }

function countBy<T>(list: T[], key: (x: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of list) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}

export function SimulationPanel({ sim, newSteps, segments }: { sim: SimPair; newSteps: Set<string>; segments: Segment[] }) {
  const { t, locale } = useT();
  const names = new Map((sim.segments ?? segments).map((s) => [s.id, s.name]));
  const bySegment = Object.entries(sim.draft.customers.by_segment).map(([id, n]) => `${names.get(id) ?? id}: ${n}`).join(', ');
  const { by_band: byBand, bands_as_of: bandsAsOf } = sim.draft.customers;
  const bands = Object.entries(byBand).map(([b, n]) => `${b === 'none' ? t('strat.simNoScore') : t(`strat.cond.risk.${b}`)}: ${n}`).join(', ');
  const bandsText = bandsAsOf === null ? t('strat.simNoBands') : bands ? t('strat.simByBand', { date: date(bandsAsOf, locale), list: bands }) : null;
  const activeSteps = countBy(sim.active.actions, (a) => a.step_id);
  const draftSteps = countBy(sim.draft.actions, (a) => a.step_id);
  const steps = [...new Set([...draftSteps.keys(), ...activeSteps.keys()])];
  const activeDays = new Map(sim.active.days.map((d) => [d.date, d]));
  const days = sim.draft.days.filter((d) => Object.keys(d.by_channel).length || Object.keys(activeDays.get(d.date)?.by_channel ?? {}).length);
  const channels = CHANNELS.filter((c) => days.some((d) => d.by_channel[c] || activeDays.get(d.date)?.by_channel[c]));
  const pair = (draft: number, active: number) => (draft === active ? String(draft) : `${draft} (${active})`);
  const sample = [...sim.draft.actions.filter((a) => newSteps.has(a.step_id)), ...sim.draft.actions.filter((a) => !newSteps.has(a.step_id))].slice(0, 12);
  return (
    <section className="card" aria-label={t('strat.simulate')} data-testid="simulation">
      <h2>{t('strat.simTitle', { from: date(sim.draft.from, locale), to: date(sim.draft.to, locale) })}</h2>
      <p className="muted small">{t('strat.simNote')}</p>
      {sim.segments ? <p className="notice small" data-testid="sim-unsaved-segments">{t('strat.simUnsavedSegments')}</p> : null}
      <p data-testid="sim-customers" title={sim.draft.customers.reason}>
        {t('strat.simCustomers', { n: sim.draft.customers.count, active: sim.active.customers.count })}
        {bySegment ? ` · ${t('strat.simBySegment', { list: bySegment })}` : ''}
      </p>
      {bandsText ? <p className="muted small" data-testid="sim-bands">{bandsText}</p> : null}
      {steps.length === 0 ? <p>{t('strat.simNone')}</p> : null}
      <table className="compact" data-testid="sim-by-step">
        <caption>{t('strat.simByStep')}</caption>
        <thead><tr><th scope="col">{t('strat.step')}</th><th scope="col" className="num">{t('strat.simActive')}</th><th scope="col" className="num">{t('strat.simDraft')}</th></tr></thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s} data-step={s}>
              <th scope="row">{s} {newSteps.has(s) ? <span className="sim-new">{t('strat.simNew')}</span> : null}</th>
              <td className="num" data-version="active">{activeSteps.get(s) ?? 0}</td>
              <td className="num" data-version="draft">{draftSteps.get(s) ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="compact" data-testid="sim-by-day">
        <caption>{t('strat.simByDay')} — {t('strat.simDraft')} ({t('strat.simActive')})</caption>
        <thead><tr><th scope="col">{t('strat.simDate')}</th>{channels.map((c) => <th key={c} scope="col" className="num">{t(`strat.channel.${c}`)}</th>)}</tr></thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date} data-date={d.date}>
              <th scope="row">{date(d.date, locale)}</th>
              {channels.map((c) => <td key={c} className="num">{pair(d.by_channel[c] ?? 0, activeDays.get(d.date)?.by_channel[c] ?? 0)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('strat.simSample')}</h3>
      <ul data-testid="sim-sample">
        {sample.map((a, i) => (
          <li key={i} data-step={a.step_id}>
            {date(a.date, locale)} · {a.customer} · {a.step_id} · {a.channels.map((c) => t(`strat.channel.${c}`)).join(', ') || a.kind}
            {a.template ? ` · ${a.template}` : ''} · {a.invoices.join(', ')}
          </li>
        ))}
      </ul>
    </section>
  );
}
