// The dashboard's query and answer as zod schemas (validation, serialisation and the OpenAPI document come from here).
import { z } from 'zod';
import { currencySchema, dateSchema } from '../ledger/index.ts';

export const DEFAULT_WEEKS = 12;
export const DEFAULT_DAYS = 30;

export const dashboardQuerySchema = z.object({
  as_of: dateSchema.optional().meta({ description: 'the day the figures are as of (its end); by default today in the org\'s time zone (`time_zone`)' }),
  currency: currencySchema.optional().meta({ description: 'only this currency' }),
  weeks: z.coerce.number().int().min(2).max(52).default(DEFAULT_WEEKS).meta({ description: 'points of the overdue trend, one a week' }),
  days: z.coerce.number().int().min(1).max(366).default(DEFAULT_DAYS).meta({ description: 'the period of strategy performance, ending on as_of' }),
});
export type DashboardQuery = z.input<typeof dashboardQuerySchema>;

const minor = z.number().int().meta({ description: 'integer minor units of the currency' });

export const dashboardSchema = z.object({
  as_of: z.string(), today: z.string().meta({ description: 'the day it is now in the org\'s time zone' }),
  week_from: z.string().meta({ description: 'Monday of the week of as_of' }), month_from: z.string().meta({ description: 'the first of the month of as_of' }),
  quarter_from: z.string().meta({ description: 'the first day of the quarter of as_of' }),
  period: z.object({ from: z.string(), to: z.string() }).meta({ description: 'the period of strategy performance' }),
  time_zone: z.string().meta({ description: 'the org\'s time zone: every period here is days of its calendar (as GET /v1/kpi reads them)' }),
  overdue_trend: z.array(z.object({ currency: z.string(),
    points: z.array(z.object({ date: z.string(), overdue: minor, invoices: z.number().int() })) })),
  collected: z.array(z.object({ currency: z.string(), week: minor, week_payments: z.number().int(), month: minor, month_payments: z.number().int() })),
  strategies: z.array(z.object({
    strategy_id: z.string(), version: z.number().int(), name: z.string(), active: z.boolean(), cases: z.number().int(), open_cases: z.number().int(),
    contacts: z.number().int(), customers_contacted: z.number().int(), collected: z.array(z.object({ currency: z.string(), amount: minor })),
  })),
}).meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof dashboardSchema>;
