// CSV imports of customers, invoices and payments.
export { importCsv, MAX_REPORTED_ERRORS, type ImportReport, type ImportOptions } from './importCsv.ts';
export { parseMapping, mappingSchema, CANONICAL, IMPORT_KINDS, type ImportKind, type Mapping } from './mapping.ts';
export type { RowError } from './rows.ts';
