// API shapes of arrangements (negotiation limits, promises, plans, extensions, discounts, disputes) as zod schemas, and the
// mapping of the payments capability's camelCase failure fields to the API's snake_case names.
import { z } from 'zod';
import type { Result } from '../../domain/result.ts';
import { DISPUTE_REASONS, FREQUENCIES } from '../../payments/index.ts';
import { currencySchema, dateSchema } from '../../ledger/index.ts';

const ts = z.string().meta({ format: 'date-time' });
const minor = z.number().int().meta({ description: 'integer minor units of the currency' });

export const apiSource = z.enum(['api', 'collector', 'agent']).default('api')
  .meta({ description: 'who arranged it: the API (default), a collector (counted per collector in the kept-promise report) or the agent' });

export const promiseSchema = z.object({
  id: z.string(), customer_id: z.string(), kind: z.enum(['promise', 'extension']), amount: minor, currency: z.string(), made_on: z.string(),
  due_date: z.string(), grace_days: z.number().int(), source: z.string(), channel: z.string().nullable(), actor: z.string(),
  status: z.enum(['pending', 'kept', 'partly_kept', 'broken', 'replaced', 'cancelled']), paid: minor.nullable(), replaced_by: z.string().nullable(), cancelled_by: z.string().nullable(),
  created_at: ts, evaluated_at: ts.nullable(),
}).meta({ id: 'Promise' });

/** Whether to confirm it to the debtor in writing; the org's setting when absent. */
const confirmFlag = z.boolean().optional().meta({ description: 'confirm it to the debtor in writing (email or SMS, through the compliance gate): true or false; the org\'s setting (`GET /v1/confirmations/settings`, on by default) when absent' });

/** What came of the confirmation of an arrangement recorded through the API. */
export const confirmationSchema = z.object({
  message_id: z.string().nullable().meta({ description: 'the confirmation queued in the outbox (sent when the gate allows)' }),
  skipped: z.string().nullable().meta({ description: 'why none was queued' }),
}).meta({ id: 'ArrangementConfirmation' });

export const newPromiseSchema = z.object({
  customer_id: z.string().min(1), amount: z.number().int().positive(), currency: currencySchema, due_date: dateSchema,
  channel: z.string().max(40).optional().meta({ description: 'where it was made (phone, whatsapp, email, portal ...)' }), source: apiSource,
  confirm: confirmFlag,
});

const instalment = z.object({ seq: z.number().int().meta({ description: '0 is the down payment' }), due_date: z.string(),
  moved_from: z.string().optional().meta({ description: 'the day counted from the first, when it fell on a weekend, a holiday of the customer\'s country or the org\'s quiet day and the instalment moved to due_date, the next business day' }),
  principal: minor, interest: minor, amount: minor });
const scheduleFields = {
  currency: z.string(), principal: minor, down_payment: minor, interest: minor, total: minor, interest_annual_bp: z.number().int(),
  frequency: z.enum(FREQUENCIES), start_date: z.string(), first_due_date: z.string(), last_due_date: z.string(), instalments: z.array(instalment),
};
export const schedulePreviewSchema = z.object({ ...scheduleFields, customer_id: z.string(), invoice_ids: z.array(z.string()) }).meta({ id: 'PlanPreview' });
export const planOptionSchema = z.object({ ...scheduleFields, count: z.number().int() }).meta({ id: 'PlanOption' });

export const planSchema = z.object({
  id: z.string(), customer_id: z.string(), currency: z.string(), principal: minor, interest: minor, total: minor, down_payment: minor,
  instalment_count: z.number().int(), frequency: z.enum(FREQUENCIES), interest_bp: z.number().int(), start_date: z.string(), grace_days: z.number().int(),
  invoice_ids: z.array(z.string()), interest_adjustment_id: z.string().nullable(), source: z.string(), actor: z.string(),
  status: z.enum(['active', 'completed', 'broken', 'cancelled']), broken_seq: z.number().int().nullable(), end_reason: z.string().nullable(),
  created_at: ts, ended_at: ts.nullable(), paid: minor.meta({ description: 'paid towards the plan: what its invoices no longer owe of its total' }),
  instalments: z.array(instalment.extend({ paid_amount: minor, paid: z.boolean() })),
}).meta({ id: 'Plan' });

/** Staff cancelling a promise or plan: why (kept, never sent to the debtor), and whether to confirm it to the debtor. */
export const cancelSchema = z.object({
  reason: z.string().max(1000).optional(),
  confirm: z.boolean().optional().meta({ description: 'confirm the cancellation to the debtor in writing (email, SMS or WhatsApp, through the compliance gate): true or false; the org\'s setting (`GET /v1/confirmations/settings`, on by default) when absent' }),
}).default({});

export const newPlanSchema = z.object({
  customer_id: z.string().min(1), instalments: z.number().int().min(1).max(120).meta({ description: 'instalments after the down payment' }),
  down_payment: z.number().int().min(0).optional().meta({ description: 'paid on the start date; the minimum the limits allow when absent' }),
  frequency: z.enum(FREQUENCIES).optional(), first_due_date: dateSchema.optional(), currency: currencySchema.optional(), source: apiSource,
  confirm: confirmFlag,
});

export const newExtensionSchema = z.object({ customer_id: z.string().min(1), days: z.number().int().min(1), reason: z.string().max(1000).optional(),
  source: apiSource, confirm: confirmFlag });

export const extensionSchema = z.object({
  id: z.string(), customer_id: z.string(), days: z.number().int(), new_due_date: z.string(), reason: z.string().nullable(), promise_id: z.string(),
  source: z.string(), actor: z.string(), created_at: ts, promise: promiseSchema.optional(),
}).meta({ id: 'Extension' });

export const discountSchema = z.object({
  id: z.string(), customer_id: z.string(), invoice_ids: z.array(z.string()), currency: z.string(), basis_points: z.number().int(), balance: minor,
  discount: minor, pay_amount: minor, offered_on: z.string(), pay_by: z.string(), grace_days: z.number().int(), source: z.string(), actor: z.string(),
  status: z.enum(['offered', 'applied', 'expired']), adjustment_ids: z.array(z.string()), applied_amount: minor.nullable(), created_at: ts, ended_at: ts.nullable(),
}).meta({ id: 'DiscountOffer' });

export const disputeSchema = z.object({
  id: z.string(), customer_id: z.string(), reason: z.enum(DISPUTE_REASONS), text: z.string().nullable(), currency: z.string(), amount: minor,
  invoice_ids: z.array(z.string()), invoices: z.array(z.object({ invoice_id: z.string(), amount: minor })), source: z.string(), opened_by: z.string(),
  task_id: z.string().nullable(), status: z.enum(['open', 'valid', 'invalid']), resolution_note: z.string().nullable(), resolved_by: z.string().nullable(),
  credit_note_ids: z.array(z.string()), created_at: ts, resolved_at: ts.nullable(),
  attachment: z.object({ filename: z.string(), content_type: z.string(), size: z.number().int(), sha256: z.string() }).nullable(),
}).meta({ id: 'Dispute' });

export const newDisputeSchema = z.object({
  customer_id: z.string().min(1),
  invoice_ids: z.array(z.string().min(1)).max(500).default([]).meta({ description: 'ids or numbers; empty: every open, undisputed invoice of the customer' }),
  reason: z.enum(DISPUTE_REASONS), text: z.string().max(5000).optional(),
  attachment: z.object({ filename: z.string().min(1).max(500), content_type: z.string().min(1).max(200),
    data_base64: z.string().max(7_000_000).meta({ description: 'the file, base64; at most 5 MB decoded' }) }).optional(),
  source: apiSource,
});

export const arrangementEntrySchema = z.object({ at: ts, kind: z.string(), reason: z.string(), data: z.record(z.string(), z.unknown()) });

const rateRow = { promises: z.number().int(), kept: z.number().int(), partly_kept: z.number().int(), broken: z.number().int(),
  pending: z.number().int(), kept_rate: z.number().nullable() };
export const promiseReportSchema = z.object({
  from: z.string(), to: z.string(), total: z.object(rateRow),
  by_channel: z.array(z.object({ channel: z.string(), ...rateRow })), by_collector: z.array(z.object({ collector: z.string(), ...rateRow })),
}).meta({ id: 'PromiseReport' });

/** `customerId` -> `customer_id`, `invoiceIds[2]` -> `invoice_ids[2]`: failures name the field as the API spells it. */
export function apiFields<T>(r: Result<T>): Result<T> {
  if (r.ok || !r.error.field) return r;
  return { ok: false, error: { ...r.error, field: r.error.field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) } };
}

/** The schedule's camelCase fields as the API's snake_case ones. */
export function scheduleBody<T extends { downPayment: number; interestAnnualBp: number; startDate: string; firstDueDate: string; lastDueDate: string;
  instalments: { seq: number; dueDate: string; movedFrom?: string; principal: number; interest: number; amount: number }[] }>(s: T) {
  const { downPayment, interestAnnualBp, startDate, firstDueDate, lastDueDate, instalments, ...rest } = s;
  return { ...rest, down_payment: downPayment, interest_annual_bp: interestAnnualBp, start_date: startDate, first_due_date: firstDueDate,
    last_due_date: lastDueDate, instalments: instalments.map(({ dueDate, movedFrom, ...i }) => ({ ...i, due_date: dueDate, ...(movedFrom ? { moved_from: movedFrom } : {}) })) };
}

/** A promise, plan or extension staff just recorded, with what came of its confirmation to the debtor. */
export const recordedPromiseSchema = promiseSchema.extend({ confirmation: confirmationSchema }).meta({ id: 'RecordedPromise' });
export const recordedPlanSchema = planSchema.extend({ confirmation: confirmationSchema }).meta({ id: 'RecordedPlan' });
export const recordedExtensionSchema = extensionSchema.extend({ confirmation: confirmationSchema }).meta({ id: 'RecordedExtension' });
