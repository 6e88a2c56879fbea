// The receivables ledger: customers, invoices, payments, allocations, adjustments, aging and imports.
export * from './fields.ts';
export * from './page.ts';
export * from './customers.ts';
export * from './invoices.ts';
export * from './payments.ts';
export * from './adjustments.ts';
export * from './aging.ts';
export * from './receivables.ts';
export { refreshInvoices } from './balances.ts';
export * from './import/index.ts';
export * from './lookups.ts';
export { overdueOnProblem, type OverdueOn, type OverdueOnBalance } from './overdue-on.ts';
export { checkLedgerTotals, rebuildLedgerTotals, type TotalsDifference } from './totals.ts';
