// The strategy shapes the editor reads and writes: the API's Strategy resource and its steps, and the simulation's answer.
import { exponent } from '../app/format.ts';
export const CHANNELS = ['email', 'sms', 'whatsapp', 'voice'] as const;
export type Channel = (typeof CHANNELS)[number];
export const TONES = ['friendly', 'neutral', 'formal', 'firm'] as const;
export type Tone = (typeof TONES)[number];
/** The languages templates are written in (the preview API's codes). */
export const TEMPLATE_LANGUAGES = ['en', 'es', 'pt-BR'] as const;

export const RISK_BANDS = ['low', 'medium', 'high'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];
export interface Range { min?: number; max?: number }
export interface Money { amount: number; currency: string }
/** The API's condition (segments' `when` and steps' `condition`): every criterion present must hold. */
export interface Condition {
  daysPastDue?: Range; balanceAbove?: Money; balanceBelow?: Money; invoiceCount?: Range; averageDaysLate?: Range; brokenPromises?: Range;
  preferredChannel?: Channel[]; country?: string[]; tagsAny?: string[]; tagsAll?: string[]; riskBand?: RiskBand[];
}
export type Criterion = keyof Condition;
export const RANGES = ['daysPastDue', 'invoiceCount', 'averageDaysLate', 'brokenPromises'] as const;
export const AMOUNTS = ['balanceAbove', 'balanceBelow'] as const;
export const WORDS = ['country', 'tagsAny', 'tagsAll'] as const;
export const CRITERIA: Criterion[] = ['daysPastDue', 'balanceAbove', 'balanceBelow', 'invoiceCount', 'averageDaysLate', 'brokenPromises',
  'preferredChannel', 'country', 'tagsAny', 'tagsAll', 'riskBand'];

export const TASKS = ['call', 'review', 'negotiate'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const ACTION_TYPES = ['send', 'task', 'charge', 'pause', 'escalate'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];
export interface SendAction { type: 'send'; channels: Channel[]; template: string; tone: Tone; paymentLink?: boolean; fallback?: Channel[] }
export interface TaskAction { type: 'task'; task: (typeof TASKS)[number]; priority: (typeof PRIORITIES)[number]; note?: string }
export type ChargeRule = { kind: 'fixed'; amount: Money } | { kind: 'percentage'; basisPoints: number }
  | { kind: 'eu_b2b'; fixedFee: Money; marginBasisPoints?: number; referenceRateBasisPoints?: number };
export interface ChargeAction { type: 'charge'; charge: 'late_fee' | 'interest'; rule: ChargeRule }
export interface PauseAction { type: 'pause'; days: number }
export interface EscalateAction { type: 'escalate'; to: 'agency' | 'legal' }
export type StepAction = SendAction | TaskAction | ChargeAction | PauseAction | EscalateAction;
export type Trigger = { on: 'days'; days: number } | { on: 'no_reply'; hours: number } | { on: 'promise_broken' | 'plan_instalment_missed' | 'message_failed' };

export interface Step { id: string; name?: string; trigger: Trigger; condition?: Condition; actions: StepAction[] }
export interface Definition { id: string; name: string; version: number; description?: string; steps: Step[] }
export interface StoredStrategy { id: string; version: number; name: string; active: boolean; created_at: string; definition: Definition }
export interface Segment { id: string; name: string; strategyId: string; when: Condition }
export interface TemplateInfo { id: string; channels: Channel[]; tags: string[] }

export interface SimDay { date: string; actions: number; skipped: number; tasks: number; by_step: Record<string, number>; by_channel: Record<string, number> }
export interface SimAction { date: string; customer_id: string; customer: string; invoices: string[]; step_id: string; kind: string; channels: string[]; template: string | null }
/** The customers a run took: those the org's segments put on the strategy, by segment id. */
export interface SimCustomers {
  count: number; by_segment: Record<string, number>; reason: string;
  /** Those customers by the risk band the run gave them (the latest score run's; none: not scored), and that run's day. */
  by_band: Partial<Record<RiskBand | 'none', number>>; bands_as_of: string | null;
}
export interface Simulation { from: string; to: string; customers: SimCustomers; days: SimDay[]; actions: SimAction[] }

export const isSend = (a: StepAction): a is SendAction => a.type === 'send';
export const dayOf = (s: Step): number | null => (s.trigger.on === 'days' ? s.trigger.days : null);

/** Day steps sorted by their offset (the API wants them in increasing order), event steps after them as they were. */
export function ordered(steps: Step[]): Step[] {
  const days = steps.filter((s) => s.trigger.on === 'days').sort((a, b) => (dayOf(a) ?? 0) - (dayOf(b) ?? 0));
  return [...days, ...steps.filter((s) => s.trigger.on !== 'days')];
}

/** A new action of a kind with the defaults a person then changes (`template` for a send, `currency` for a charge). */
export function newAction(type: ActionType, template: string, currency: string): StepAction {
  switch (type) {
    case 'send': return { type, channels: ['email'], template, tone: 'neutral', paymentLink: true, fallback: [] };
    case 'task': return { type, task: 'call', priority: 'normal' };
    case 'charge': return { type, charge: 'late_fee', rule: { kind: 'fixed', amount: { amount: 10 ** exponent(currency) * 10, currency } } };
    case 'pause': return { type, days: 7 };
    case 'escalate': return { type, to: 'agency' };
  }
}

