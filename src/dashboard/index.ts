// The home dashboard's figures that no other capability answers: overdue trend, collected this week and month, strategy performance.
export { dashboardReport, periodsOf } from './report.ts';
export { dashboardQuerySchema, dashboardSchema, type Dashboard, type DashboardQuery } from './schema.ts';
export { overdueTrend, weekEnds } from './trend.ts';
