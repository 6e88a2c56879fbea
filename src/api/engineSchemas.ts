// API shapes of the engine's resources (strategies, segments, cases, tasks, ticks, simulations) as zod schemas.
import { z } from 'zod';
import { ConditionSchema, SlugSchema, StepSchema } from '../strategy/index.ts';
import { dateSchema } from '../ledger/index.ts';

const ts = z.string().meta({ format: 'date-time' });

export const strategySchema = z.object({
  id: z.string(), version: z.number().int(), name: z.string(), active: z.boolean(), created_at: ts,
  definition: z.record(z.string(), z.unknown()).meta({ description: 'the strategy: id, name, version, description, steps' }),
}).meta({ id: 'Strategy' });

/** What the editor and the API warn about in a strategy's steps, without refusing it (src/strategy/overlaps.ts). */
export const stepWarningSchema = z.object({
  code: z.enum(['same_event', 'no_reply_shadowed']).meta({ description: 'same_event: steps on one event (no_reply: the same hours) all run together on each occurrence; no_reply_shadowed: a no_reply step waits behind a shorter one that sends, which restarts the wait with each message' }),
  event: z.string(), steps: z.array(z.string()).meta({ description: 'the step ids (no_reply_shadowed: the shorter, then the longer)' }),
  hours: z.array(z.number().int()).meta({ description: 'for no_reply, the wait of each step named, in the same order' }),
  channels: z.array(z.string()).meta({ description: 'channels two or more of the steps send on' }),
  identical: z.boolean().meta({ description: 'two of the steps have the same condition and actions: the same thing is done twice' }),
  message: z.string(),
}).meta({ id: 'StepWarning' });
const warnings = z.array(stepWarningSchema).meta({ description: 'steps that run together or wait behind another; the strategy is taken all the same' });

export const savedStrategySchema = strategySchema.extend({ warnings }).meta({ id: 'SavedStrategy' });

export const newStrategySchema = z.object({
  id: SlugSchema, name: z.string().min(1).max(120), description: z.string().max(1000).optional(),
  steps: z.array(StepSchema).min(1), activate: z.boolean().default(false),
});

export const segmentSchema = z.object({ id: SlugSchema, name: z.string().min(1).max(120), strategyId: SlugSchema, when: ConditionSchema })
  .meta({ id: 'Segment' });

export const caseSchema = z.object({
  id: z.string(), customer_id: z.string(), customer_name: z.string(), status: z.enum(['open', 'closed']),
  strategy_id: z.string().nullable(), strategy_version: z.number().int().nullable(), segment_id: z.string().nullable(),
  current_step_id: z.string().nullable(), cycle: z.number().int(), anchor_due_date: z.string().nullable(),
  next_action_at: ts.nullable(), paused_until: ts.nullable(), escalated: z.boolean(), stop_code: z.string().nullable(),
  opened_at: ts, closed_at: ts.nullable(),
}).meta({ id: 'Case' });

const caseActionSchema = z.object({
  id: z.string(), idempotency_key: z.string(), strategy_id: z.string(), strategy_version: z.number().int(), step_id: z.string(),
  cycle: z.number().int(), kind: z.string(), channels: z.array(z.string()), template: z.string().nullable(), tone: z.string().nullable(),
  scheduled_for: z.string(), status: z.string(), reason: z.string(), invoice_ids: z.array(z.string()),
});
const caseEventSchema = z.object({
  id: z.string(), at: ts, kind: z.string(), step_id: z.string().nullable(), idempotency_key: z.string().nullable(),
  reason: z.string(), data: z.record(z.string(), z.unknown()),
});
export const caseDetailSchema = caseSchema.extend({ actions: z.array(caseActionSchema), timeline: z.array(caseEventSchema) })
  .meta({ id: 'CaseDetail' });

export const taskSchema = z.object({
  id: z.string(), case_id: z.string(), customer_id: z.string(), customer_name: z.string(), kind: z.string(), priority: z.string(),
  note: z.string().nullable(), status: z.enum(['open', 'done', 'cancelled']), due_date: z.string(), outcome: z.string().nullable(),
  created_at: ts, completed_at: ts.nullable(), completed_by: z.string().nullable(),
  assigned_to: z.string().nullable().meta({ description: 'the user whose worklist holds it; null: unassigned' }),
  due_at: ts.nullable().meta({ description: 'a callback\'s instant' }), created_by: z.string().nullable().meta({ description: 'who added it by hand' }),
  worked_at: ts.nullable().meta({ description: 'when a person first logged a call on it; the engine\'s stops then leave it to them' }),
  caller: z.string().nullable().meta({ description: 'the number to call back on an unknown caller\'s call-back task (kept out of the note; sealed in the database with field encryption on); null otherwise' }),
}).meta({ id: 'Task' });

export const simulationRequest = z.object({
  from: dateSchema, to: dateSchema, strategy_id: SlugSchema.optional().meta({ description: 'plan only this strategy\'s customers (see customers)' }),
  customers: z.enum(['segments', 'all']).default('segments').meta({ description: 'with strategy_id: segments, only the customers the org\'s segments put on it (as the tick would); all, every customer on it' }),
  version: z.number().int().min(1).optional().meta({ description: 'run this stored version of strategy_id (a draft) in place of the active one' }),
  open_cases: z.boolean().optional().meta({ description: 'start from the org\'s open cases as they stand, each keeping its strategy as the tick does (the default when from is today or later); false assigns every customer afresh by the segments. Ignored with customers: all' }),
  strategy: z.object({ name: z.string(), description: z.string().optional(), steps: z.array(z.unknown()) }).optional().meta({
    description: 'an unsaved draft of strategy_id (name, description, steps as POST /v1/strategies takes them), run in place of its active version and checked as a save checks it (a refusal names strategy.steps.N.field); nothing is stored. Not with version' }),
  segments: z.array(segmentSchema).min(1).optional().meta({ description: 'an ordered list of segments, as PUT /v1/segments takes it and checked the same way (a refusal names segments.N.field), used in place of the stored segments for this run only: simulate unsaved segment edits. Nothing is stored' }),
});

const simActionSchema = z.object({
  date: z.string(), customer_id: z.string(), customer: z.string(), invoices: z.array(z.string()), invoice_ids: z.array(z.string()),
  strategy_id: z.string(), step_id: z.string(), kind: z.string(), channels: z.array(z.string()), template: z.string().nullable(), reason: z.string(),
  planned_before: z.literal(true).optional().describe('planned by the tick before the run and not sent yet: counted on the day it goes out, not planned again'),
});
const simDaySchema = z.object({
  date: z.string(), actions: z.number().int(), skipped: z.number().int(), tasks: z.number().int(), open_cases: z.number().int(),
  opened: z.number().int(), closed: z.number().int(), by_step: z.record(z.string(), z.number().int()),
  by_channel: z.record(z.string(), z.number().int()),
});
const simCustomersSchema = z.object({
  count: z.number().int().meta({ description: 'distinct customers whose case the run planned on the strategy (or any, without strategy_id)' }),
  by_segment: z.record(z.string(), z.number().int()).meta({ description: 'those customers by the segment that assigned them' }),
  by_band: z.partialRecord(z.enum(['high', 'medium', 'low', 'none']), z.number().int()).meta({
    description: 'those customers by the risk band the run gave them: the latest score run\'s, as the tick reads it (none: not scored)' }),
  bands_as_of: z.string().nullable().meta({ description: 'the day of the score run the bands come from; null when the org has no scores' }),
  reason: z.string(),
});
export const simulationSchema = z.object({
  from: z.string(), to: z.string(), strategy_id: z.string().nullable(), customers: simCustomersSchema, days: z.array(simDaySchema), actions: z.array(simActionSchema),
  warnings: warnings.optional().meta({ description: 'with strategy_id: the warnings on the steps of the version run' }),
}).meta({ id: 'Simulation' });

export const tickRequest = z.object({
  as_of: z.iso.datetime({ offset: true }).optional().meta({ description: 'the instant to run at; now by default' }),
  dry_run: z.boolean().default(false),
  sync: z.boolean().default(true).meta({ description: 'open and close cases from the ledger first' }),
});

export const tickSchema = z.object({
  now: ts, dry_run: z.boolean(), cases: z.number().int(), batches: z.number().int(), planned: z.number().int(),
  skipped: z.number().int(), cancelled: z.number().int(), tasks: z.number().int(), closed: z.number().int(), ms: z.number(),
  sync: z.object({ opened: z.number().int(), reopened: z.number().int(), closed: z.number().int(), refreshed: z.number().int() }).nullable(),
  actions: z.array(z.object({ case_id: z.string(), customer_id: z.string(), step_id: z.string(), scheduled_for: z.string(),
    invoice_ids: z.array(z.string()), reason: z.string() })),
}).meta({ id: 'Tick' });
