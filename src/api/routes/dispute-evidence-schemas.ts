// The shapes of /v1/disputes/{id}/evidence: the draft saved (PUT) and the evidence read back.
import { z } from 'zod';

const slot = z.string().min(1).max(64);

export const evidenceBody = z.object({
  revision: z.number().int().min(0).optional(),
  text: z.record(z.string().min(1).max(64), z.string().max(20_000)).optional(),
  documents: z.object({ statement: slot.nullable().optional(), history: slot.nullable().optional(), summary: slot.nullable().optional() }).strict().optional(),
  defense_reason: z.string().min(1).max(100).nullable().optional(),
  add_files: z.array(z.object({ slot, filename: z.string().min(1).max(200), content_type: z.string().min(1).max(100), data_base64: z.string().min(1) }).strict())
    .max(20).optional(),
  remove_files: z.array(z.string().min(1).max(40)).max(20).optional(),
}).strict();

/** Accepting a PayPal claim: the note PayPal keeps with it. */
export const acceptClaimBody = z.object({ note: z.string().trim().min(1).max(2000) }).strict();

const money = { amount: z.number().int(), currency: z.string() };

export const evidenceSchema = z.object({
  dispute: z.object({ provider: z.enum(['stripe', 'adyen', 'paypal', 'mercadopago']), dispute_id: z.string(), payment_ref: z.string(), customer_id: z.string(), link_id: z.string(),
    ...money, status: z.string(), kind: z.string(), reason: z.string().nullable(), respond_by: z.string().nullable(), money_held: z.boolean(),
    case_id: z.string().nullable() }),
  status: z.enum(['draft', 'submitting', 'submitted']), revision: z.number().int(), defense_reason: z.string().nullable(),
  text: z.record(z.string(), z.string()),
  documents: z.object({ statement: z.string().nullable(), history: z.string().nullable(), summary: z.string().nullable() }),
  files: z.array(z.object({ id: z.string(), slot: z.string(), filename: z.string(), content_type: z.string(), size: z.number().int(), created_at: z.string(), created_by: z.string() })),
  auto: z.object({
    customer: z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }),
    invoices: z.array(z.object({ id: z.string(), number: z.string(), ...money, issue_date: z.string(), due_date: z.string(), service_date: z.string().nullable(), shipping_date: z.string().nullable() })),
    communications: z.array(z.object({ at: z.string(), direction: z.enum(['sent', 'received']), channel: z.string(), status: z.string().nullable(), subject: z.string().nullable(), text: z.string() })),
    arrangements: z.array(z.object({ kind: z.enum(['promise', 'extension', 'plan']), id: z.string(), ...money, made_on: z.string(), due_date: z.string(), status: z.string() })),
    service_date: z.string().nullable(), shipping_date: z.string().nullable(),
  }),
  due_by: z.string().nullable(),
  reminder: z.object({ task_id: z.string(), due_date: z.string(), status: z.string() }).nullable(),
  text_fields: z.array(z.string()), file_slots: z.array(z.string()).nullable(),
  defense_reasons: z.array(z.object({ code: z.string(), satisfied: z.boolean(),
    documentTypes: z.array(z.object({ code: z.string(), requirement: z.string(), available: z.boolean() })) })).nullable(),
  gateway_note: z.string().nullable(), gateway_reply: z.record(z.string(), z.unknown()).nullable(), last_error: z.string().nullable(),
  submitted_at: z.string().nullable(), submitted_by: z.string().nullable(), updated_at: z.string(), updated_by: z.string(),
  answer: z.enum(['evidence', 'accept_claim']).nullable(),
}).meta({ id: 'DisputeEvidence' });
