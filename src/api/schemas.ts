// API shapes of the ledger's resources, as zod schemas: validation, serialisation and OpenAPI come from here.
import { z } from 'zod';
import { ADJUSTMENT_KINDS, CHANNELS, INVOICE_STATUSES, currencySchema, customerFieldsSchema, dateSchema } from '../ledger/index.ts';

const ts = z.string().meta({ format: 'date-time' });
const minor = z.number().int().meta({ description: 'integer minor units of the currency (cents; pesos for CLP)' });

export const customerSchema = z.object({
  id: z.string(), external_id: z.string(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable(),
  whatsapp: z.string().nullable(), country: z.string().nullable(), region: z.string().nullable(), timezone: z.string().nullable(),
  language: z.string().nullable(), preferred_channel: z.string().nullable(), tags: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()), created_at: ts, updated_at: ts,
  overdue_on: z.object({ date: z.string(), balances: z.array(z.object({ currency: z.string(), amount: minor, invoices: z.number().int() })) }).optional()
    .meta({ description: 'with the list\'s overdue_on filter: what the customer owed overdue at the end of that day, per currency' }),
}).meta({ id: 'Customer' });

export const newCustomerSchema = customerFieldsSchema.extend({ external_id: z.string().trim().min(1).max(200).optional() });
export const customerPatchSchema = customerFieldsSchema.partial();

export const invoiceSchema = z.object({
  id: z.string(), customer_id: z.string(), number: z.string(), external_id: z.string().nullable(), currency: z.string(),
  amount: minor, balance: minor, issue_date: z.string(), due_date: z.string(), status: z.enum(INVOICE_STATUSES),
  metadata: z.record(z.string(), z.unknown()), created_at: ts, updated_at: ts,
}).meta({ id: 'Invoice' });

export const newInvoiceSchema = z.object({
  customer_id: z.string().min(1), number: z.string().trim().min(1).max(100), external_id: z.string().max(200).nullish(),
  currency: currencySchema, amount: z.number().int().min(0), issue_date: dateSchema, due_date: dateSchema,
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export const allocationSchema = z.object({ id: z.string(), invoice_id: z.string(), amount: minor });

export const paymentSchema = z.object({
  id: z.string(), customer_id: z.string(), external_id: z.string(), amount: minor, currency: z.string(), date: z.string(),
  method: z.string().nullable(), reference: z.string().nullable(), source: z.string(),
  unapplied: minor.meta({ description: 'what was not allocated: the customer credit this payment leaves' }),
  reversed_at: ts.nullable(), reversal_reason: z.string().nullable(), created_at: ts, allocations: z.array(allocationSchema),
}).meta({ id: 'Payment' });

export const newPaymentSchema = z.object({
  customer_id: z.string().min(1), amount: z.number().int().positive(), currency: currencySchema, date: dateSchema,
  method: z.string().max(50).nullish(), reference: z.string().max(200).nullish(), external_id: z.string().max(200).optional(),
  allocations: z.array(z.object({ invoice_id: z.string().min(1), amount: z.number().int().positive() })).max(500).optional(),
});

export const adjustmentSchema = z.object({
  id: z.string(), invoice_id: z.string(), kind: z.enum(ADJUSTMENT_KINDS),
  amount: minor.meta({ description: 'signed effect on the balance' }), currency: z.string(), date: z.string(),
  reason: z.string().nullable(), created_at: ts, reversed_at: ts.nullable(),
}).meta({ id: 'Adjustment' });

export const newAdjustmentSchema = z.object({
  invoice_id: z.string().min(1), kind: z.enum(ADJUSTMENT_KINDS), amount: z.number().int().positive(), date: dateSchema,
  currency: currencySchema.optional(), reason: z.string().max(500).nullish(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), has_more: z.boolean(), next_cursor: z.string().nullable() });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().optional(),
});

const agingLine = z.object({
  currency: z.string(), current: minor, d1_30: minor, d31_60: minor, d61_90: minor, d91_120: minor, over_120: minor,
  total: minor, invoices: z.number().int(),
});
export const agingSchema = z.object({
  as_of: z.string(), totals: z.array(agingLine),
  customers: z.array(agingLine.extend({ customer_id: z.string(), external_id: z.string(), name: z.string() })),
}).meta({ id: 'Aging' });

export const channelEnum = z.enum(CHANNELS);
export const idParams = z.object({ id: z.string() });
