// API shapes of the debtor portal (/portal/api) and of the staff's portal routes, as zod schemas.
import { z } from 'zod';
import { CHANNELS, currencySchema, dateSchema } from '../../ledger/index.ts';
import { DISPUTE_REASONS, FREQUENCIES } from '../../payments/index.ts';
import { QR_FORMATS } from '../../payments/transfer/index.ts';
import { portalSettingsSchema } from '../../portal/index.ts';

const minor = z.number().int().meta({ description: 'integer minor units of the currency' });
const ts = z.string().meta({ format: 'date-time' });

/** The org as the page's header shows it: its name, and whether it has a logo (the page asks GET /portal/api/logo only then). */
const portalOrg = z.object({ name: z.string(),
  logo: z.boolean().optional().meta({ description: 'whether the org has a logo (always sent): GET /portal/api/logo serves it' }) });

export const portalLinkInfoSchema = z.object({
  org: portalOrg, language: z.enum(['en', 'es', 'pt-BR']), locale: z.string(),
  second_factor: z.enum(['none', 'tax_id_last4', 'postcode']), verified: z.boolean(),
}).meta({ id: 'PortalLinkInfo' });

const invoice = z.object({
  id: z.string(), number: z.string(), issue_date: z.string(), due_date: z.string(), currency: z.string(), amount: minor, balance: minor,
  status: z.string(), days_overdue: z.number().int(), disputed: z.boolean(),
  adjustments: z.array(z.object({ kind: z.string(), amount: minor, date: z.string() })),
});

export const transferQrSchema = z.object({
  format: z.enum(QR_FORMATS).meta({ description: 'epc: a SEPA credit transfer (EPC069-12); pix: the PIX BR Code, which PIX apps also take pasted (copia e cola)' }),
  payload: z.string().meta({ description: 'what the QR code carries, for the amount owed and the reference to quote' }),
  svg: z.string().meta({ description: 'the QR code as a self-contained SVG image' }),
}).meta({ id: 'TransferQr' });
const transferLine = z.object({ label: z.string(), value: z.string(), copy: z.string().meta({ description: 'the value without grouping spaces' }) });
const transferViewSchema = z.object({ currency: z.string(), accounts: z.array(z.object({ id: z.string(), kind: z.string(), label: z.string().nullable(),
  lines: z.array(transferLine), main: transferLine, reference: z.string(), qr: transferQrSchema.optional() })) }).meta({ id: 'PortalBankTransfer' });

export const portalAccountSchema = z.object({
  customer: z.object({ name: z.string() }), org: portalOrg, language: z.enum(['en', 'es', 'pt-BR']), locale: z.string(), today: z.string(),
  totals: z.array(z.object({ currency: z.string(), balance: minor, overdue: minor })),
  invoices: z.array(invoice),
  payments: z.array(z.object({ date: z.string(), amount: minor, currency: z.string() })),
  promise: z.object({ id: z.string(), kind: z.string(), amount: minor, currency: z.string(), due_date: z.string(), status: z.string() }).nullable(),
  plan: z.object({ id: z.string(), currency: z.string(), total: minor, paid: minor, frequency: z.string(), status: z.string(),
    instalments: z.array(z.object({ seq: z.number().int(), due_date: z.string(), amount: minor, paid: z.boolean() })) }).nullable(),
  disputes: z.array(z.object({ id: z.string(), reason: z.string(), amount: minor, currency: z.string(), status: z.string(), created_at: ts })),
  payments_in_flight: z.array(z.object({ kind: z.enum(['voucher', 'debit']), method: z.string(), amount: minor, currency: z.string(), expires_at: ts,
    started_on: z.string().meta({ format: 'date', description: 'the debtor\'s date the payment went in flight' }) })).optional()
    .meta({ description: 'payments in flight through a payment link: vouchers issued and not paid yet (OXXO, boleto: reminders wait until they expire) and bank debits the gateway has not confirmed (Stripe SEPA or ACH processing, a PayPal eCheck pending: reminders wait until it settles, at most until expires_at)' }),
  online_payment: z.boolean().meta({ description: 'false when the org has connected no payment gateway' }),
  bank_transfer: z.array(transferViewSchema).optional()
    .meta({ description: 'how to pay by bank transfer, per currency owed that the org has accounts in, with the reference to quote' }),
  limits: z.object({ promise_last_date: z.string(), promise_min_share_bp: z.number().int(), extension_max_days: z.number().int() }),
  signed_in: z.boolean().optional().meta({ description: 'true (always sent) when the page is open through the second factor\'s session, which'
    + ' POST /portal/api/session/sign-out ends; false when the org asks no second factor (nothing to sign out of)' }),
}).meta({ id: 'PortalAccount' });

const day = z.string().meta({ format: 'date', description: 'a date in the debtor\'s time zone' });

/** The rows of the portal history's first page (without the cursors: portal-history-schemas.ts adds them). */
export const portalHistorySchema = z.object({
  plan_cancellable: z.boolean().meta({ description: 'whether the org lets the debtor cancel their plan here (a pending promise they may always cancel)' }),
  promises: z.array(z.object({ id: z.string(), kind: z.enum(['promise', 'extension']), amount: minor, currency: z.string(), made_on: day, due_date: day,
    paid: minor.nullable(), status: z.enum(['kept', 'partly_kept', 'broken', 'replaced', 'cancelled']), ended_on: day.nullable(), cancelled_by_you: z.boolean() })),
  plans: z.array(z.object({ id: z.string(), currency: z.string(), total: minor, paid: minor, frequency: z.string(), instalment_count: z.number().int(),
    status: z.enum(['completed', 'broken', 'cancelled']), made_on: day, ended_on: day.nullable(), cancelled_by_you: z.boolean() })),
  disputes: z.array(z.object({ id: z.string(), reason: z.string(), amount: minor, currency: z.string(), status: z.enum(['open', 'valid', 'invalid']),
    opened_on: day, resolved_on: day.nullable(),
    attachment: z.object({ filename: z.string(), content_type: z.string(), size: z.number().int() }).nullable()
      .meta({ description: 'the file the debtor sent with it (through the portal or the agent); none for a file staff attached' }) })),
});

export const portalContactSchema = z.object({
  preferred_channel: z.enum(CHANNELS).nullable(),
  channels: z.array(z.object({ channel: z.enum(CHANNELS), address: z.string(), stopped: z.boolean(), can_resume: z.boolean() })),
  preferable: z.array(z.enum(CHANNELS)).meta({ description: 'the channels the debtor may prefer (confirmations go on it): voice only when the org has a voice provider' }),
}).meta({ id: 'PortalContact' });

export const portalBodies = {
  verify: z.object({ answer: z.string().trim().min(1).max(64) }),
  cancel: z.object({ confirm: z.literal(true).meta({ description: 'the debtor confirmed the cancellation' }) }).strict(),
  pay: z.object({ amount: z.number().int().positive().optional().meta({ description: 'a part payment; the whole balance when absent' }),
    currency: currencySchema.optional(), invoice_ids: z.array(z.string().min(1)).max(200).optional() }),
  promise: z.object({ amount: z.number().int().positive(), currency: currencySchema, due_date: dateSchema }),
  plan: z.object({ instalments: z.number().int().min(1).max(120), frequency: z.enum(FREQUENCIES), down_payment: z.number().int().min(0).optional() }),
  extension: z.object({ days: z.number().int().min(1).max(365), reason: z.string().trim().max(1000).optional() }),
  dispute: z.object({
    reason: z.enum(DISPUTE_REASONS), text: z.string().trim().max(5000).optional(),
    invoice_ids: z.array(z.string().min(1)).max(500).default([]).meta({ description: 'empty: every open, undisputed invoice' }),
    attachment: z.object({ filename: z.string().min(1).max(500), content_type: z.string().min(1).max(200), data_base64: z.string().max(7_000_000) }).optional(),
  }),
  contact: z.object({
    channels: z.object(Object.fromEntries(CHANNELS.map((c) => [c, z.boolean().optional()])) as Record<(typeof CHANNELS)[number], z.ZodOptional<z.ZodBoolean>>)
      .strict().optional().meta({ description: 'true: may be contacted on it; false: stop' }),
    preferred_channel: z.enum(CHANNELS).nullable().optional(),
  }),
};

export const portalLinkSchema = z.object({
  id: z.string(), customer_id: z.string(), source: z.string(), actor: z.string(), created_at: ts, expires_at: ts,
  revoked_at: ts.nullable(), last_opened_at: ts.nullable(),
}).meta({ id: 'PortalLink' });

export const newPortalLinkSchema = portalLinkSchema.extend({
  url: z.string().meta({ description: 'the link to send the debtor: /p/<token> under the public URL' }), token: z.string(),
}).meta({ id: 'NewPortalLink' });

export const portalSettingsBody = portalSettingsSchema.partial().strict();
export const portalSettingsViewSchema = portalSettingsSchema.extend({
  updated_at: ts.nullable().meta({ description: 'when they were last changed; null while the org keeps the defaults' }),
  updated_by: z.string().nullable().meta({ description: 'who last changed them: `user:<id>`, `key:<id>` (an API key) or `cli`' }),
}).meta({ id: 'PortalSettings' });
