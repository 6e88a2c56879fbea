// GET /v1/dashboard/risk's query and answer as zod schemas: open balance and expected recovery by risk band.
import { z } from 'zod';
import { currencySchema } from '../ledger/index.ts';

export const riskQuerySchema = z.object({
  currency: currencySchema.optional().meta({ description: 'only this currency' }),
});
export type RiskQuery = z.input<typeof riskQuerySchema>;

const minor = z.number().int().meta({ description: 'integer minor units of the currency' });

export const RISK_BANDS = ['high', 'medium', 'low', 'unscored'] as const;

const bandBalance = z.object({
  currency: z.string(),
  customers: z.number().int().meta({ description: 'customers of the band with an open invoice in this currency' }),
  amount: minor.meta({ description: 'their open balance at the end of today (invoices issued by then with a balance above zero, not cancelled: the aging\'s total of the day)' }),
  share: z.number().meta({ description: 'amount over the currency\'s open balance in every band (0-1, four decimals)' }),
  scored: minor.meta({ description: 'the part of amount on invoices the latest score run scored' }),
  expected_recovery: minor.nullable().meta({ description: 'the run\'s expected recovery over balance applied to today\'s balance of each invoice it scored, summed and rounded; null for unscored' }),
});

export const dashboardRiskSchema = z.object({
  as_of: z.string().meta({ description: 'today in the org\'s time zone: the balances are today\'s' }),
  currency: z.string().nullable(),
  run: z.object({ id: z.string(), as_of: z.string(), finished_at: z.string().nullable() }).nullable()
    .meta({ description: 'the latest finished score run, whose bands and scores are read; null: no score run yet' }),
  previous_run: z.object({ id: z.string(), as_of: z.string() }).nullable()
    .meta({ description: 'the finished run before it whose bands are kept; null: none (then no movement is given)' }),
  note: z.string().nullable().meta({ description: 'in words, when there is no score run yet' }),
  thresholds: z.object({ medium_from: z.number(), high_from: z.number() }).meta({ description: 'the org\'s band thresholds now (a run cuts at those of its day)' }),
  totals: z.array(z.object({ currency: z.string(), customers: z.number().int(), amount: minor }))
    .meta({ description: 'open balance per currency in every band together' }),
  bands: z.array(z.object({
    band: z.enum(RISK_BANDS).meta({ description: 'the customer\'s band in the latest run; unscored: a customer it gave none' }),
    customers: z.number().int().meta({ description: 'customers with an open invoice (in any currency kept)' }),
    movement: z.object({
      up: z.number().int().meta({ description: 'in a lower band at the previous run' }),
      down: z.number().int().meta({ description: 'in a higher band at the previous run' }),
      same: z.number().int(),
      new: z.number().int().meta({ description: 'in no band at the previous run' }),
    }).nullable().meta({ description: 'of the band\'s customers, where they were at the previous run; null without one, and for unscored' }),
    balances: z.array(bandBalance),
  })).meta({ description: 'high, medium, low, then unscored; empty when there is no score run yet' }),
}).meta({ id: 'DashboardRisk' });
export type DashboardRisk = z.infer<typeof dashboardRiskSchema>;
