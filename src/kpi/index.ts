// KPIs: DSO (standard, count-back, best possible), average days delinquent, CEI, aging and roll rates, contact and
// right-party contact, kept promises, recovery and cost by channel, step and template; per currency, over any period.
export { kpiReport } from './report.ts';
export { kpiQuerySchema, kpiReportSchema, DEFAULT_ATTRIBUTION_DAYS, MAX_PERIOD_DAYS, type KpiQuery, type KpiReport, type ReceivablesKpi,
  type ContactKpi, type PromiseKpi, type RecoveryKpi, type RollRow } from './schema.ts';
export { standardDso, bestPossibleDso, averageDaysDelinquent, countBackDso } from './dso.ts';
export { collectionEffectiveness } from './cei.ts';
export { agingAndRoll } from './roll-rates.ts';
