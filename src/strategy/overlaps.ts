// Event steps that run together: steps on the same event all run on each occurrence (the planner plans each event step
// on its own, src/engine/planner.ts), and a shorter no-reply wait starts again from every message, so a longer one waits
// behind it. Pure, on the steps' shapes only, so the API and the editor (web/) give the same warnings.

type Channel = 'email' | 'sms' | 'whatsapp' | 'voice';
/** The parts of a step the check reads: the API's Step, and the editor's. */
export interface OverlapStep {
  id: string;
  trigger: { on: string; days?: number; hours?: number };
  condition?: unknown;
  actions: readonly { type: string }[];
}

/**
 * `same_event`: two or more steps on one event (no_reply: the same hours) run together on each occurrence; `identical` when
 * two of them have the same condition and actions. `no_reply_shadowed`: a no_reply step waiting longer than another that
 * sends (steps: the shorter, then the longer): the shorter restarts the wait with each message it sends.
 */
export interface StepOverlap {
  code: 'same_event' | 'no_reply_shadowed';
  event: string;
  steps: string[];
  /** For no_reply, the wait of each step named, in the same order; empty for the other events. */
  hours: number[];
  /** The channels two or more of the steps send on. */
  channels: Channel[];
  identical: boolean;
  message: string;
}

const EVENT_WORDS: Record<string, string> = {
  promise_broken: 'a broken promise', plan_instalment_missed: 'a missed instalment', message_failed: 'a failed message',
};
const eventWords = (on: string, hours?: number) => (on === 'no_reply' ? `no reply in ${hours} hours` : EVENT_WORDS[on] ?? on);

/** A value as text with object keys sorted, so two steps written in another key order compare equal. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${k}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

/** A send action without the values the schema fills in (no payment link, no fallback), as the editor may leave them out. */
function withoutDefaults(a: OverlapStep['actions'][number]): Record<string, unknown> {
  const { paymentLink, fallback, ...rest } = a as Record<string, unknown>;
  return { ...rest, ...(paymentLink ? { paymentLink } : {}), ...(Array.isArray(fallback) && fallback.length ? { fallback } : {}) };
}

const sends = (s: OverlapStep): Channel[] =>
  s.actions.flatMap((a) => (a.type === 'send' ? [...((a as { channels?: readonly Channel[] }).channels ?? [])] : []));

/** The channels at least two of the steps send on, in the order first met. */
function sharedChannels(steps: readonly OverlapStep[]): Channel[] {
  const count = new Map<Channel, number>();
  for (const s of steps) for (const c of new Set(sends(s))) count.set(c, (count.get(c) ?? 0) + 1);
  return [...count].filter(([, n]) => n > 1).map(([c]) => c);
}

function sameEvent(on: string, hours: number | undefined, group: OverlapStep[]): StepOverlap {
  const channels = sharedChannels(group);
  const body = (s: OverlapStep) => canonical({ condition: s.condition, actions: s.actions.map(withoutDefaults) });
  const identical = group.some((s, i) => group.some((o, j) => j > i && body(o) === body(s)));
  const ids = group.map((s) => s.id);
  const what = identical ? 'two of them do exactly the same, so it is done twice'
    : channels.length ? `the debtor gets a message from each on ${channels.join(', ')} at once (the contact caps may defer one)`
    : 'their actions all happen';
  return {
    code: 'same_event', event: on, steps: ids, hours: hours === undefined ? [] : ids.map(() => hours), channels, identical,
    message: `steps ${ids.join(', ')} all run on ${eventWords(on, hours)}, at the same time, unless their conditions keep them apart: ${what}`,
  };
}

/** Every warning about the event steps of a strategy or a draft, in the order of the steps. */
export function eventStepOverlaps(steps: readonly OverlapStep[]): StepOverlap[] {
  const groups = new Map<string, OverlapStep[]>();
  for (const s of steps) {
    if (s.trigger.on === 'days') continue;
    const key = s.trigger.on === 'no_reply' ? `no_reply:${s.trigger.hours}` : s.trigger.on;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const out: StepOverlap[] = [];
  for (const group of groups.values()) {
    const on = group[0]!.trigger.on;
    if (group.length > 1) out.push(sameEvent(on, on === 'no_reply' ? group[0]!.trigger.hours : undefined, group));
  }
  // no-reply waits: the shortest one that sends restarts every longer wait with each message it sends
  const noReply = [...groups.values()].filter((g) => g[0]!.trigger.on === 'no_reply').map((g) => g[0]!)
    .sort((a, b) => (a.trigger.hours ?? 0) - (b.trigger.hours ?? 0));
  const shortest = noReply.find((s) => sends(s).length > 0);
  if (shortest) {
    for (const longer of noReply.filter((s) => (s.trigger.hours ?? 0) > (shortest.trigger.hours ?? 0))) {
      const hours = [shortest.trigger.hours ?? 0, longer.trigger.hours ?? 0];
      out.push({ code: 'no_reply_shadowed', event: 'no_reply', steps: [shortest.id, longer.id], hours, channels: [], identical: false,
        message: `step ${longer.id} (no reply in ${hours[1]} hours) waits behind ${shortest.id} (no reply in ${hours[0]} hours): each message ${shortest.id} sends starts the wait again, so ${longer.id} runs only when ${shortest.id} sends nothing` });
    }
  }
  return out;
}
