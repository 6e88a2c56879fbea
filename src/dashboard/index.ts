// The home dashboard's figures that no other capability answers: overdue trend, collected this week and month, strategy performance, risk bands.
export { dashboardReport } from './report.ts';
export { periodsOf, type Periods } from './periods.ts';
export { dashboardQuerySchema, dashboardSchema, type Dashboard, type DashboardQuery } from './schema.ts';
export { overdueTrend, weekEnds } from './trend.ts';
export { riskByBand, shapeBands, NO_RUN_NOTE } from './risk.ts';
export { riskQuerySchema, dashboardRiskSchema, RISK_BANDS, type DashboardRisk, type RiskQuery } from './risk-schema.ts';
