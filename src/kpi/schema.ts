// The KPI report's shapes as zod schemas (API validation, serialisation and OpenAPI come from here) and their types.
import { z } from 'zod';
import { currencySchema, dateSchema } from '../ledger/index.ts';
import { daysBetween } from '../domain/dates.ts';

/** Ten years of days at most: the flows are read day by day. */
export const MAX_PERIOD_DAYS = 3_660;
export const DEFAULT_ATTRIBUTION_DAYS = 7;

export const kpiQuerySchema = z.object({
  from: dateSchema.meta({ description: 'first day of the period (YYYY-MM-DD)' }),
  to: dateSchema.meta({ description: 'last day of the period, included; point-in-time figures are as of its end' }),
  currency: currencySchema.optional().meta({ description: 'only this currency (costs stay in the currency they are priced in)' }),
  attribution_days: z.coerce.number().int().min(0).max(90).default(DEFAULT_ATTRIBUTION_DAYS)
    .meta({ description: 'a payment is credited to the touches (messages, logged calls, portal visits) within this many days before it' }),
  breakdowns: z.enum(['all', 'channel']).default('all')
    .meta({ description: 'recovery and cost by channel, step and template (all), or by channel only (channel: by_step and by_template come back empty, and the report costs less to compute)' }),
}).superRefine((q, ctx) => {
  if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is before from' });
  else if (daysBetween(q.from, q.to) + 1 > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period is longer than ${MAX_PERIOD_DAYS} days` });
});
export type KpiQuery = z.input<typeof kpiQuerySchema>;

const minor = z.number().int().meta({ description: 'integer minor units of the currency' });
const share = z.number().nullable().meta({ description: 'a share from 0 to 1, to four decimals; null when there is nothing to divide by' });
const days = z.number().nullable().meta({ description: 'days, to two decimals; null when the period had no net credit sales' });
const bucketShape = { current: minor, d1_30: minor, d31_60: minor, d61_90: minor, d91_120: minor, over_120: minor };
const agingShape = z.object({ ...bucketShape, total: minor, invoices: z.number().int() });

export const flowsSchema = z.object({
  invoiced: minor, late_fees: minor, interest: minor, credit_notes: minor, discounts: minor, write_offs: minor,
  collected: minor.meta({ description: 'payments allocated to invoices, less those reversed, in the period' }),
  net_credit_sales: minor.meta({ description: 'invoiced + late fees + interest - credit notes - discounts' }),
});

export const rollRowSchema = z.object({
  from: z.enum(['current', 'd1_30', 'd31_60', 'd61_90', 'd91_120', 'over_120']),
  opening: minor, to: z.object({ ...bucketShape, resolved: minor }), rolled_forward: minor, roll_rate: share, resolved_rate: share,
});

export const receivablesSchema = z.object({
  currency: z.string(), flows: flowsSchema, opening: agingShape, closing: agingShape, roll_rates: z.array(rollRowSchema),
  dso: days, count_back_dso: z.number(), count_back_complete: z.boolean(), best_possible_dso: days, average_days_delinquent: days,
  cei: z.number().nullable().meta({ description: 'collection effectiveness index, a percentage to two decimals' }),
});

export const channelContactSchema = z.object({
  channel: z.string(), messages: z.number().int(), delivered: z.number().int(), failed: z.number().int(),
  accounts_attempted: z.number().int(), accounts_reached: z.number().int(), contact_rate: share,
});
export const contactSchema = z.object({
  accounts_attempted: z.number().int().meta({ description: 'customers sent a message or called by a person in the period' }),
  accounts_reached: z.number().int(), accounts_right_party: z.number().int(),
  contact_rate: share, right_party_rate: share,
  replies: z.number().int().meta({ description: 'messages received from customers in the period' }),
  keypresses: z.number().int().meta({ description: 'keys pressed by customers in the calls cobro made and in the calls they made to the org\'s number (a known caller), received in the period (a response, as a reply is)' }),
  contacts: z.number().int().meta({ description: 'messages sent and calls logged by people in the period' }),
  contacts_per_account: z.number().nullable().meta({ description: 'contacts over accounts attempted, to two decimals' }),
  by_channel: z.array(channelContactSchema).meta({ description: 'per channel; "call" is the calls people logged (messages: calls logged, delivered: answered by the right party), "voice" the automated calls' }),
});

export const promisesSchema = z.object({
  promises: z.number().int(), kept: z.number().int(), partly_kept: z.number().int(), broken: z.number().int(), pending: z.number().int(),
  kept_rate: share,
  by_currency: z.array(z.object({ currency: z.string(), promised: minor, paid: minor, paid_rate: share })),
});

const amountSchema = z.object({ currency: z.string(), amount: minor, payments: z.number().int() });
const costSchema = z.object({
  currency: z.string(), micros: z.number().int().meta({ description: 'millionths of the major unit' }), minor,
  accounts: z.number().int(), per_account_micros: z.number().int(), per_account_minor: minor,
});
const recoveryRow = {
  messages: z.number().int(), cost: z.array(costSchema),
  recovered: z.array(amountSchema).meta({ description: 'last touch: each payment credited whole to the latest touch in the attribution window (a message sent, a call a person logged that reached the debtor, the debtor\'s portal visit); in the total, every payment of the period' }),
  recovered_linear: z.array(amountSchema).meta({ description: 'shared (linear) credit: each payment split equally over every touch in its window, in whole minor units (payments: those sharing credit here); in the total, the payments credited to any touch' }),
};
const recoveryRowSchema = z.object(recoveryRow);
export const recoverySchema = z.object({
  attribution_days: z.number().int(),
  total: recoveryRowSchema,
  by_channel: z.array(z.object({ channel: z.string().nullable(), ...recoveryRow }))
    .meta({ description: 'per channel: the message channels, "call" (calls logged by people) and "portal" (the debtor\'s portal visits), which have no messages or cost' }),
  by_step: z.array(z.object({ strategy_id: z.string().nullable(), step_id: z.string().nullable(), ...recoveryRow })),
  by_template: z.array(z.object({ template: z.string().nullable(), ...recoveryRow })),
  unattributed: z.array(amountSchema),
});

export const kpiReportSchema = z.object({
  from: z.string(), to: z.string(), days: z.number().int(), opening_date: z.string(), currency: z.string().nullable(), time_zone: z.string(),
  receivables: z.array(receivablesSchema), contacts: contactSchema, promises: promisesSchema, recovery: recoverySchema,
}).meta({ id: 'KpiReport' });

export type Flows = z.infer<typeof flowsSchema>;
export type RollRow = z.infer<typeof rollRowSchema>;
export type ReceivablesKpi = z.infer<typeof receivablesSchema>;
export type ChannelContact = z.infer<typeof channelContactSchema>;
export type ContactKpi = z.infer<typeof contactSchema>;
export type PromiseKpi = z.infer<typeof promisesSchema>;
export type RecoveryKpi = z.infer<typeof recoverySchema>;
export type Amount = z.infer<typeof amountSchema>;
export type Cost = z.infer<typeof costSchema>;
export type RecoveryRow = z.infer<typeof recoveryRowSchema>;
export type KpiReport = z.infer<typeof kpiReportSchema>;
