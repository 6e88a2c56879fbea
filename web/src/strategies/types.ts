// The strategy shapes the editor reads and writes: the API's Strategy resource and its steps, and the simulation's answer.
export const CHANNELS = ['email', 'sms', 'whatsapp', 'voice'] as const;
export type Channel = (typeof CHANNELS)[number];
export const TONES = ['friendly', 'neutral', 'formal', 'firm'] as const;
export type Tone = (typeof TONES)[number];
/** The languages templates are written in (the preview API's codes). */
export const TEMPLATE_LANGUAGES = ['en', 'es', 'pt-BR'] as const;

export interface SendAction { type: 'send'; channels: Channel[]; template: string; tone: Tone; paymentLink?: boolean; fallback?: Channel[] }
export type OtherAction = { type: 'task' | 'charge' | 'pause' | 'escalate' } & Record<string, unknown>;
export type StepAction = SendAction | OtherAction;
export type Trigger = { on: 'days'; days: number } | { on: 'no_reply'; hours: number } | { on: 'promise_broken' | 'plan_instalment_missed' | 'message_failed' };

export interface Step { id: string; name?: string; trigger: Trigger; condition?: Record<string, unknown>; actions: StepAction[] }
export interface Definition { id: string; name: string; version: number; description?: string; steps: Step[] }
export interface StoredStrategy { id: string; version: number; name: string; active: boolean; created_at: string; definition: Definition }
export interface Segment { id: string; name: string; strategyId: string; when: Record<string, unknown> }
export interface TemplateInfo { id: string; channels: Channel[]; tags: string[] }

export interface SimDay { date: string; actions: number; skipped: number; tasks: number; by_step: Record<string, number>; by_channel: Record<string, number> }
export interface SimAction { date: string; customer_id: string; customer: string; invoices: string[]; step_id: string; kind: string; channels: string[]; template: string | null }
/** The customers a run took: those the org's segments put on the strategy, by segment id. */
export interface SimCustomers { count: number; by_segment: Record<string, number>; reason: string }
export interface Simulation { from: string; to: string; customers: SimCustomers; days: SimDay[]; actions: SimAction[] }

export const isSend = (a: StepAction): a is SendAction => a.type === 'send';
export const dayOf = (s: Step): number | null => (s.trigger.on === 'days' ? s.trigger.days : null);

/** Day steps sorted by their offset (the API wants them in increasing order), event steps after them as they were. */
export function ordered(steps: Step[]): Step[] {
  const days = steps.filter((s) => s.trigger.on === 'days').sort((a, b) => (dayOf(a) ?? 0) - (dayOf(b) ?? 0));
  return [...days, ...steps.filter((s) => s.trigger.on !== 'days')];
}

/** A step id not yet used: `day-N`, then `day-N-2`... */
export function freshId(steps: Step[], day: number): string {
  const base = day < 0 ? `before-${-day}-new` : `day-${day}`;
  let id = base;
  for (let n = 2; steps.some((s) => s.id === id); n++) id = `${base}-${n}`;
  return id;
}
