// A strategy step as a schema: when it fires (days from the due date, or an event), an optional
// condition, and what it does (send, task, charge, pause, escalate).
import { z } from 'zod';
import { ConditionSchema } from './condition.ts';
import {
  ChannelSchema, EscalationTargetSchema, MoneySchema, PrioritySchema, SlugSchema, TaskKindSchema, ToneSchema,
} from './vocabulary.ts';

/** Days relative to the due date of the case's oldest open invoice; negative is before it. */
const DaysTrigger = z.object({ on: z.literal('days'), days: z.number().int().min(-365).max(3650) });
const PromiseBroken = z.object({ on: z.literal('promise_broken') });
const InstalmentMissed = z.object({ on: z.literal('plan_instalment_missed') });
/** Fires this many hours after the last outbound message when the debtor has not replied since. */
const NoReply = z.object({ on: z.literal('no_reply'), hours: z.number().int().min(1).max(24 * 90) });
const MessageFailed = z.object({ on: z.literal('message_failed') });

export const TriggerSchema = z.discriminatedUnion('on', [DaysTrigger, PromiseBroken, InstalmentMissed, NoReply, MessageFailed]);
export type Trigger = z.infer<typeof TriggerSchema>;
export type EventName = Exclude<Trigger['on'], 'days'>;

export const SendActionSchema = z.object({
  type: z.literal('send'),
  /** Every listed channel is used; duplicates are refused. */
  channels: z.array(ChannelSchema).min(1).refine((c) => new Set(c).size === c.length, 'channels repeat'),
  template: SlugSchema,
  tone: ToneSchema,
  /** Include the debtor's payment link in the message. */
  paymentLink: z.boolean().default(false),
  /** Tried in order, one for each listed channel the debtor cannot be reached on. */
  fallback: z.array(ChannelSchema).default([]),
});

export const TaskActionSchema = z.object({
  type: z.literal('task'),
  task: TaskKindSchema,
  priority: PrioritySchema,
  note: z.string().max(500).optional(),
});

/**
 * How a late fee or interest is computed. Percentages are basis points (1% = 100) so no float is
 * stored. `eu_b2b` is Directive 2011/7/EU: a fixed compensation per invoice plus annual interest at the
 * reference rate (in the rule, or supplied when applied) plus a margin of 800 basis points.
 */
export const ChargeRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), amount: MoneySchema }),
  z.object({ kind: z.literal('percentage'), basisPoints: z.number().int().min(1).max(10_000) }),
  z.object({
    kind: z.literal('eu_b2b'),
    fixedFee: MoneySchema,
    marginBasisPoints: z.number().int().min(0).max(10_000).default(800),
    /** The reference rate of the current half-year (the ECB's main refinancing rate), updated when it changes. */
    referenceRateBasisPoints: z.number().int().min(-1_000).max(10_000).optional(),
  }),
]);
export type ChargeRule = z.infer<typeof ChargeRuleSchema>;

export const ChargeActionSchema = z.object({
  type: z.literal('charge'),
  charge: z.enum(['late_fee', 'interest']),
  rule: ChargeRuleSchema,
});

export const PauseActionSchema = z.object({ type: z.literal('pause'), days: z.number().int().min(1).max(365) });

/** Marks the case as escalated, which stops automatic contact. */
export const EscalateActionSchema = z.object({ type: z.literal('escalate'), to: EscalationTargetSchema });

export const StepActionSchema = z.discriminatedUnion('type', [
  SendActionSchema, TaskActionSchema, ChargeActionSchema, PauseActionSchema, EscalateActionSchema,
]);
export type StepAction = z.infer<typeof StepActionSchema>;
export type SendAction = z.infer<typeof SendActionSchema>;

export const StepSchema = z.object({
  id: SlugSchema,
  name: z.string().min(1).max(120).optional(),
  trigger: TriggerSchema,
  condition: ConditionSchema.optional(),
  actions: z.array(StepActionSchema).min(1),
});
export type Step = z.infer<typeof StepSchema>;
/** A step as written before defaults are filled in (what people and the API send). */
export type StepInput = z.input<typeof StepSchema>;
